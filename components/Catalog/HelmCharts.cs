namespace Platform.Components.Catalog;

/// <summary>The one place where third-party chart versions are pinned. Each entry says what it installs, why it comes
/// from that repository, and why that version; components take their chart from here and never spell a version
/// themselves.</summary>
public static class HelmCharts
{
    /// <summary>Cilium, the default CNI: eBPF pod networking, NetworkPolicy enforcement, optional kube-proxy replacement,
    /// WireGuard encryption of pod and node traffic, and Hubble flow visibility.
    /// From the Cilium project's own repository, <c>https://helm.cilium.io/</c>, where the maintainers publish every
    /// release.
    /// Version 1.18.14 is the newest patch (September 2026) of the 1.18 line, which Cilium still maintains; 1.18 is
    /// e2e-tested on Kubernetes 1.30 to 1.33 and needs Linux 5.10 or newer on the nodes. Kubernetes 1.34 is outside
    /// that tested list (Cilium then relies on Kubernetes' API compatibility); the 1.19 line tests newer Kubernetes
    /// releases and is the next step once the platform drops 1.30.</summary>
    public static HelmChart Cilium { get; } = new()
    {
        Name = "cilium",
        Repository = "https://helm.cilium.io/",
        Version = "1.18.14",
    };

    /// <summary>The Tigera operator, which installs and runs Calico, the alternative CNI (pod networking, NetworkPolicy,
    /// WireGuard for pod-to-pod traffic). The chart deploys the operator plus its <c>Installation</c> and
    /// <c>APIServer</c> resources, from which the operator builds Calico.
    /// From Project Calico's own repository, <c>https://docs.tigera.io/calico/charts</c>, the documented source of the
    /// open-source chart.
    /// Version v3.30.7 is the newest patch of the Calico 3.30 line, whose nightly e2e runs follow the current
    /// Kubernetes releases. Calico's chart versions carry a leading <c>v</c>; that is the exact published version, not
    /// a range.</summary>
    public static HelmChart TigeraOperator { get; } = new()
    {
        Name = "tigera-operator",
        Repository = "https://docs.tigera.io/calico/charts",
        Version = "v3.30.7",
    };

    /// <summary>Every chart in the catalog, in declaration order.</summary>
    public static IReadOnlyList<HelmChart> All { get; } = [Cilium, TigeraOperator];
}
