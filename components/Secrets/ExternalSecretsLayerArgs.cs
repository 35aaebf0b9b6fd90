using Platform.Components.Tenancy;
using Pulumi;

namespace Platform.Components.Secrets;

/// <summary>What <see cref="ExternalSecretsLayer"/> installs and configures.</summary>
public sealed record ExternalSecretsLayerArgs
{
    /// <summary>The secret-management layer's Vault or OpenBao server. Required.</summary>
    public required VaultServer Vault { get; init; }

    /// <summary>The teams' namespaces (<c>platform:tenants</c>): one Vault role and path per team, one SecretStore per
    /// namespace. Default none.</summary>
    public IReadOnlyList<TenantOptions> Tenants { get; init; } = [];

    /// <summary>What the teams' SecretStores and ServiceAccounts wait for: the team namespaces' components. Default none.</summary>
    public IReadOnlyList<Resource> TenantsReady { get; init; } = [];

    /// <summary>How the metrics are scraped, when the monitoring capability is on: then the chart creates its
    /// ServiceMonitors and the release waits for the Prometheus Operator's CRDs. Default null (off).</summary>
    public Observability.MetricsScraping? Metrics { get; init; }
}
