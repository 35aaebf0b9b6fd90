using Platform.Components.Identity;

namespace Platform.Components.UserInterface;

/// <summary>What <see cref="UserInterfaceLayer"/> installs, and the facts of the stack it needs.</summary>
public sealed record UserInterfaceLayerArgs
{
    /// <summary>Headlamp's host, replicas (decided: not null) and session length. Required.</summary>
    public required UserInterfaceOptions Options { get; init; }

    /// <summary>The default IngressClass Headlamp is served through, and the namespace of its controller (which may reach
    /// Headlamp's port); null without the ingress capability (no Ingress: <c>kubectl port-forward</c>). Default null.</summary>
    public (string ClassName, string ControllerNamespace)? Ingress { get; init; }

    /// <summary>The cert-manager ClusterIssuer of Headlamp's certificate; null without the certificates capability (plain
    /// HTTP, and no single sign-on). Default null.</summary>
    public string? ClusterIssuer { get; init; }

    /// <summary>The platform's identity provider, when the authentication capability is on: Headlamp then signs its
    /// users in through it with its client (<see cref="OidcClients.Headlamp"/>) and hands their ID token to the API
    /// server, which trusts the same issuer. Null: Headlamp asks each user for a token. Default null.</summary>
    public IdentityProvider? Identity { get; init; }

    /// <summary>How Headlamp reaches the identity provider's public issuer URL; required with <see cref="Identity"/>.
    /// Default null.</summary>
    public IssuerRoute? IssuerRoute { get; init; }

    /// <summary>The prefix the API server puts before the identity provider's groups (<see cref="OidcIssuer.GroupsPrefix"/>),
    /// which the RoleBinding of <see cref="Prometheus"/> names them with. Default <c>oidc:</c>.</summary>
    public string GroupsPrefix { get; init; } = "oidc:";

    /// <summary>The monitoring layer's Prometheus (its namespace, Service and port), when the monitoring capability is
    /// on: the Prometheus plugin queries it through the API server's service proxy with the user's credentials, so the
    /// layer lets the identity provider's edit and view groups proxy to that one Service (cluster-admin may already).
    /// Null without monitoring. Default null.</summary>
    public (string Namespace, string Service, int Port)? Prometheus { get; init; }

    /// <summary>What the Prometheus plugin's Role waits for: the monitoring namespace. Default none.</summary>
    public IReadOnlyList<Pulumi.Resource> MonitoringReady { get; init; } = [];
}
