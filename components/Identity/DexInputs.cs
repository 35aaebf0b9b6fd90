namespace Platform.Components.Identity;

/// <summary>The facts of the stack Dex's values need beside <see cref="AuthenticationOptions"/>.</summary>
public sealed record DexInputs
{
    /// <summary>The static clients (one per consumer that is on, kubelogin's first). Required.</summary>
    public required IReadOnlyList<OidcClientRegistration> Clients { get; init; }

    /// <summary>The default IngressClass Dex's issuer is served on. Required.</summary>
    public required string IngressClass { get; init; }

    /// <summary>The cert-manager ClusterIssuer of the issuer's certificate (Let's Encrypt, or the internal CA). Required.</summary>
    public required string ClusterIssuer { get; init; }

    /// <summary>Dex replicas. Default 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Whether the chart's ServiceMonitor scrapes Dex's telemetry port (the monitoring capability is on).
    /// Default false.</summary>
    public bool ServiceMonitor { get; init; }
}
