using Platform.Components.Identity;
using Platform.Components.Security.Scanning;
using Pulumi;

namespace Platform.Components.Security;

/// <summary>What <see cref="ImageScanningLayer"/> installs.</summary>
public sealed record ImageScanningLayerArgs
{
    /// <summary>The scanning options (<c>platform:imageScanning</c>). Required.</summary>
    public required ImageScanningOptions Options { get; init; }

    /// <summary>How the metrics are scraped, when the monitoring capability is on: then the charts create ServiceMonitors
    /// and the releases wait for the Prometheus Operator's CRDs. Default null (off).</summary>
    public Observability.MetricsScraping? Metrics { get; init; }

    /// <summary>With Harbor: the default IngressClass and the namespace of its controller (whose pods reach Harbor).
    /// Required with Harbor, unused without.</summary>
    public (string ClassName, string ControllerNamespace)? Ingress { get; init; }

    /// <summary>With Harbor: the cert-manager ClusterIssuer of Harbor's certificate. Required with Harbor.</summary>
    public string? ClusterIssuer { get; init; }

    /// <summary>With Harbor: the StorageClass of its volumes (the platform's). Required with Harbor.</summary>
    public string? StorageClass { get; init; }

    /// <summary>What Harbor's release waits for: the storage layer's release when the platform deploys the StorageClass
    /// (<c>PlatformLayers.StorageReady</c>), cert-manager's release (its ClusterIssuer) and the ingress layer's (the
    /// IngressClass). Default none.</summary>
    public IReadOnlyList<Resource> HarborDependsOn { get; init; } = [];

    /// <summary>The platform's identity provider, when the authentication capability is on: Harbor then signs its users
    /// in through it (its OIDC auth mode, set by the setup Job, with its client <see cref="OidcClients.Harbor"/>); the
    /// local admin stays. Used with Harbor only. Default null.</summary>
    public IdentityProvider? Identity { get; init; }

    /// <summary>How Harbor reaches the identity provider's public issuer URL; required with <see cref="Identity"/> and
    /// Harbor. Default null.</summary>
    public IssuerRoute? IssuerRoute { get; init; }
}
