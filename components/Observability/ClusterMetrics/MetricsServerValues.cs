namespace Platform.Components.Observability.ClusterMetrics;

/// <summary>Helm values for the <c>metrics-server</c> chart (see <see cref="Catalog.HelmCharts.MetricsServer"/>). Every
/// key is one the chart's values.yaml of the pinned version has. The tree holds only string, bool, int, nested
/// <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null, and its keys come out in a fixed order.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>Kubelets are verified: <c>--kubelet-certificate-authority</c> names the cluster CA, mounted from the
/// <c>kube-root-ca.crt</c> ConfigMap Kubernetes publishes in every namespace (kube-controller-manager's
/// <c>--root-ca-file</c>, kubeadm's <c>/etc/kubernetes/pki/ca.crt</c>, the CA whose <c>kubernetes.io/kubelet-serving</c>
/// signer signs the kubelets' serving certificates: hardening switch <c>kubeletServingCertificates</c>). Never
/// <c>--kubelet-insecure-tls</c>.</item>
/// <item>Kubelets are reached at their <c>InternalIP</c> only (the chart's default list adds ExternalIP and the host
/// name): the serving certificates the approver admits name the inventory's IP addresses, and bare node names rarely
/// resolve from pods on-prem.</item>
/// <item>Pod and container security contexts are written out (non-root, RuntimeDefault seccomp, no privilege
/// escalation, all capabilities dropped, read-only root filesystem), so the pod passes the Pod Security
/// <c>restricted</c> level whatever the chart's defaults become.</item>
/// </list></remarks>
public static class MetricsServerValues
{
    /// <summary>Where metrics-server serves (the metrics API, and Prometheus metrics at <c>/metrics</c>, both HTTPS):
    /// the chart's <c>containerPort</c>, 10250.</summary>
    public const int Port = 10250;

    /// <summary>Where the cluster CA is mounted in the pod.</summary>
    public const string KubeletCaDirectory = "/etc/kubernetes/kubelet-ca";

    /// <summary>The ConfigMap with the cluster CA that Kubernetes publishes in every namespace (key <c>ca.crt</c>).</summary>
    public const string RootCaConfigMap = "kube-root-ca.crt";

    /// <summary>The values for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    public static IReadOnlyDictionary<string, object> Render(ClusterMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"Cluster metrics options are not valid: {string.Join(" ", problems)}", nameof(options));

        var replicas = options.MetricsServerReplicas;
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["replicas"] = replicas,
            // The chart's own list with the kubelet address narrowed to InternalIP and the cluster CA to verify kubelets.
            ["defaultArgs"] = new object[]
            {
                "--cert-dir=/tmp",
                "--kubelet-preferred-address-types=InternalIP",
                "--kubelet-use-node-status-port",
                "--metric-resolution=15s",
                $"--kubelet-certificate-authority={KubeletCaDirectory}/ca.crt",
            },
            ["extraVolumes"] = new object[]
            {
                Map(("name", "kubelet-ca"), ("configMap", Map(("name", RootCaConfigMap), ("items", new object[] { Map(("key", "ca.crt"), ("path", "ca.crt")) })))),
            },
            ["extraVolumeMounts"] = new object[]
            {
                Map(("name", "kubelet-ca"), ("mountPath", KubeletCaDirectory), ("readOnly", true)),
            },
            // One replica may go at a time (a drain, an upgrade); with one replica a budget would hold every drain.
            ["podDisruptionBudget"] = replicas > 1 ? Map(("enabled", true), ("maxUnavailable", 1)) : Map(("enabled", false)),
            ["podSecurityContext"] = Map(("runAsNonRoot", true), ("seccompProfile", Map(("type", "RuntimeDefault")))),
            ["securityContext"] = Map(
                ("allowPrivilegeEscalation", false),
                ("readOnlyRootFilesystem", true),
                ("runAsNonRoot", true),
                ("runAsUser", 1000),
                ("seccompProfile", Map(("type", "RuntimeDefault"))),
                ("capabilities", Map(("drop", new object[] { "ALL" })))),
        };
        if (replicas > 1)
        {
            // The replicas prefer different nodes, so one node's drain or loss leaves the metrics API served.
            var term = Map(
                ("topologyKey", "kubernetes.io/hostname"),
                ("labelSelector", Map(("matchLabels", Map(("app.kubernetes.io/name", "metrics-server"), ("app.kubernetes.io/instance", "metrics-server"))))));
            values["affinity"] = Map(("podAntiAffinity", Map(("preferredDuringSchedulingIgnoredDuringExecution",
                new object[] { Map(("weight", 100), ("podAffinityTerm", term)) }))));
        }
        if (options.ServingCertificateFromCertManager)
        {
            // The chart's self-signed Issuer and Certificate (cert-manager renews it); cert-manager's CA injector puts the
            // CA into the APIService, whose insecureSkipTLSVerify the chart then leaves out (false).
            values["tls"] = Map(("type", "cert-manager"));
            values["apiService"] = Map(("insecureSkipTLSVerify", false));
        }
        return values;
    }

    private static Dictionary<string, object> Map(params (string Key, object Value)[] entries)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
            map.Add(key, value);
        return map;
    }
}
