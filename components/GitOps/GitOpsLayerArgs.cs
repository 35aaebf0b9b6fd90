using System.Collections.Immutable;
using Platform.Components.Identity;
using Platform.Components.Observability;
using Pulumi;

namespace Platform.Components.GitOps;

/// <summary>What <see cref="GitOpsLayer"/> installs, and the facts of the stack it needs.</summary>
public sealed record GitOpsLayerArgs
{
    /// <summary>The hostname, notifications and bootstrap. Required.</summary>
    public required GitOpsOptions Options { get; init; }

    /// <summary>Whether Argo CD runs highly available (<see cref="ArgoCdInputs.HighAvailability"/>). Default false.</summary>
    public bool HighAvailability { get; init; }

    /// <summary>Whether Redis HA's pods must each have a node of their own (<see cref="ArgoCdInputs.RedisHardAntiAffinity"/>).
    /// Default true.</summary>
    public bool RedisHardAntiAffinity { get; init; } = true;

    /// <summary>The default IngressClass, the namespace of its controller (which may reach the server's port) and the
    /// controller's HTTPS container port (where Argo CD's calls to the identity provider's public address land); null
    /// without the ingress capability. Default null.</summary>
    public (string ClassName, string ControllerNamespace, int ControllerHttpsPort)? Ingress { get; init; }

    /// <summary>The cert-manager ClusterIssuer of the server's certificate; null without the certificates capability.
    /// Default null.</summary>
    public string? ClusterIssuer { get; init; }

    /// <summary>Prometheus's namespace and the Prometheus Operator's CRDs when monitoring is on: the layer then adds a
    /// ServiceMonitor per component. Default null.</summary>
    public MetricsScraping? Metrics { get; init; }

    /// <summary>Alertmanager's namespace and <c>host:port</c> when notifications go there (monitoring on and
    /// <see cref="GitOpsOptions.Notifications"/>); null runs no notifications controller. Default null.</summary>
    public (string Namespace, string HostPort)? Alertmanager { get; init; }

    /// <summary>What the release waits for when notifications go to Alertmanager (the monitoring layer's release).
    /// Default none.</summary>
    public IReadOnlyList<Resource> AlertmanagerReady { get; init; } = [];

    /// <summary>The platform's identity provider, for single sign-on with its <see cref="OidcClients.ArgoCd"/> client and
    /// RBAC from its groups; null keeps the local admin (without the authentication capability, or without a hostname,
    /// where there is no callback address). Default null.</summary>
    public IdentityProvider? Identity { get; init; }

    /// <summary>The bootstrap repository's credentials from <c>platform:gitOpsRepositoryCredentials</c> as field to value
    /// (<see cref="ArgoCdBootstrap.HttpsFields"/> or <see cref="ArgoCdBootstrap.SshFields"/>), a secret; null for a
    /// repository that needs none. Default null.</summary>
    public Output<ImmutableDictionary<string, string>>? RepositoryCredentials { get; init; }
}
