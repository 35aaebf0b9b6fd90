namespace Platform.Components.Observability.Scraping;

/// <summary>The cluster facts that decide how the control plane and the nodes are scraped.</summary>
public sealed record ControlPlaneScrapeOptions
{
    /// <summary>Whether kube-proxy runs (false when Cilium replaces it). Default true.</summary>
    public bool KubeProxy { get; init; } = true;

    /// <summary>Whether kubelets serve certificates signed by the cluster CA (hardening switch
    /// <c>kubeletServingCertificates</c>); otherwise each kubelet's serving certificate is self-signed and cannot be
    /// verified. Default true.</summary>
    public bool KubeletServingCertificates { get; init; } = true;
}
