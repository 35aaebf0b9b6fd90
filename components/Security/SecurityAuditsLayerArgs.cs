using Platform.Components.Observability;
using Platform.Components.Security.Audits;
using Pulumi;

namespace Platform.Components.Security;

/// <summary>What <see cref="SecurityAuditsLayer"/> installs, and the facts of the stack it needs.</summary>
public sealed record SecurityAuditsLayerArgs
{
    /// <summary>Priorities, exceptions and sizing. Required.</summary>
    public required SecurityAuditsOptions Options { get; init; }

    /// <summary>The platform's own namespaces (<see cref="PlatformRulesInputs.PlatformNamespaces"/>). Default none.</summary>
    public IReadOnlyList<string> PlatformNamespaces { get; init; } = [];

    /// <summary>The platform namespaces whose pods never connect to public addresses
    /// (<see cref="PlatformRulesInputs.ClusterOnlyNamespaces"/>). Default none.</summary>
    public IReadOnlyList<string> ClusterOnlyNamespaces { get; init; } = [];

    /// <summary>The addresses platform pods reach on purpose, the API endpoint's (<see cref="PlatformRulesInputs.ClusterAddresses"/>).
    /// Default none.</summary>
    public IReadOnlyList<string> ClusterAddresses { get; init; } = [];

    /// <summary>The monitoring capability's namespace and CRDs; null when monitoring is off. When set, Falco serves
    /// metrics with ServiceMonitors for Falco and Falcosidekick, and Falcosidekick sends events to Alertmanager
    /// (<see cref="SecurityAuditsLayer.AlertmanagerService"/> in that namespace). Default null.</summary>
    public MetricsScraping? Metrics { get; init; }

    /// <summary>What the Alertmanager output waits for: the monitoring layer's release. Default none.</summary>
    public IReadOnlyList<Resource> AlertmanagerReady { get; init; } = [];

    /// <summary>The logging capability's OpenSearch; null when logging is off. When set, Falcosidekick writes events to
    /// the <c>falco-*</c> indices as the <see cref="LoggingClients.Falcosidekick"/> user, after
    /// <see cref="LoggingBackend.Ready"/>. Default null.</summary>
    public LoggingBackend? Logging { get; init; }

    /// <summary>Falcosidekick's replicas. Default 2.</summary>
    public int SidekickReplicas { get; init; } = 2;
}
