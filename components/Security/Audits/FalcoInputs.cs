namespace Platform.Components.Security.Audits;

/// <summary>The facts of the stack that Falco's values depend on (<see cref="FalcoValues.Render"/>).</summary>
public sealed record FalcoInputs
{
    /// <summary>The platform's rules file (<see cref="PlatformRules.Render"/>). Required.</summary>
    public required string PlatformRulesYaml { get; init; }

    /// <summary>Alertmanager's in-cluster URL (<c>http://host:9093</c>) when the monitoring capability is on; null
    /// otherwise (no Alertmanager output). Default null.</summary>
    public string? AlertmanagerUrl { get; init; }

    /// <summary>OpenSearch's HTTPS endpoint when the logging capability is on; null otherwise (no OpenSearch output).
    /// The user and password come from <see cref="SidekickSecret"/>, the CA from <see cref="SidekickCaSecret"/>.
    /// Default null.</summary>
    public string? OpenSearchEndpoint { get; init; }

    /// <summary>The Secret (in Falco's namespace) with Falcosidekick's <c>ELASTICSEARCH_USERNAME</c> and
    /// <c>ELASTICSEARCH_PASSWORD</c>, read through <c>envFrom</c> (<c>config.existingSecret</c>). Default
    /// <c>falcosidekick-opensearch</c>.</summary>
    public string SidekickSecret { get; init; } = "falcosidekick-opensearch";

    /// <summary>The Secret (in Falco's namespace) with OpenSearch's CA certificate under <c>ca.crt</c>, mounted into
    /// Falcosidekick. Default <c>falcosidekick-opensearch-ca</c>.</summary>
    public string SidekickCaSecret { get; init; } = "falcosidekick-opensearch-ca";

    /// <summary>Whether the Prometheus Operator's CRDs are there: Falco's metrics, and ServiceMonitors for Falco and
    /// Falcosidekick. Default false.</summary>
    public bool ServiceMonitors { get; init; }

    /// <summary>Falcosidekick's replicas: 2, or 1 where workloads have one node. Default 2.</summary>
    public int SidekickReplicas { get; init; } = 2;
}
