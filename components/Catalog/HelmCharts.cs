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

    /// <summary>cert-manager: issues and renews X.509 certificates from ClusterIssuers (Let's Encrypt over ACME, the
    /// platform's internal CA), with its CRDs, webhook and CA injector.
    /// From Jetstack's repository, <c>https://charts.jetstack.io</c>, which the cert-manager maintainers publish every
    /// release to and the installation guide names.
    /// Version v1.20.3 is a patch of the 1.20 line (released March 2026), which cert-manager supports until 1.22 ships
    /// and which supports Kubernetes 1.32 to 1.35, so the platform's default 1.33 and 1.34. The 1.19 line left support
    /// when 1.21 shipped (July 2026), and a certificate authority's controller should stay on a supported line; 1.20
    /// is kept over 1.21 because its supported range and chart values were checked for this pin and 1.21's were not;
    /// 1.21 is the next step. Clusters still on Kubernetes 1.30 or 1.31 are outside 1.20's supported range. The
    /// chart's versions carry a leading <c>v</c>.</summary>
    public static HelmChart CertManager { get; } = new()
    {
        Name = "cert-manager",
        Repository = "https://charts.jetstack.io",
        Version = "v1.20.3",
    };

    /// <summary>ExternalDNS: publishes the hostnames of Ingresses and Services as DNS records, through RFC 2136 or a
    /// cloud DNS service.
    /// From the Kubernetes SIG's own repository, <c>https://kubernetes-sigs.github.io/external-dns/</c>, where the
    /// project's maintainers publish the chart (the Bitnami chart is a separate, differently shaped packaging).
    /// Version 1.20.0 is the chart release that ships ExternalDNS v0.20.0; its values keep <c>provider.name</c>,
    /// <c>extraArgs</c> as a list and the <c>upsert-only</c> policy, which the renderer relies on.</summary>
    public static HelmChart ExternalDns { get; } = new()
    {
        Name = "external-dns",
        Repository = "https://kubernetes-sigs.github.io/external-dns/",
        Version = "1.20.0",
    };

    /// <summary>Traefik Proxy, the default ingress controller: Deployment, IngressClass, and Traefik's CRDs (shipped in
    /// the chart's <c>crds/</c> directory).
    /// From Traefik Labs' own repository, <c>https://traefik.github.io/charts</c>, where the maintainers publish the
    /// chart.
    /// Version 39.0.8 is the last release of the 39 line (Traefik Proxy 3.6). Chart 40 (Traefik Proxy 3.7) rewrites the
    /// Service values into Kubernetes' own syntax and renames providers, so moving to it is a change of its own, made
    /// together with the values in <c>IngressValues</c>.</summary>
    public static HelmChart Traefik { get; } = new()
    {
        Name = "traefik",
        Repository = "https://traefik.github.io/charts",
        Version = "39.0.8",
    };

    /// <summary>ingress-nginx, the Kubernetes community's NGINX ingress controller, kept selectable for existing
    /// workloads only: the project is retired (best-effort maintenance ended March 2026, repository archived).
    /// From the project's own repository, <c>https://kubernetes.github.io/ingress-nginx</c>, whose artifacts stay
    /// available after the retirement.
    /// Version 4.15.1 (controller 1.15.1, March 2026) is the final release; there will be no further fixes.</summary>
    public static HelmChart IngressNginx { get; } = new()
    {
        Name = "ingress-nginx",
        Repository = "https://kubernetes.github.io/ingress-nginx",
        Version = "4.15.1",
    };

    /// <summary>Contour (CNCF) with Envoy: the Contour controller, an Envoy Deployment, IngressClass and Contour's CRDs.
    /// From the Contour project's own repository, <c>https://projectcontour.github.io/helm-charts/</c>, which took the
    /// chart over from Bitnami (whose images and charts are no longer freely maintained); the gateway provisioner chart
    /// in the same repository serves Gateway API only, not Ingress.
    /// Version 0.8.0 ships Contour 1.33.7 with Envoy 1.38, the newest release of the maintained 1.33 line.</summary>
    public static HelmChart Contour { get; } = new()
    {
        Name = "contour",
        Repository = "https://projectcontour.github.io/helm-charts/",
        Version = "0.8.0",
    };

    /// <summary>The HAProxy Kubernetes Ingress Controller (community edition) with its IngressClass and CRDs.
    /// From HAProxy Technologies' own repository, <c>https://haproxytech.github.io/helm-charts</c>.
    /// Version 1.54.0 is a current release of the chart, which tracks the controller's 3.x line.</summary>
    public static HelmChart HAProxyKubernetesIngress { get; } = new()
    {
        Name = "kubernetes-ingress",
        Repository = "https://haproxytech.github.io/helm-charts",
        Version = "1.54.0",
    };

    /// <summary>MetalLB, which hands out LoadBalancer addresses on bare metal and announces them over L2 (ARP/NDP): the
    /// controller, the speaker DaemonSet, and the <c>metallb.io</c> CRDs (chart's <c>crds</c> subchart).
    /// From the MetalLB project's own repository, <c>https://metallb.github.io/metallb</c>.
    /// Version 0.15.3 is the last patch of the 0.15 line, which the platform's values target (FRR container off,
    /// metrics through kube-rbac-proxy); 0.16 replaces kube-rbac-proxy and makes frr-k8s the default BGP backend, a
    /// values change to make deliberately.</summary>
    public static HelmChart MetalLb { get; } = new()
    {
        Name = "metallb",
        Repository = "https://metallb.github.io/metallb",
        Version = "0.15.3",
    };

    /// <summary>The Emissary-ingress CRDs (the seed's Ambassador), installed before <see cref="Emissary"/>.
    /// Emissary 4 publishes its charts only as OCI artifacts on ghcr.io, chart and application versions aligned; 4.1.0
    /// is the current 4.x release documented by the project. Installed with <c>enableLegacyVersions=false</c>, so only
    /// the v3alpha1 CRDs are created and no conversion webhook has to run first.</summary>
    public static HelmChart EmissaryCrds { get; } = new()
    {
        Name = "emissary-crds-chart",
        Repository = "oci://ghcr.io/emissary-ingress",
        Version = "4.1.0",
    };

    /// <summary>Emissary-ingress itself, the Envoy-based API gateway and ingress controller (the seed's Ambassador).
    /// Same OCI registry and version as <see cref="EmissaryCrds"/>.</summary>
    public static HelmChart Emissary { get; } = new()
    {
        Name = "emissary-ingress",
        Repository = "oci://ghcr.io/emissary-ingress",
        Version = "4.1.0",
    };

    /// <summary>Every chart in the catalog, in declaration order.</summary>
    public static IReadOnlyList<HelmChart> All { get; } = [Cilium, TigeraOperator, CertManager, ExternalDns, Traefik, IngressNginx, Contour, HAProxyKubernetesIngress, MetalLb, EmissaryCrds, Emissary];
}
