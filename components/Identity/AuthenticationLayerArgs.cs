using Platform.Components.Observability;
using Pulumi;

namespace Platform.Components.Identity;

/// <summary>What <see cref="AuthenticationLayer"/> installs, and the facts of the stack it needs.</summary>
public sealed record AuthenticationLayerArgs
{
    /// <summary>Dex's host, connectors, claim mappings and group rights (<c>platform:authentication</c>). Required.</summary>
    public required AuthenticationOptions Options { get; init; }

    /// <summary>The static clients, one per consumer that is on (the composition's registration list, kubelogin's
    /// <see cref="OidcClientRegistration.Kubernetes"/> included). Required.</summary>
    public required IReadOnlyList<OidcClientRegistration> Clients { get; init; }

    /// <summary>The connectors' secrets as a JSON object of connector id to secret (<c>platform:authenticationSecrets</c>),
    /// a Pulumi secret; null when no connector needs one (SAML only). Default null.</summary>
    public Input<string>? ConnectorSecrets { get; init; }

    /// <summary>The default IngressClass the issuer is served on, and the namespace of its controller (the only one that
    /// reaches Dex's port). Required.</summary>
    public required (string ClassName, string ControllerNamespace) Ingress { get; init; }

    /// <summary>The cert-manager ClusterIssuer of the issuer's certificate. Required.</summary>
    public required string ClusterIssuer { get; init; }

    /// <summary>The PEM of the CA that signs the issuer's certificate when <see cref="ClusterIssuer"/> is the platform's
    /// internal CA; null when it is publicly trusted (Let's Encrypt). Default null.</summary>
    public Output<string>? IssuerCaPem { get; init; }

    /// <summary>Dex replicas. Default 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>The teams' namespaces and their groups (<c>platform:tenants</c>): each group, with the groups prefix, is
    /// bound to <c>edit</c> in its namespace. Default none.</summary>
    public IReadOnlyList<(string Namespace, string Group)> Tenants { get; init; } = [];

    /// <summary>What the teams' RoleBindings wait for: the teams' namespaces. Default none.</summary>
    public IReadOnlyList<Resource> TenantsReady { get; init; } = [];

    /// <summary>What the release waits for beside its own namespace and Secret: cert-manager's release (the
    /// ClusterIssuer) and the ingress controllers' (the IngressClass). Default none.</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];

    /// <summary>Prometheus's namespace and the Prometheus Operator's CRDs when monitoring is on: the chart's
    /// ServiceMonitor then scrapes Dex's telemetry port. Default null.</summary>
    public MetricsScraping? Metrics { get; init; }
}
