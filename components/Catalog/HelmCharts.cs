namespace Platform.Components.Catalog;

/// <summary>The one place where third-party chart versions are pinned. Each entry says what it installs, why it comes
/// from that repository, why that version, where a reviewer can see that the version exists ("Source:"), and the
/// Kubernetes versions it documents ("Kubernetes:"), measured against the minors the platform supports (1.35, 1.36 and
/// 1.37, the ones upstream still patches on 2026-12-01: <c>stacks/Configuration/KubernetesVersions.cs</c>), saying which
/// of them the documented range covers and which it leaves out or leaves untested, and how the chart's CRDs are installed and upgraded with it ("CRDs:", the
/// <see cref="HelmChart.Crds"/> path with its evidence: Helm never upgrades a chart's <c>crds/</c> folder, so no entry
/// relies on it). Components take their chart from here and never spell a version themselves.</summary>
public static class HelmCharts
{
    /// <summary>Cilium, the default CNI: eBPF pod networking, NetworkPolicy enforcement, optional kube-proxy replacement,
    /// WireGuard encryption of pod and node traffic, and Hubble flow visibility.
    /// From the Cilium project's own repository, <c>https://helm.cilium.io/</c>, where the maintainers publish every
    /// release.
    /// Version 1.20.0 (July 2026) opens the newest stable line. Cilium e2e-tests each line on the Kubernetes releases
    /// current when the line branched and typically does not change that list afterwards: 1.18 lists 1.30 to 1.33 and 1.19 lists
    /// 1.32 to 1.35, so only 1.20 can cover 1.36. 1.20 serves <c>CiliumLoadBalancerIPPool</c> only as
    /// <c>cilium.io/v2</c>, which the platform's pools already use; the chart values the platform sets are unchanged
    /// from 1.18. Cilium upgrades one minor line at a time: a cluster still on 1.18 goes through 1.19 (1.19.6) in a
    /// <c>pulumi up</c> of its own first.
    /// Source: <c>https://github.com/cilium/cilium/releases/tag/v1.20.0</c> (chart <c>cilium-1.20.0.tgz</c> in the
    /// helm.cilium.io index, cilium/charts commit 009b5e958217).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;= 1.21.0-0</c>; the e2e-tested list of the line is on
    /// <c>https://docs.cilium.io/en/v1.20/network/kubernetes/compatibility/</c> (1.33 to 1.36 as quoted by downstream
    /// upgrades; the reference data here holds no copy of that page). Covers 1.35 and 1.36; 1.37 is newer than the
    /// tested list, so clusters on 1.37 run Cilium untested.
    /// CRDs: <see cref="CrdInstall.Operator"/>. The chart carries no CRD files or templates; the cilium-operator
    /// registers and upgrades the <c>cilium.io</c> CRDs when it starts (values.yaml <c>operator.skipCRDCreation:
    /// false</c>), so every upgrade of the release brings its CRDs. The pools and L2 policy wait for the release.</summary>
    public static HelmChart Cilium { get; } = new()
    {
        Name = "cilium",
        Repository = "https://helm.cilium.io/",
        Version = "1.20.0",
        Crds = CrdInstall.Operator,
    };

    /// <summary>Calico's CRDs (<c>crd.projectcalico.org/v1</c> and <c>operator.tigera.io/v1</c>) as a chart of their own,
    /// installed before <see cref="TigeraOperator"/>: from Calico 3.32 the operator chart no longer carries them, and its
    /// <c>Installation</c> and <c>FelixConfiguration</c> need them at install time. The CRDs are chart templates, so an
    /// upgrade of this release upgrades them.
    /// Same repository and version as <see cref="TigeraOperator"/>; the install guide of 3.32 installs this chart first.
    /// A cluster whose Calico came from an older chart holds these CRDs without Helm ownership (they came from that
    /// chart's <c>crds/</c>), and Helm refuses to take them over: before the upgrade label them
    /// <c>app.kubernetes.io/managed-by=Helm</c> and annotate them <c>meta.helm.sh/release-name=crd.projectcalico.org.v1</c>,
    /// <c>meta.helm.sh/release-namespace=tigera-operator</c>.
    /// Source: <c>https://github.com/projectcalico/calico/tree/v3.32.1/charts/crd.projectcalico.org.v1</c>.
    /// Kubernetes: as <see cref="TigeraOperator"/>.
    /// CRDs: <see cref="CrdInstall.CrdChart"/>: every file of the chart is a plain CRD under <c>templates/</c> (no
    /// values, no <c>helm.sh/resource-policy</c> annotation to keep them), so the release is installed without atomic
    /// rollback or clean-up and is kept when it leaves the stack.</summary>
    public static HelmChart CalicoCrds { get; } = new()
    {
        Name = "crd.projectcalico.org.v1",
        Repository = "https://docs.tigera.io/calico/charts",
        Version = "v3.32.1",
        Crds = CrdInstall.CrdChart,
    };

    /// <summary>The Tigera operator, which installs and runs Calico, the alternative CNI (pod networking, NetworkPolicy,
    /// WireGuard for pod-to-pod traffic). The chart deploys the operator plus its <c>Installation</c> and
    /// <c>APIServer</c> resources, from which the operator builds Calico; from 3.32 it ships no CRDs, they come from
    /// <see cref="CalicoCrds"/>, installed first.
    /// From Project Calico's own repository, <c>https://docs.tigera.io/calico/charts</c>, the documented source of the
    /// open-source chart.
    /// Version v3.32.1 is the newest patch of Calico 3.32, the only line tested on 1.36 (the tested list of 3.31 starts
    /// at 1.32 and ends before 1.36). Calico's chart versions carry a leading
    /// <c>v</c>; that is the exact published version, not a range.
    /// Source: <c>https://github.com/projectcalico/calico/releases/tag/v3.32.1</c> (June 2026).
    /// Kubernetes: tested on 1.34, 1.35 and 1.36 ("Supported versions" on
    /// <c>https://docs.tigera.io/calico/3.32/getting-started/kubernetes/requirements</c>); the chart declares no
    /// <c>kubeVersion</c>. Covers 1.35 and 1.36; 1.37 is not tested by Calico 3.32.
    /// CRDs: <see cref="CrdInstall.FromCrdChart"/>, from <see cref="CalicoCrds"/> (the chart of v3.32.1 has no
    /// <c>crds/</c> folder and no CRD templates).</summary>
    public static HelmChart TigeraOperator { get; } = new()
    {
        Name = "tigera-operator",
        Repository = "https://docs.tigera.io/calico/charts",
        Version = "v3.32.1",
        Crds = CrdInstall.FromCrdChart,
        CrdChart = CalicoCrds,
    };

    /// <summary>cert-manager: issues and renews X.509 certificates from ClusterIssuers (Let's Encrypt over ACME, the
    /// platform's internal CA), with its CRDs, webhook and CA injector.
    /// From Jetstack's repository, <c>https://charts.jetstack.io</c>, which the cert-manager maintainers publish every
    /// release to and the installation guide names.
    /// Version v1.21.1 is the newest patch of the 1.21 line (released July 2026), which cert-manager supports until 1.23
    /// ships and which is the only supported line covering Kubernetes 1.36 (1.20 supports 1.32 to 1.35). Its chart values
    /// and ClusterIssuer schema are those of 1.20 for everything the platform sets. The chart's versions carry a leading
    /// <c>v</c>.
    /// Source: <c>https://github.com/cert-manager/cert-manager/releases/tag/v1.21.1</c>.
    /// Kubernetes: supported and tested 1.33 to 1.36 (<c>https://cert-manager.io/docs/releases/</c>); Chart.yaml
    /// <c>kubeVersion: &gt;= 1.22.0-0</c>. Covers 1.35 and 1.36; 1.37 is outside it: no cert-manager release listed 1.37
    /// in the sources (up to mid-October 2026), so clusters on 1.37 run cert-manager unsupported until one does.
    /// CRDs: <see cref="CrdInstall.Templates"/>: <c>templates/crd-*.yaml</c> render when <c>crds.enabled</c> is true
    /// (the chart's default is false), and carry <c>helm.sh/resource-policy: keep</c> with <c>crds.keep</c> (default
    /// true), so Helm never deletes them, not on uninstall nor on a rolled-back install. The issuers wait for the
    /// release.</summary>
    public static HelmChart CertManager { get; } = new()
    {
        Name = "cert-manager",
        Repository = "https://charts.jetstack.io",
        Version = "v1.21.1",
        Crds = CrdInstall.Templates,
        CrdValuesSwitch = "crds.enabled",
    };

    /// <summary>ExternalDNS: publishes the hostnames of Ingresses and Services as DNS records, through RFC 2136 or a
    /// cloud DNS service.
    /// From the Kubernetes SIG's own repository, <c>https://kubernetes-sigs.github.io/external-dns/</c>, where the
    /// project's maintainers publish the chart (the Bitnami chart is a separate, differently shaped packaging).
    /// Version 1.21.1 is the newest chart release and ships ExternalDNS v0.21.0 (built against Kubernetes 1.35 client
    /// libraries); its values keep <c>provider.name</c>, <c>extraArgs</c> as a list and the <c>upsert-only</c> policy,
    /// and v0.21.0 keeps every RFC 2136, Azure and Google flag the renderer passes.
    /// Source: <c>https://github.com/kubernetes-sigs/external-dns/releases/tag/external-dns-helm-chart-1.21.1</c>.
    /// Kubernetes: "≥ 1.33" for ExternalDNS 0.18 and newer (README of v0.21.0, "Kubernetes version compatibility"); the
    /// chart declares no <c>kubeVersion</c>. The open range covers 1.35, 1.36 and 1.37 (no tested upper bound).
    /// CRDs: <see cref="CrdInstall.Manifests"/>. The chart ships the <c>DNSEndpoint</c> CRD in <c>crds/</c> (which Helm
    /// never upgrades) and no CRD chart; the platform's sources (ingress, service) do not read it, but the chart
    /// installs it, so it is kept at the chart's version: the file of <c>charts/external-dns/crds/</c> at tag
    /// <c>external-dns-helm-chart-1.21.1</c> (commit 9f2645134677), vendored in
    /// <c>components/Catalog/Crds/external-dns-1.21.1/</c>, is registered first as a resource of its own, kept on delete,
    /// and the chart is installed with <c>skipCrds</c>.</summary>
    public static HelmChart ExternalDns { get; } = new()
    {
        Name = "external-dns",
        Repository = "https://kubernetes-sigs.github.io/external-dns/",
        Version = "1.21.1",
        Crds = CrdInstall.Manifests,
        CrdManifests = "external-dns-1.21.1",
    };

    /// <summary>Traefik Proxy, the default ingress controller: Deployment, IngressClass, and Traefik's CRDs (shipped in
    /// the chart's <c>crds/</c> directory, applied separately: see "CRDs" below).
    /// From Traefik Labs' own repository, <c>https://traefik.github.io/charts</c>, where the maintainers publish the
    /// chart.
    /// Version 41.3.0 (Traefik Proxy 3.7.11) is the newest release of the newest chart line (the 39 line carries Proxy
    /// 3.6). Since chart 40 the Service is written in Kubernetes' own syntax (<c>service.spec</c>), which
    /// <c>IngressValues</c> follows.
    /// Source: <c>https://github.com/traefik/traefik-helm-chart/releases/tag/v41.3.0</c> (August 2026).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;=1.25.0-0</c>, a lower bound only: covers 1.35, 1.36 and 1.37 (the chart
    /// publishes no tested list).
    /// CRDs: <see cref="CrdInstall.Manifests"/>. The chart ships its 25 CRDs (<c>traefik.io</c> and <c>hub.traefik.io</c>)
    /// in <c>crds/</c>, which Helm never upgrades. There is no CRD chart for this version: <c>traefik-crds</c> was
    /// deprecated from chart 38.0.2 and removed from the repository before chart 40.1.0 (commit fd6fca32, May 2026); its
    /// last release, 1.18.0, came with chart 40.0.0 and its CRDs differ from 41.3.0's. The chart's README (v41.3.0,
    /// "Upgrade the Standalone Traefik Chart") has the CRDs of the release applied before every upgrade; so the files of
    /// <c>traefik/crds/</c> at tag v41.3.0 (commit a8a66d009870, the same files as <c>helm show crds</c>: .helmignore
    /// leaves out only kustomization.yaml), vendored in <c>components/Catalog/Crds/traefik-41.3.0/</c>, are registered
    /// first, one resource per CRD, each kept on delete, and the chart is installed with <c>skipCrds</c>. A cluster
    /// whose Traefik CRDs came from an earlier chart's <c>crds/</c> holds them outside Pulumi: import them (or let the
    /// cluster's provider upsert existing objects) before the first update.</summary>
    public static HelmChart Traefik { get; } = new()
    {
        Name = "traefik",
        Repository = "https://traefik.github.io/charts",
        Version = "41.3.0",
        Crds = CrdInstall.Manifests,
        CrdManifests = "traefik-41.3.0",
    };

    /// <summary>ingress-nginx, the Kubernetes community's NGINX ingress controller, kept selectable for existing
    /// workloads only: the project is retired (best-effort maintenance ended March 2026, repository archived).
    /// From the project's own repository, <c>https://kubernetes.github.io/ingress-nginx</c>, whose artifacts stay
    /// available after the retirement.
    /// Version 4.15.1 (controller 1.15.1, March 2026) is the final release; there will be no further fixes.
    /// Source: <c>https://github.com/kubernetes/ingress-nginx/releases/tag/helm-chart-4.15.1</c>.
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;=1.21.0-0</c>; controller 1.15 is e2e-tested up to 1.35
    /// (kubernetes/ingress-nginx#14428). Covers 1.35; 1.36 and 1.37 came out after the retirement and are not tested:
    /// one more reason to move to a maintained controller.
    /// CRDs: <see cref="CrdInstall.None"/> (no <c>crds/</c> folder, no CRD templates).</summary>
    public static HelmChart IngressNginx { get; } = new()
    {
        Name = "ingress-nginx",
        Repository = "https://kubernetes.github.io/ingress-nginx",
        Version = "4.15.1",
        Crds = CrdInstall.None,
    };

    /// <summary>Contour (CNCF) with Envoy: the Contour controller, an Envoy Deployment, IngressClass and Contour's CRDs.
    /// From the Contour project's own repository, <c>https://projectcontour.github.io/helm-charts/</c>, which took the
    /// chart over from Bitnami (whose images and charts are no longer freely maintained); the gateway provisioner chart
    /// in the same repository serves Gateway API only, not Ingress.
    /// Version 0.7.0 (August 2026) ships Contour 1.33.6, the newest chart release; no chart of a newer Contour line
    /// exists.
    /// Source: <c>https://github.com/projectcontour/helm-charts/releases/tag/contour-0.7.0</c>.
    /// Kubernetes: chart README "Kubernetes 1.23+"; Contour 1.33.x is tested on 1.32 to 1.34 (release notes of v1.33.3
    /// and v1.33.7). The README's lower bound admits 1.35, 1.36 and 1.37, but none of them is tested: clusters on any
    /// supported minor run Contour untested until a chart of a newer Contour line ships.
    /// CRDs: <see cref="CrdInstall.Templates"/>: the <c>projectcontour.io</c> CRDs are the template
    /// <c>templates/crds/contour-crds.yaml</c>, rendered when <c>contour.manageCRDs</c> is true ("Manage the creation,
    /// upgrade and deletion of Contour CRDs", chart README); the Gateway API CRDs (<c>gatewayAPI.manageCRDs</c>) stay
    /// off. The templates carry no keep annotation: removing the release removes the CRDs with it.</summary>
    public static HelmChart Contour { get; } = new()
    {
        Name = "contour",
        Repository = "https://projectcontour.github.io/helm-charts/",
        Version = "0.7.0",
        Crds = CrdInstall.Templates,
        CrdValuesSwitch = "contour.manageCRDs",
    };

    /// <summary>The HAProxy Kubernetes Ingress Controller (community edition) with its IngressClass and CRDs.
    /// From HAProxy Technologies' own repository, <c>https://haproxytech.github.io/helm-charts</c>.
    /// Version 1.52.1 (July 2026, controller 3.2.12) is the newest release of the chart, which tracks the controller's
    /// 3.2 line.
    /// Source: <c>https://github.com/haproxytech/helm-charts/releases/tag/kubernetes-ingress-1.52.1</c>.
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;=1.23.0-0</c>; chart README "Kubernetes 1.23+ (recommended
    /// 1.24+)". A lower bound only: covers 1.35, 1.36 and 1.37 (no tested list).
    /// CRDs: <see cref="CrdInstall.HookJob"/>. The chart has had no <c>crds/</c> folder since 1.35.0 (haproxytech/helm-charts
    /// commit 9f518ee, "CRD job work"): <c>templates/controller-crdjob.yaml</c> is a <c>post-install,pre-upgrade</c>
    /// hook Job that runs the controller image of the release with <c>--job-check-crd</c>, which creates each
    /// <c>ingress.v1.haproxy.org</c>/<c>ingress.v3.haproxy.org</c> CRD that is missing and updates the others
    /// (kubernetes-ingress <c>pkg/job/crd-check.go</c>; it deletes none). The chart README: "from Helm Chart 1.35.0,
    /// Helm Chart contains CRD install/upgrade job that will take care of both installing and upgrading CRDs". Hook
    /// output is not part of the release, so Helm never deletes these CRDs.</summary>
    public static HelmChart HAProxyKubernetesIngress { get; } = new()
    {
        Name = "kubernetes-ingress",
        Repository = "https://haproxytech.github.io/helm-charts",
        Version = "1.52.1",
        Crds = CrdInstall.HookJob,
    };

    /// <summary>MetalLB, which hands out LoadBalancer addresses on bare metal and announces them over L2 (ARP/NDP): the
    /// controller, the speaker DaemonSet, and the <c>metallb.io</c> CRDs (chart's <c>crds</c> subchart).
    /// From the MetalLB project's own repository, <c>https://metallb.github.io/metallb</c>.
    /// Version 0.16.1 is the newest patch of the newest line. 0.16 serves metrics itself (TLS on port 9120) instead of
    /// through kube-rbac-proxy and turns the frr-k8s BGP backend on by default; the platform's values switch frr-k8s
    /// off (L2 only), and the <c>IPAddressPool</c> and <c>L2Advertisement</c> objects stay <c>metallb.io/v1beta1</c>.
    /// Source: <c>https://github.com/metallb/metallb/releases/tag/metallb-chart-0.16.1</c> (May 2026).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;= 1.19.0-0</c>, a lower bound only: covers 1.35, 1.36 and 1.37 (no
    /// tested list in the chart).
    /// CRDs: <see cref="CrdInstall.Templates"/>: the vendored <c>crds</c> subchart (<c>charts/crds/templates/crds.yaml</c>,
    /// condition <c>crds.enabled</c>) renders them as templates, so every upgrade of the release upgrades them. They
    /// carry no keep annotation: removing the release removes the CRDs and the pools with it. The pools and the L2
    /// advertisement wait for the release.</summary>
    public static HelmChart MetalLb { get; } = new()
    {
        Name = "metallb",
        Repository = "https://metallb.github.io/metallb",
        Version = "0.16.1",
        Crds = CrdInstall.Templates,
        CrdValuesSwitch = "crds.enabled",
    };

    /// <summary>The Emissary-ingress CRDs (the seed's Ambassador), installed before <see cref="Emissary"/>.
    /// Emissary 4 publishes its charts only as OCI artifacts on ghcr.io, chart and application versions aligned; 4.1.0
    /// is the newest 4.x release. Installed with <c>enableLegacyVersions=false</c>, so only the v3alpha1 CRDs are
    /// created and no conversion webhook has to run first.
    /// Source: <c>https://github.com/emissary-ingress/emissary/releases/tag/v4.1.0</c> (May 2026).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;=1.25.0-0</c>, a lower bound only: covers 1.35, 1.36 and 1.37 (no
    /// tested list in the chart).
    /// CRDs: <see cref="CrdInstall.CrdChart"/>: the <c>getambassador.io</c> CRDs are templates
    /// (<c>charts/emissary-crds/templates/*.yaml</c> at tag v4.1.0), with no keep annotation, so the release is
    /// installed without atomic rollback or clean-up and is kept when it leaves the stack.</summary>
    public static HelmChart EmissaryCrds { get; } = new()
    {
        Name = "emissary-crds-chart",
        Repository = "oci://ghcr.io/emissary-ingress",
        Version = "4.1.0",
        Crds = CrdInstall.CrdChart,
    };

    /// <summary>Emissary-ingress itself, the Envoy-based API gateway and ingress controller (the seed's Ambassador).
    /// Same OCI registry, version and source as <see cref="EmissaryCrds"/>.
    /// Kubernetes: as <see cref="EmissaryCrds"/> (Chart.yaml <c>kubeVersion: &gt;=1.25.0-0</c>): covers 1.35, 1.36 and
    /// 1.37.
    /// CRDs: <see cref="CrdInstall.FromCrdChart"/>, from <see cref="EmissaryCrds"/> (the chart itself ships none).</summary>
    public static HelmChart Emissary { get; } = new()
    {
        Name = "emissary-ingress",
        Repository = "oci://ghcr.io/emissary-ingress",
        Version = "4.1.0",
        Crds = CrdInstall.FromCrdChart,
        CrdChart = EmissaryCrds,
    };

    /// <summary>kubelet-csr-approver: approves the kubelets' serving certificate requests (signer
    /// <c>kubernetes.io/kubelet-serving</c>, kubelet <c>serverTLSBootstrap</c>), the first ones and every renewal, but only
    /// for the names and IP addresses it is given, and denies the others. Part of the cluster core whenever the hardening
    /// switch <c>KubeletServingCertificates</c> is on (<c>Cluster.ServingCertificates.KubeletCsrApproverValues</c>).
    /// From the project's own repository, <c>https://postfinance.github.io/kubelet-csr-approver</c> (PostFinance, the
    /// maintainers; the same chart is also pushed to <c>oci://ghcr.io/postfinance/charts</c>). Its image,
    /// <c>ghcr.io/postfinance/kubelet-csr-approver</c>, is the chart's <c>appVersion</c> (1.2.14), left to the chart.
    /// Version 1.2.14 (April 2026) is the newest release; chart and application versions are the same. Kubernetes'
    /// own controller approves only kubelet client certificates, never serving ones, so without an approver every
    /// renewal stays pending and <c>kubectl logs/exec</c> and metrics stop once the first certificate expires.
    /// Source: <c>https://github.com/postfinance/kubelet-csr-approver/releases/tag/v1.2.14</c> (tag v1.2.14, commit
    /// 14dd0aca331f, 2026-04-09; the chart in git holds placeholder versions, set from the tag at release).
    /// Kubernetes: the chart declares no <c>kubeVersion</c> and the project publishes no supported range; 1.2.14 is built
    /// against Kubernetes 1.35 client libraries (go.mod: <c>k8s.io/client-go v0.35.3</c>, controller-runtime v0.23.3) and
    /// uses only <c>certificates.k8s.io/v1</c> (CertificateSigningRequest and its approval, GA since 1.19) and
    /// <c>coordination.k8s.io/v1</c> leases, both stable with no removal announced; its CI installs the chart on kind's
    /// default image only. Covers 1.35 by its build; 1.36 and 1.37 run it untested, on APIs that have not changed.
    /// CRDs: <see cref="CrdInstall.None"/> (no <c>crds/</c> folder, no CRD templates).</summary>
    public static HelmChart KubeletCsrApprover { get; } = new()
    {
        Name = "kubelet-csr-approver",
        Repository = "https://postfinance.github.io/kubelet-csr-approver",
        Version = "1.2.14",
        Crds = CrdInstall.None,
    };

    /// <summary>metrics-server: the resource metrics API (<c>metrics.k8s.io</c>) behind <c>kubectl top</c> and
    /// HorizontalPodAutoscalers, scraping every kubelet.
    /// From the Kubernetes SIG's own repository, <c>https://kubernetes-sigs.github.io/metrics-server/</c>, where the
    /// project's maintainers publish the chart with each release.
    /// Version 3.13.1 (June 2026) is the newest chart release and ships metrics-server 0.8.1; the 0.9 line the project's
    /// README lists has no chart release in the reference data. The values the platform sets (<c>defaultArgs</c>,
    /// <c>extraVolumes</c>, <c>tls.type</c>, <c>podDisruptionBudget</c>) are the chart's of this version.
    /// Source: <c>https://github.com/kubernetes-sigs/metrics-server/releases/tag/metrics-server-helm-chart-3.13.1</c>.
    /// Kubernetes: metrics-server 0.8.x supports "1.31+" (the README's compatibility matrix); 0.8.1 is built against
    /// Kubernetes 1.33 libraries (go.mod <c>k8s.io/client-go v0.33.7</c>) and serves <c>metrics.k8s.io/v1beta1</c>,
    /// unchanged since 1.8. The chart declares no <c>kubeVersion</c>. The open range covers 1.35, 1.36 and 1.37.
    /// CRDs: <see cref="CrdInstall.None"/> (no <c>crds/</c> folder, no CRD templates).</summary>
    public static HelmChart MetricsServer { get; } = new()
    {
        Name = "metrics-server",
        Repository = "https://kubernetes-sigs.github.io/metrics-server/",
        Version = "3.13.1",
        Crds = CrdInstall.None,
    };

    /// <summary>kube-state-metrics: the state of Kubernetes objects (deployments' replicas, pods' phases, nodes'
    /// conditions, ...) as Prometheus metrics.
    /// From the Prometheus community's repository, <c>https://prometheus-community.github.io/helm-charts</c>, where the
    /// chart is maintained (kube-prometheus-stack depends on the same chart).
    /// Version 8.4.0 (August 2026) is the newest chart release and ships kube-state-metrics 2.20.0; the values the
    /// platform sets (<c>collectors</c>, <c>metricAllowlist</c>, <c>resources</c>, the security contexts) are the
    /// chart's of this version.
    /// Source: <c>https://github.com/prometheus-community/helm-charts/releases/tag/kube-state-metrics-8.4.0</c>.
    /// Kubernetes: kube-state-metrics 2.20.0 is built with client-go 1.36 (its README's compatibility matrix and go.mod
    /// <c>k8s.io/client-go v0.36.3</c>); the project records the client-go version, not a tested range, and client-go is
    /// supported one minor either side of its own. Covers 1.35 and 1.36; 1.37 is one minor newer than its client,
    /// within client-go's skew. The chart declares no <c>kubeVersion</c>.
    /// CRDs: <see cref="CrdInstall.None"/> (no <c>crds/</c> folder, no CRD templates).</summary>
    public static HelmChart KubeStateMetrics { get; } = new()
    {
        Name = "kube-state-metrics",
        Repository = "https://prometheus-community.github.io/helm-charts",
        Version = "8.4.0",
        Crds = CrdInstall.None,
    };

    /// <summary>The Rook operator for Ceph (the storage capability's Rook-Ceph provider): the operator, the
    /// <c>ceph.rook.io</c> and <c>objectbucket.io</c> CRDs, and through its <c>ceph-csi-operator</c> subchart the Ceph CSI
    /// drivers (RBD, CephFS) that provision volumes. The Ceph cluster itself comes from <see cref="RookCephCluster"/>.
    /// From the Rook project's own repository, <c>https://charts.rook.io/release</c>, where the maintainers publish every
    /// release.
    /// Version v1.20.6 (August 2026) is the newest patch of the newest line; 1.20 is the only line whose documented
    /// range reaches 1.36 (1.19 documents 1.30 to 1.35). Rook's chart versions carry a leading <c>v</c>.
    /// Source: <c>https://github.com/rook/rook/releases/tag/v1.20.6</c> (tag v1.20.6, commit 4e1b7a626891).
    /// Kubernetes: "Kubernetes versions v1.31 through v1.36 are supported" (Documentation/Getting-Started/Prerequisites/
    /// prerequisites.md at tag v1.20.6); the chart declares no <c>kubeVersion</c>. Covers 1.35 and 1.36; 1.37 is newer
    /// than the documented range, so clusters on 1.37 run Rook untested.
    /// CRDs: <see cref="CrdInstall.Templates"/>: <c>templates/resources.yaml</c> renders the CRDs when
    /// <c>crds.enabled</c> is true (the chart's default, set explicitly here: "If later disabled the cluster may be
    /// DESTROYED", values.yaml), and every CRD carries <c>helm.sh/resource-policy: keep</c>, so Helm never deletes them,
    /// nor with them the CephCluster and its pools.</summary>
    public static HelmChart RookCeph { get; } = new()
    {
        Name = "rook-ceph",
        Repository = "https://charts.rook.io/release",
        Version = "v1.20.6",
        Crds = CrdInstall.Templates,
        CrdValuesSwitch = "crds.enabled",
    };

    /// <summary>One Ceph cluster managed by <see cref="RookCeph"/>: the CephCluster (its <c>cephClusterSpec</c>), the
    /// block pool, filesystem and object store with their StorageClasses.
    /// Same repository, version and source as <see cref="RookCeph"/> (the two charts are released together from one tag,
    /// and Rook upgrades the operator before the cluster chart).
    /// Kubernetes: as <see cref="RookCeph"/>: covers 1.35 and 1.36; 1.37 untested.
    /// CRDs: <see cref="CrdInstall.None"/>: the chart ships no CRDs; its objects are of the CRDs the operator's release
    /// installs, which it waits for.</summary>
    public static HelmChart RookCephCluster { get; } = new()
    {
        Name = "rook-ceph-cluster",
        Repository = "https://charts.rook.io/release",
        Version = "v1.20.6",
        Crds = CrdInstall.None,
    };

    /// <summary>kured, the Kubernetes Reboot Daemon (CNCF sandbox): a DaemonSet that drains and reboots nodes whose OS asks
    /// for a reboot, one at a time under a lock on its own DaemonSet. Part of the cluster core whenever
    /// <c>platform:reboots</c> is enabled (<c>Cluster.NodeReboots</c>, values in <c>Cluster.Reboots.KuredValues</c>); the
    /// Flatcar docs ("Update and reboot strategies") name it, next to FLUO, as a reboot manager for Kubernetes on Flatcar
    /// releases after 3067.0.0. FLUO (flatcar-linux-update-operator) publishes no chart and knows only Flatcar; kured also
    /// reboots the Ubuntu nodes.
    /// From the project's own repository, <c>https://kubereboot.github.io/charts</c> (kubereboot/charts, the maintainers).
    /// Its image, <c>ghcr.io/kubereboot/kured</c>, is the chart's <c>appVersion</c> (1.23.0), left to the chart.
    /// Version 6.1.0 (2026-06-30) is the newest release and carries kured 1.23.0.
    /// Source: <c>https://github.com/kubereboot/charts/releases/tag/kured-6.1.0</c> (tag kured-6.1.0 and the published
    /// index.yaml; kured's own tag 1.23.0).
    /// Kubernetes: the chart declares no <c>kubeVersion</c>; kured 1.23.0 is built against Kubernetes 1.36 client libraries
    /// (go.mod: <c>k8s.io/client-go v0.36.2</c>, <c>k8s.io/kubectl v0.36.2</c> for the drain) and its CI runs kind clusters
    /// of 1.35.1 and 1.36.1 (<c>.github/kind-cluster-previous.yaml</c>, <c>kind-cluster-current.yaml</c>). Covers 1.35 and
    /// 1.36; 1.37 is newer than its tested list, so clusters on 1.37 run kured untested (it uses only core/v1 nodes, pods
    /// and evictions, and apps/v1 DaemonSets, all stable).
    /// CRDs: <see cref="CrdInstall.None"/> (no <c>crds/</c> folder, no CRD templates; the optional ServiceMonitor stays
    /// off).</summary>
    public static HelmChart Kured { get; } = new()
    {
        Name = "kured",
        Repository = "https://kubereboot.github.io/charts",
        Version = "6.1.0",
        Crds = CrdInstall.None,
    };

    /// <summary>The Prometheus Operator's CRDs (<c>monitoring.coreos.com</c>: Prometheus, Alertmanager,
    /// AlertmanagerConfig, ServiceMonitor, PodMonitor, Probe, PrometheusRule, ScrapeConfig, PrometheusAgent,
    /// ThanosRuler) as a chart of their own, installed before <see cref="KubePrometheusStack"/> and before every other
    /// layer (their charts switch ServiceMonitors and PrometheusRules on): the monitoring capability registers it right
    /// after the cluster's API is reachable. The CRDs are chart templates, so an upgrade of this release upgrades them;
    /// the CRDs are far larger than client-side apply's annotation limit, which a Helm release does not use.
    /// From the Prometheus community's repository, <c>https://prometheus-community.github.io/helm-charts</c>, the same
    /// repository as <see cref="KubePrometheusStack"/>, whose README names this chart for installing the CRDs
    /// separately.
    /// Version 31.0.1 (August 2026) carries the CRDs of Prometheus Operator v0.93.1, the <c>appVersion</c> of
    /// <see cref="KubePrometheusStack"/> 88.5.3 (both Chart.yaml files in the reference data): the CRD chart and the
    /// stack are versioned apart, and the same operator version is what keeps them in step.
    /// Source: <c>https://github.com/prometheus-community/helm-charts/releases/tag/prometheus-operator-crds-31.0.1</c>.
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;=1.16.0-0</c>, a lower bound only (CRDs of
    /// <c>apiextensions.k8s.io/v1</c>): covers 1.35, 1.36 and 1.37.
    /// CRDs: <see cref="CrdInstall.CrdChart"/>: every file of the chart is a CRD template (values only switch single
    /// CRDs off), so the release is installed without atomic rollback or clean-up and is kept when it leaves the stack
    /// (deleting a CRD deletes every ServiceMonitor, rule and the Prometheus itself).</summary>
    public static HelmChart PrometheusOperatorCrds { get; } = new()
    {
        Name = "prometheus-operator-crds",
        Repository = "https://prometheus-community.github.io/helm-charts",
        Version = "31.0.1",
        Crds = CrdInstall.CrdChart,
    };

    /// <summary>kube-prometheus-stack, the monitoring capability: the Prometheus Operator, Prometheus, Alertmanager,
    /// node-exporter (subchart <c>prometheus-node-exporter</c> 4.56.1), Grafana (subchart <c>grafana</c> 12.11.1) with the
    /// kubernetes-mixin dashboards and the default alerting and recording rules.
    /// From the Prometheus community's repository, <c>https://prometheus-community.github.io/helm-charts</c>, where the
    /// chart is maintained.
    /// Version 88.5.3 (2026-08-21) is the newest release in the reference data and ships Prometheus Operator v0.93.1
    /// (<c>appVersion</c>) with Alertmanager v0.34.0.
    /// Source: <c>https://github.com/prometheus-community/helm-charts/releases/tag/kube-prometheus-stack-88.5.3</c>.
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;=1.25.0-0</c>; the grafana subchart's <c>^1.25.0-0</c> (any 1.x from
    /// 1.25). Lower bounds only: covers 1.35, 1.36 and 1.37 (the chart publishes no tested list).
    /// CRDs: <see cref="CrdInstall.FromCrdChart"/>, from <see cref="PrometheusOperatorCrds"/>: the chart's own CRDs sit in
    /// its <c>crds</c> subchart's <c>crds/</c> folder, which Helm never upgrades; the platform's values set
    /// <c>crds.enabled</c> to false, so the subchart is left out, and the CRD chart of the same operator version is
    /// installed first.</summary>
    public static HelmChart KubePrometheusStack { get; } = new()
    {
        Name = "kube-prometheus-stack",
        Repository = "https://prometheus-community.github.io/helm-charts",
        Version = "88.5.3",
        Crds = CrdInstall.FromCrdChart,
        CrdChart = PrometheusOperatorCrds,
    };

    /// <summary>Velero, the backup capability: backs up Kubernetes objects and pod volumes (file-system backup with
    /// Kopia by its node agent) to an S3 bucket on schedules, and restores them. The AWS plugin it needs for S3 is an
    /// init container (<c>Backup.VeleroImages.AwsPlugin</c>).
    /// From the Velero maintainers' repository, <c>https://vmware-tanzu.github.io/helm-charts</c> (vmware-tanzu/helm-charts).
    /// Version 12.1.0 (2026-06-25) is the newest chart release and ships Velero 1.18.1 (its appVersion, the image the
    /// chart names).
    /// Source: <c>https://github.com/vmware-tanzu/helm-charts/releases/tag/velero-12.1.0</c> (tag velero-12.1.0, commit
    /// 73466ca986bb).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;=1.16.0-0</c>; Velero 1.18 "expects Kubernetes 1.18-latest" and is
    /// tested on 1.33.7, 1.34.1 and 1.35.0 (vmware-tanzu/velero README, compatibility matrix). Covers 1.35; 1.36 and
    /// 1.37 are newer than its tested list, so clusters on them run Velero untested (it uses stable APIs only: core,
    /// apps, batch and its own CRDs).
    /// CRDs: <see cref="CrdInstall.Manifests"/>. The chart ships the <c>velero.io</c> CRDs in <c>crds/</c> (which Helm
    /// never upgrades) and upgrades them with a pre-install/pre-upgrade hook Job (<c>upgradeCRDs</c>) that runs
    /// <c>velero install --crds-only</c> piped into kubectl from the <c>registry.k8s.io/kubectl</c> image of the cluster's
    /// version; the platform switches that Job off (no kubectl image to pull, no cluster-admin Job on every upgrade) and
    /// registers the same 13 CRDs of the release itself, vendored in <c>components/Catalog/Crds/velero-12.1.0</c> (the
    /// reference data's <c>crds/</c> of 12.1.0, Velero 1.18.1's). The Schedules wait for the release, which waits for
    /// the CRDs.</summary>
    public static HelmChart Velero { get; } = new()
    {
        Name = "velero",
        Repository = "https://vmware-tanzu.github.io/helm-charts",
        Version = "12.1.0",
        Crds = CrdInstall.Manifests,
        CrdManifests = "velero-12.1.0",
    };

    /// <summary>OpenSearch, the logging capability's store: a StatefulSet of nodes (master-eligible, data and ingest) with
    /// the security plugin (TLS on transport and HTTP, internal users).
    /// From the OpenSearch project's repository, <c>https://opensearch-project.github.io/helm-charts/</c>
    /// (opensearch-project/helm-charts).
    /// Version 3.6.0 (2026-04-07) is the newest release in the reference data and ships OpenSearch 3.6.0 (its
    /// <c>appVersion</c>, the image the chart names and <see cref="Observability.ObservabilityImages.OpenSearch"/>).
    /// Source: <c>https://github.com/opensearch-project/helm-charts/releases/tag/opensearch-3.6.0</c>.
    /// Kubernetes: Chart.yaml declares no <c>kubeVersion</c>; its templates use only stable APIs (apps/v1 StatefulSet,
    /// policy/v1 PodDisruptionBudget from 1.21, networking.k8s.io/v1), which covers 1.35, 1.36 and 1.37.
    /// CRDs: <see cref="CrdInstall.None"/> (no <c>crds/</c> folder, no CRD templates).</summary>
    public static HelmChart OpenSearch { get; } = new()
    {
        Name = "opensearch",
        Repository = "https://opensearch-project.github.io/helm-charts/",
        Version = "3.6.0",
        Crds = CrdInstall.None,
    };

    /// <summary>OpenSearch Dashboards, the logging capability's UI (Discover, dashboards, the security plugin's login).
    /// From the same repository as <see cref="OpenSearch"/>, <c>https://opensearch-project.github.io/helm-charts/</c>.
    /// Version 3.6.0 (the release beside <see cref="OpenSearch"/> 3.6.0 in the reference data) ships OpenSearch
    /// Dashboards 3.6.0: Dashboards must run the same version as OpenSearch.
    /// Source: <c>https://github.com/opensearch-project/helm-charts/releases/tag/opensearch-dashboards-3.6.0</c>.
    /// Kubernetes: Chart.yaml declares no <c>kubeVersion</c>; the templates use apps/v1, networking.k8s.io/v1 Ingress
    /// (from 1.19), which covers 1.35, 1.36 and 1.37.
    /// CRDs: <see cref="CrdInstall.None"/>.</summary>
    public static HelmChart OpenSearchDashboards { get; } = new()
    {
        Name = "opensearch-dashboards",
        Repository = "https://opensearch-project.github.io/helm-charts/",
        Version = "3.6.0",
        Crds = CrdInstall.None,
    };

    /// <summary>Fluent Bit, the logging capability's shipper: a DaemonSet on every node that tails the container logs,
    /// the kubelet's and containerd's journal and the API server's audit log, and writes them to the logging layer's
    /// OpenSearch (<c>Observability.LogShippingLayer</c>).
    /// From the Fluent project's own repository, <c>https://fluent.github.io/helm-charts</c> (fluent/helm-charts), where
    /// the maintainers publish every release.
    /// Version 0.58.1 (2026-08-17) is the newest chart release and ships Fluent Bit 5.1.1 (its appVersion, the image the
    /// chart names).
    /// Source: <c>https://github.com/fluent/helm-charts/releases/tag/fluent-bit-0.58.1</c> (tag fluent-bit-0.58.1;
    /// in the published index.yaml).
    /// Kubernetes: the chart declares no <c>kubeVersion</c>, and Fluent Bit uses only the core API (namespaces and pods,
    /// get/list/watch) from the cluster. Covers 1.35, 1.36 and 1.37, untested upstream on each.
    /// CRDs: <see cref="CrdInstall.None"/>; its ServiceMonitor needs the Prometheus Operator's, which the monitoring
    /// capability brings first.</summary>
    public static HelmChart FluentBit { get; } = new()
    {
        Name = "fluent-bit",
        Repository = "https://fluent.github.io/helm-charts",
        Version = "0.58.1",
        Crds = CrdInstall.None,
    };

    /// <summary>OPA Gatekeeper, the policy enforcement capability: a validating admission webhook, an audit that
    /// re-checks what already runs, and the ConstraintTemplate and Constraint CRDs the platform's typed policies render
    /// to (in CEL, Gatekeeper's <c>K8sNativeValidation</c> engine, on by default in this release:
    /// <c>enableK8sNativeValidation: true</c> in values.yaml).
    /// From the Gatekeeper project's own repository, <c>https://open-policy-agent.github.io/gatekeeper/charts</c>, where
    /// the maintainers publish every release.
    /// Version 3.23.0 (July 2026) is the newest stable release (3.24.0 is a beta).
    /// Source: <c>https://github.com/open-policy-agent/gatekeeper/releases/tag/v3.23.0</c> (the reference data's
    /// versions.txt: tag v3.23.0, 2026-07-08).
    /// Kubernetes: Chart.yaml declares no <c>kubeVersion</c>; Gatekeeper supports the Kubernetes minors upstream still
    /// patches at its release and tests on kind at those minors (the reference data holds no copy of the test matrix):
    /// 1.35 and 1.36 were patched in July 2026; 1.37 is newer than the release, so clusters on 1.37 run it untested (it
    /// uses stable APIs only: admissionregistration v1, apiextensions v1 and its own CRDs).
    /// CRDs: <see cref="CrdInstall.Manifests"/>. The chart ships its CRDs in <c>crds/</c> (which Helm never upgrades)
    /// and upgrades them with a pre-install/pre-upgrade hook Job (<c>upgradeCRDs</c>) running the
    /// <c>openpolicyagent/gatekeeper-crds</c> image; the platform switches that Job off and registers the same 17 CRDs of
    /// the release itself, vendored in <c>components/Catalog/Crds/gatekeeper-3.23.0</c> (the reference data's
    /// <c>crds/</c> of 3.23.0). The ConstraintTemplates wait for the release, which waits for the CRDs; each Constraint
    /// waits for its template, whose CRD Gatekeeper creates.</summary>
    public static HelmChart Gatekeeper { get; } = new()
    {
        Name = "gatekeeper",
        Repository = "https://open-policy-agent.github.io/gatekeeper/charts",
        Version = "3.23.0",
        Crds = CrdInstall.Manifests,
        CrdManifests = "gatekeeper-3.23.0",
    };

    /// <summary>The Trivy operator, the image-scanning capability: scans every workload's images, configuration and
    /// RBAC with Trivy and keeps the results as report custom resources.
    /// From Aqua Security's chart repository, <c>https://aquasecurity.github.io/helm-charts/</c> (the chart lives in
    /// aquasecurity/trivy-operator, deploy/helm). Version 0.34.0 (2026-07-08) is the newest chart release and ships
    /// Trivy operator 0.32.0 (its appVersion) with Trivy 0.72.0 (<c>trivy.image.tag</c>).
    /// Source: <c>https://github.com/aquasecurity/trivy-operator/releases/tag/v0.32.0</c> (tag v0.32.0, commit 1006872c1463).
    /// Kubernetes: the chart declares no <c>kubeVersion</c>; operator 0.32.0 is built against the Kubernetes 1.36 client
    /// libraries (go.mod at v0.32.0: k8s.io/api and k8s.io/client-go v0.36.2) and uses stable APIs only (core, apps,
    /// batch, rbac and its own CRDs), which covers 1.35 and 1.36; 1.37 is newer than its client, which the API server's
    /// version skew policy allows for stable APIs.
    /// CRDs: <see cref="CrdInstall.Manifests"/>. The chart ships the 12 <c>aquasecurity.github.io</c> CRDs in
    /// <c>crds/</c> (which Helm never upgrades) and no CRD chart: the reference data's <c>crds/</c> of 0.34.0, vendored in
    /// <c>components/Catalog/Crds/trivy-operator-0.34.0</c>, are registered first, each kept on delete, and the chart is
    /// installed with <c>skipCrds</c>.</summary>
    public static HelmChart TrivyOperator { get; } = new()
    {
        Name = "trivy-operator",
        Repository = "https://aquasecurity.github.io/helm-charts/",
        Version = "0.34.0",
        Crds = CrdInstall.Manifests,
        CrdManifests = "trivy-operator-0.34.0",
    };

    /// <summary>Harbor, the optional registry of the image-scanning capability (<c>platform:imageScanning.registry</c>
    /// harbor): projects, a pull-through cache of Docker Hub, image scanning with its built-in Trivy, and refusal of
    /// pulls of vulnerable images.
    /// From the Harbor maintainers' repository, <c>https://helm.goharbor.io</c> (goharbor/harbor-helm). Version 1.19.1
    /// (2026-05-12) is the newest chart release and ships Harbor 2.15.1 (its appVersion).
    /// Source: <c>https://github.com/goharbor/harbor-helm/releases/tag/v1.19.1</c> (tag v1.19.1, commit ae011519ef17).
    /// Kubernetes: the chart declares no <c>kubeVersion</c>; its README asks for "Kubernetes cluster 1.20+" (an open
    /// range covering 1.35, 1.36 and 1.37; its objects are Deployments, StatefulSets, Services, an
    /// <c>networking.k8s.io/v1</c> Ingress, Secrets and ConfigMaps, all stable APIs).
    /// CRDs: <see cref="CrdInstall.None"/> (the chart ships none; a ServiceMonitor when monitoring is on, whose CRD the
    /// monitoring layer brings first).</summary>
    public static HelmChart Harbor { get; } = new()
    {
        Name = "harbor",
        Repository = "https://helm.goharbor.io",
        Version = "1.19.1",
        Crds = CrdInstall.None,
    };

    /// <summary>The External Secrets Operator, the Vault variant of the secret-management capability: syncs secrets from
    /// Vault (or OpenBao) into Kubernetes Secrets through SecretStores and ExternalSecrets, and generates short-lived
    /// credentials with its VaultDynamicSecret generator.
    /// From the project's chart repository, <c>https://charts.external-secrets.io</c> (external-secrets/external-secrets,
    /// deploy/charts/external-secrets). Version 2.9.0 (2026-08-08) is the newest chart release and ships ESO v2.9.0 (its
    /// appVersion).
    /// Source: <c>https://github.com/external-secrets/external-secrets/releases/tag/helm-chart-2.9.0</c> (the reference
    /// data's versions.txt: tag helm-chart-2.9.0).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;= 1.19.0-0</c>; the project's support table
    /// (docs/introduction/stability-support.md at the tag) lists 2.9 against Kubernetes 1.36, and v2.9.0 is built
    /// against the 1.36 client libraries (go.mod: k8s.io/api and k8s.io/client-go v0.36.3). That covers 1.36; 1.35 was
    /// the previous release's (2.8: 1.35-1.36) and uses the same stable APIs; 1.37 is newer than the client, which the
    /// version skew policy allows for the stable APIs it uses (core, apps, admissionregistration v1, apiextensions v1 and
    /// its own CRDs).
    /// CRDs: <see cref="CrdInstall.Manifests"/>. The chart renders its 25 CRDs as templates when <c>installCRDs</c> is true;
    /// the platform sets it to false and registers the same CRDs of the release itself (server-side apply, each kept on
    /// delete), vendored in <c>components/Catalog/Crds/external-secrets-2.9.0</c> (the reference data's <c>crds/</c> of
    /// 2.9.0). SecretStore and ClusterSecretStore are about 680 kB each, more than a client-side apply's
    /// last-applied annotation may hold (256 kB), which server-side apply does not write. The CRDs carry no conversion
    /// webhook (<c>crds.conversion.enabled</c> false, the chart's default), so the chart's cert controller leaves them
    /// as they are (it injects only into CRDs whose conversion strategy is Webhook).</summary>
    public static HelmChart ExternalSecrets { get; } = new()
    {
        Name = "external-secrets",
        Repository = "https://charts.external-secrets.io",
        Version = "2.9.0",
        Crds = CrdInstall.Manifests,
        CrdManifests = "external-secrets-2.9.0",
    };

    /// <summary>Jaeger v2, the tracing capability: one binary that is an OpenTelemetry Collector distribution (OTLP
    /// receivers, the Jaeger storage exporter and query UI, remote sampling), configured by the platform's own
    /// configuration (<c>userconfig</c>), with the chart's index-cleaner CronJob when the traces are in OpenSearch.
    /// Jaeger v1 reached its end of life on 2025-12-31; the chart's 4.x line runs v2 only.
    /// From the Jaeger project's own repository, <c>https://jaegertracing.github.io/helm-charts</c>.
    /// Version 4.11.1 (2026-06-14) is the newest release in the reference data and ships Jaeger 2.19.0 (its
    /// <c>appVersion</c>, the image tag the chart names).
    /// Source: <c>https://github.com/jaegertracing/helm-charts/releases/tag/jaeger-4.11.1</c> (tag jaeger-4.11.1, commit
    /// 6c602b5).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;= 1.21-0</c>, a lower bound only (Deployment, Service, Ingress,
    /// CronJob of batch/v1): covers 1.35, 1.36 and 1.37 (the chart publishes no tested list).
    /// CRDs: <see cref="CrdInstall.None"/> (no <c>crds/</c> folder, no CRD templates).</summary>
    public static HelmChart Jaeger { get; } = new()
    {
        Name = "jaeger",
        Repository = "https://jaegertracing.github.io/helm-charts",
        Version = "4.11.1",
        Crds = CrdInstall.None,
    };

    /// <summary>Falco, the security audits capability's runtime detection, with its Falcosidekick subchart (0.12.1,
    /// Falcosidekick 2.31.1) that forwards events to Alertmanager and OpenSearch.
    /// From the Falco project's own repository, <c>https://falcosecurity.github.io/charts</c> (falcosecurity/charts).
    /// Version 9.1.0 (2026-06-11) is the newest chart release and ships Falco 0.44.1 (its appVersion), which bundles the
    /// default rules falco-rules-5.1.0 and the container plugin 0.7.1; the chart's subchart range 0.12.* resolves to
    /// falcosidekick 0.12.1.
    /// Source: <c>https://github.com/falcosecurity/charts/releases/tag/falco-9.1.0</c> (tag falco-9.1.0, commit
    /// 53586de4fb9d).
    /// Kubernetes: the chart declares no <c>kubeVersion</c>; it uses stable APIs only (apps/v1 DaemonSet and Deployment,
    /// core, rbac.authorization.k8s.io/v1, monitoring.coreos.com/v1 ServiceMonitor), and Falco reads the nodes' kernels
    /// and containerd, not the API: covers 1.35, 1.36 and 1.37 as far as the chart's APIs go (Falco publishes no
    /// Kubernetes test matrix).
    /// CRDs: <see cref="CrdInstall.None"/>: the chart has no <c>crds/</c> folder and no CRD templates.</summary>
    public static HelmChart Falco { get; } = new()
    {
        Name = "falco",
        Repository = "https://falcosecurity.github.io/charts",
        Version = "9.1.0",
        Crds = CrdInstall.None,
    };

    /// <summary>Argo CD, the gitOps capability: keeps the cluster in step with Git repositories (Applications,
    /// ApplicationSets, AppProjects), with its API server and UI behind the default IngressClass.
    /// From the Argo project's own repository, <c>https://argoproj.github.io/argo-helm</c> (argoproj/argo-helm). Version
    /// 10.1.1 (2026-07-02) is the newest chart release in the reference data and ships Argo CD v3.4.4 (its appVersion),
    /// with the Redis HA subchart 4.38.0 (dandydeveloper/charts) for the highly available tiers.
    /// Source: <c>https://github.com/argoproj/argo-helm/releases/tag/argo-cd-10.1.1</c> (tag argo-cd-10.1.1; index.yaml
    /// of gh-pages at c77d0b1727b5).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;=1.25.0-0</c>, an open range covering 1.35, 1.36 and 1.37. Argo CD
    /// tests each minor release on the Kubernetes releases current when it branched (the reference data holds no copy
    /// of its tested-versions table), so 1.37, newer than v3.4, runs it untested; its objects use stable APIs only
    /// (apps/v1, networking.k8s.io/v1, policy/v1, rbac v1 and its own CRDs).
    /// CRDs: <see cref="CrdInstall.Manifests"/>. The chart renders its three <c>argoproj.io</c> CRDs (Application,
    /// ApplicationSet, AppProject) from templates behind <c>crds.install</c>, applied client-side by Helm: the
    /// ApplicationSet CRD (1.4 MB) is larger than the 256 KiB <c>last-applied-configuration</c> annotation allows, which
    /// is why Argo CD's own manifests are applied with <c>--server-side</c>. The platform sets <c>crds.install: false</c>
    /// and registers the same CRDs of the release itself, server-side, vendored in
    /// <c>components/Catalog/Crds/argo-cd-10.1.1</c> (the reference data's <c>crds/</c> of 10.1.1, Helm directives
    /// removed); each is kept on delete and the release waits for them.</summary>
    public static HelmChart ArgoCd { get; } = new()
    {
        Name = "argo-cd",
        Repository = "https://argoproj.github.io/argo-helm",
        Version = "10.1.1",
        Crds = CrdInstall.Manifests,
        CrdManifests = "argo-cd-10.1.1",
    };

    /// <summary>Headlamp, the userInterface capability's web UI (<c>UserInterface.UserInterfaceLayer</c>).
    /// From the Kubernetes SIG's repository, <c>https://kubernetes-sigs.github.io/headlamp/</c> (kubernetes-sigs/headlamp).
    /// Version 0.45.0 (2026-08-20, tag <c>headlamp-helm-0.45.0</c>) is the newest chart release and ships Headlamp 0.45.0
    /// (its appVersion; the image <c>ghcr.io/headlamp-k8s/headlamp:v0.45.0</c> carries the Prometheus plugin among its
    /// static plugins, served unless <c>config.staticPlugins.enabled</c> is false).
    /// Source: <c>https://github.com/kubernetes-sigs/headlamp/tree/headlamp-helm-0.45.0/charts/headlamp</c>.
    /// Kubernetes: Chart.yaml declares no <c>kubeVersion</c>; the templates use apps/v1, networking.k8s.io/v1 Ingress,
    /// policy/v1 PodDisruptionBudget and rbac.authorization.k8s.io/v1, which covers 1.35, 1.36 and 1.37.
    /// CRDs: <see cref="CrdInstall.None"/>.</summary>
    public static HelmChart Headlamp { get; } = new()
    {
        Name = "headlamp",
        Repository = "https://kubernetes-sigs.github.io/headlamp/",
        Version = "0.45.0",
        Crds = CrdInstall.None,
    };

    /// <summary>Dex, the authentication capability's OpenID Connect provider in front of the organisation's identity
    /// provider (LDAP/Active Directory, an upstream OIDC provider, SAML 2.0, GitHub, GitLab).
    /// From the Dex project's own repository, <c>https://charts.dexidp.io</c> (dexidp/helm-charts).
    /// Version 0.24.0 (2025-09-01) is the newest release in the reference data and ships Dex 2.44.0 (its appVersion).
    /// Source: <c>https://github.com/dexidp/helm-charts/releases/tag/dex-0.24.0</c> (tag dex-0.24.0, commit c82afcc).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;=1.14.0-0</c>, a lower bound only (apps/v1 Deployment, core Service and
    /// Secret, networking.k8s.io/v1 Ingress, rbac.authorization.k8s.io/v1): covers 1.35, 1.36 and 1.37.
    /// CRDs: <see cref="CrdInstall.None"/>: the chart ships none; Dex's <c>kubernetes</c> storage creates its own
    /// <c>dex.coreos.com</c> CRDs at start (dexidp/dex storage/kubernetes/storage.go <c>registerCustomResources</c>), with
    /// the chart's ClusterRole allowing exactly that (<c>rbac.createClusterScoped</c>).</summary>
    public static HelmChart Dex { get; } = new()
    {
        Name = "dex",
        Repository = "https://charts.dexidp.io",
        Version = "0.24.0",
        Crds = CrdInstall.None,
    };

    /// <summary>The sops-secrets-operator, the secret-management capability's SOPS variant: it turns a <c>SopsSecret</c>
    /// (a manifest whose values SOPS encrypted with age, kept in git) into the Secrets it holds, decrypting with the age
    /// key the platform generates.
    /// From its author's repository, <c>https://isindir.github.io/sops-secrets-operator/</c> (isindir/sops-secrets-operator,
    /// the chart under chart/helm4). Version 0.28.0 (2026-06-28) is the newest chart release and ships the operator 0.21.1
    /// (its appVersion).
    /// Source: <c>https://github.com/isindir/sops-secrets-operator</c> (chart/helm4/sops-secrets-operator/Chart.yaml at commit
    /// 2cfc1e0a6630).
    /// Kubernetes: the chart declares no <c>kubeVersion</c>; its objects are a Deployment, a ServiceAccount and
    /// <c>rbac.authorization.k8s.io/v1</c> roles, all stable APIs (covers 1.35, 1.36 and 1.37 as far as its APIs go; the
    /// project publishes no test matrix).
    /// CRDs: <see cref="CrdInstall.Manifests"/>: the chart ships <c>SopsSecret</c> (<c>isindir.github.com</c>) in
    /// <c>crds/</c>, vendored in <c>Catalog/Crds/sops-secrets-operator-0.28.0</c>.</summary>
    public static HelmChart SopsSecretsOperator { get; } = new()
    {
        Name = "sops-secrets-operator",
        Repository = "https://isindir.github.io/sops-secrets-operator/",
        Version = "0.28.0",
        Crds = CrdInstall.Manifests,
        CrdManifests = "sops-secrets-operator-0.28.0",
    };

    /// <summary>HashiCorp Vault, the secret-management capability's default server (<c>platform:secretManagement.server</c>
    /// vault): HA with integrated Raft storage.
    /// From HashiCorp's repository, <c>https://helm.releases.hashicorp.com</c> (hashicorp/vault-helm). Version 0.34.1
    /// (2026-08-13) is the newest chart release and ships Vault 2.0.4 (its appVersion).
    /// Source: <c>https://github.com/hashicorp/vault-helm/releases/tag/v0.34.1</c> (tag v0.34.1).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;= 1.20.0-0</c>, an open range that covers 1.35, 1.36 and 1.37.
    /// CRDs: <see cref="CrdInstall.None"/> (the chart ships none; the injector and CSI provider, off here, ship none
    /// either).</summary>
    public static HelmChart Vault { get; } = new()
    {
        Name = "vault",
        Repository = "https://helm.releases.hashicorp.com",
        Version = "0.34.1",
        Crds = CrdInstall.None,
    };

    /// <summary>OpenBao, the MPL-licensed fork of Vault, the secret-management capability's other server
    /// (<c>platform:secretManagement.server</c> openbao), installed like <see cref="Vault"/>.
    /// From the OpenBao project's repository, <c>https://openbao.github.io/openbao-helm</c> (openbao/openbao-helm). Version
    /// 0.29.2 (2026-08-18) is the newest chart release and ships OpenBao 2.6.2 (its appVersion v2.6.2).
    /// Source: <c>https://github.com/openbao/openbao-helm/releases/tag/openbao-0.29.2</c> (tag openbao-0.29.2).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;= 1.30.0-0</c>, an open range that covers 1.35, 1.36 and 1.37.
    /// CRDs: <see cref="CrdInstall.None"/> (the chart ships none).</summary>
    public static HelmChart OpenBao { get; } = new()
    {
        Name = "openbao",
        Repository = "https://openbao.github.io/openbao-helm",
        Version = "0.29.2",
        Crds = CrdInstall.None,
    };

    /// <summary>Istio's base chart: the Istio CRDs (<c>*.istio.io</c>: PeerAuthentication, AuthorizationPolicy,
    /// VirtualService, ...), the cluster-wide RBAC and the config validation webhook's default revision; the first of
    /// Istio's charts, before <see cref="Istiod"/>.
    /// From the Istio project's own repository, <c>https://istio-release.storage.googleapis.com/charts</c>, which the Helm
    /// install guide names; every Istio chart of a release has the release's version (the Chart.yaml version in git is a
    /// placeholder).
    /// Version 1.30.3 (July 2026) is the newest patch of Istio 1.30 in the reference data; 1.30 is the newest minor, and
    /// its ambient mode (ztunnel, waypoints) is stable.
    /// Source: <c>https://github.com/istio/istio/releases/tag/1.30.3</c> (commit 56df41f63e51).
    /// Kubernetes: the charts declare no <c>kubeVersion</c>; Istio's support table
    /// (<c>https://istio.io/latest/docs/releases/supported-releases/</c>) lists five minors per release, moving one minor
    /// each release (1.26: 1.29 to 1.33), so 1.30 covers 1.35 and 1.36; 1.37 came after it and is untested until a newer
    /// Istio line lists it (the stored copies of the page end before 1.30's row: check it before an upgrade).
    /// CRDs: <see cref="CrdInstall.Templates"/>: the CRDs are the chart's template <c>templates/crds.yaml</c>, rendered
    /// when <c>base.enableCRDTemplates</c> is true (values.yaml's default in 1.30.3, set by the platform all the same),
    /// so every upgrade of the release upgrades them. PeerAuthentication objects wait for the release.</summary>
    public static HelmChart IstioBase { get; } = new()
    {
        Name = "base",
        Repository = "https://istio-release.storage.googleapis.com/charts",
        Version = "1.30.3",
        Crds = CrdInstall.Templates,
        CrdValuesSwitch = "base.enableCRDTemplates",
    };

    /// <summary>istiod, Istio's control plane (xDS configuration, the mesh's certificate authority, the sidecar injector,
    /// the Gateway API controller). Same repository, version, source and Kubernetes range as <see cref="IstioBase"/>.
    /// CRDs: <see cref="CrdInstall.None"/>: the CRDs come from <see cref="IstioBase"/>'s release, which this one waits
    /// for (the chart has no <c>crds/</c> and no CRD templates).</summary>
    public static HelmChart Istiod { get; } = new()
    {
        Name = "istiod",
        Repository = "https://istio-release.storage.googleapis.com/charts",
        Version = "1.30.3",
        Crds = CrdInstall.None,
    };

    /// <summary>The Istio CNI node agent (chart <c>cni</c>): chains Istio's CNI plugin after the platform's and sets up
    /// each meshed pod's traffic redirection (to ztunnel in ambient mode, to the sidecar otherwise), so meshed pods need
    /// no privileged init container. Same repository, version, source and Kubernetes range as <see cref="IstioBase"/>.
    /// CRDs: <see cref="CrdInstall.None"/>.</summary>
    public static HelmChart IstioCni { get; } = new()
    {
        Name = "cni",
        Repository = "https://istio-release.storage.googleapis.com/charts",
        Version = "1.30.3",
        Crds = CrdInstall.None,
    };

    /// <summary>ztunnel, ambient mode's node proxy (a DaemonSet carrying the ambient pods' traffic over mTLS). Same
    /// repository, version, source and Kubernetes range as <see cref="IstioBase"/>.
    /// CRDs: <see cref="CrdInstall.None"/>.</summary>
    public static HelmChart Ztunnel { get; } = new()
    {
        Name = "ztunnel",
        Repository = "https://istio-release.storage.googleapis.com/charts",
        Version = "1.30.3",
        Crds = CrdInstall.None,
    };

    /// <summary>Consul on Kubernetes (consul-k8s): Consul servers and Connect, the service mesh alternative to Istio.
    /// Consul is under the Business Source License 1.1 since 1.17 (August 2023): free to use, not to offer as a
    /// competing hosted product; the README says so.
    /// From HashiCorp's own repository, <c>https://helm.releases.hashicorp.com</c>.
    /// Version 2.0.3 (August 2026, Consul 2.0.3) is the newest release in the reference data.
    /// Source: <c>https://github.com/hashicorp/consul-k8s/releases/tag/v2.0.3</c> (commit 7af6b659cead).
    /// Kubernetes: Chart.yaml <c>kubeVersion: &gt;=1.22.0-0</c>; the README of 2.0.3 names only "the earliest versions
    /// tested" (1.27 to 1.30), no upper bound: the lower bound covers 1.35, 1.36 and 1.37, none of them in a list HashiCorp
    /// publishes with the chart.
    /// CRDs: <see cref="CrdInstall.Templates"/>: the <c>consul.hashicorp.com</c> CRDs are the chart's
    /// <c>templates/crd-*.yaml</c>, rendered with <c>connectInject.enabled</c>, so every upgrade of the release upgrades
    /// them; its copies of Gateway API CRDs (v0.6.2, <c>connectInject.apiGateway.manageExternalCRDs</c>) stay off: the
    /// cluster's shared install (<see cref="GatewayApi"/>) is used instead.</summary>
    public static HelmChart Consul { get; } = new()
    {
        Name = "consul",
        Repository = "https://helm.releases.hashicorp.com",
        Version = "2.0.3",
        Crds = CrdInstall.Templates,
        CrdValuesSwitch = "connectInject.enabled",
    };

    /// <summary>Every chart in the catalog, in declaration order.</summary>
    public static IReadOnlyList<HelmChart> All { get; } = [Cilium, CalicoCrds, TigeraOperator, CertManager, ExternalDns, Traefik, IngressNginx, Contour, HAProxyKubernetesIngress, MetalLb, EmissaryCrds, Emissary, KubeletCsrApprover, MetricsServer, KubeStateMetrics, RookCeph, RookCephCluster, Kured, PrometheusOperatorCrds, KubePrometheusStack, Velero, OpenSearch, OpenSearchDashboards, FluentBit, Gatekeeper, TrivyOperator, Harbor, Jaeger, Falco, ExternalSecrets, ArgoCd, Headlamp, Dex, SopsSecretsOperator, Vault, OpenBao, IstioBase, Istiod, IstioCni, Ztunnel, Consul];
}
