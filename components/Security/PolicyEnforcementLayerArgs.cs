using Platform.Components.Observability;
using Platform.Components.Security.Policies;

namespace Platform.Components.Security;

/// <summary>What <see cref="PolicyEnforcementLayer"/> installs, and the facts of the stack it needs.</summary>
public sealed record PolicyEnforcementLayerArgs
{
    /// <summary>The policies to enforce (<see cref="PolicyOptions.Enabled"/>), each one template and one constraint.
    /// Default none (Gatekeeper runs and audits nothing).</summary>
    public IReadOnlyList<PlatformPolicy> Policies { get; init; } = [];

    /// <summary>The namespaces no policy ever checks: kube-system and every platform namespace (the layer adds its own).
    /// Default none besides the layer's.</summary>
    public IReadOnlyList<string> ExemptNamespaces { get; init; } = [];

    /// <summary>Webhook replicas. Default 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Whether the webhook fails closed (<c>Fail</c>): with Gatekeeper down, the requests it would check are
    /// refused (the exempt namespaces never are). Default false (<c>Ignore</c>: admitted, and the audit reports what
    /// slipped through).</summary>
    public bool FailClosed { get; init; }

    /// <summary>Prometheus' namespace and CRDs when monitoring is on: the controller's and the audit's metrics
    /// (<c>gatekeeper_violations</c> by enforcement action among them) are scraped through a
    /// PodMonitor. Default null.</summary>
    public MetricsScraping? Metrics { get; init; }
}
