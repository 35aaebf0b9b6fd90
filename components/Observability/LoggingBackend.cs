using Pulumi;

namespace Platform.Components.Observability;

/// <summary>What a layer needs to write to or read from the logging layer's OpenSearch: its HTTPS endpoint, the CA that
/// signs its certificate, one service user per client and the resource to wait for. Layers get it from the composition
/// (null when the logging capability is off: they then keep their data elsewhere or not at all).</summary>
public sealed record LoggingBackend
{
    /// <summary>The namespace OpenSearch runs in (the peer of every client's egress allowance). Default <c>logging</c>.</summary>
    public string Namespace { get; init; } = "logging";

    /// <summary>OpenSearch's HTTPS endpoint inside the cluster, e.g. <c>https://opensearch-cluster-master.logging.svc:9200</c>.
    /// Required.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The port of <see cref="Endpoint"/>. Default 9200.</summary>
    public int Port { get; init; } = 9200;

    /// <summary>The PEM certificate of the CA that signs OpenSearch's HTTP certificate: clients verify against it (never
    /// skip verification). Required.</summary>
    public required Output<string> CaCertificatePem { get; init; }

    /// <summary>One service user per client, by <see cref="LoggingClients"/> name (<c>fluent-bit</c>, <c>jaeger</c>,
    /// <c>falcosidekick</c>, <c>grafana</c>), each allowed only what that client does. Required.</summary>
    public required IReadOnlyDictionary<string, OpenSearchCredentials> Users { get; init; }

    /// <summary>The resource a client waits for before it writes (the OpenSearch release and its security
    /// configuration). Required.</summary>
    public required Resource Ready { get; init; }
}
