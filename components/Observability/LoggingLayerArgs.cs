using Platform.Components.Identity;
using Platform.Components.Observability.Logging;
using Pulumi;

namespace Platform.Components.Observability;

/// <summary>What <see cref="LoggingLayer"/> installs, and the facts of the stack it needs.</summary>
public sealed record LoggingLayerArgs
{
    /// <summary>Sizing, retention, storage and Dashboards' hostname. Required.</summary>
    public required LoggingOptions Options { get; init; }

    /// <summary>The StorageClass of the nodes' volumes (the platform's, from the storage capability); null with
    /// <see cref="LoggingOptions.Ephemeral"/>. Default null.</summary>
    public string? StorageClass { get; init; }

    /// <summary>What the volumes wait for: the storage layer's release holding the StorageClass, when the platform
    /// deploys it. Default none.</summary>
    public IReadOnlyList<Resource> StorageReady { get; init; } = [];

    /// <summary>The cluster's DNS domain, which the certificates' names end in. Default <c>cluster.local</c>.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>The default IngressClass Dashboards is exposed through (with <see cref="LoggingOptions.DashboardsHost"/>),
    /// and the namespace of its controller, which may reach Dashboards' port; null without the ingress capability.
    /// Default null.</summary>
    public (string ClassName, string ControllerNamespace)? Ingress { get; init; }

    /// <summary>The cert-manager ClusterIssuer of Dashboards' certificate; null without the certificates capability.
    /// Default null.</summary>
    public string? ClusterIssuer { get; init; }

    /// <summary>The platform's identity provider, when the authentication capability is on: OpenSearch Dashboards
    /// (served over https) then signs its users in through it with its client
    /// (<see cref="OidcClients.OpenSearchDashboards"/>), beside the basic login, and OpenSearch accepts its ID
    /// tokens. Default null.</summary>
    public IdentityProvider? Identity { get; init; }

    /// <summary>How OpenSearch and Dashboards reach the identity provider's public issuer URL; required with
    /// <see cref="Identity"/>. Default null.</summary>
    public IssuerRoute? IssuerRoute { get; init; }
}
