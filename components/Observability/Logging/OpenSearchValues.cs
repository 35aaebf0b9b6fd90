using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Networking;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Observability.Logging;

/// <summary>Helm values for the <c>opensearch</c> chart (<see cref="Catalog.HelmCharts.OpenSearch"/>). Every key is one
/// the chart of the pinned version reads. The tree holds only string, bool, int, nested
/// <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>Pod Security <c>restricted</c>: non-root (UID 1000, the image's user), every capability dropped, no privilege
/// escalation, the RuntimeDefault seccomp profile, on the pod and on every container (the chart's
/// <c>configfile</c> init container takes the same context). The chart's root init containers are off:
/// <c>persistence.enableInitChown</c> (the pod's <c>fsGroup</c> gives the volume to the user) and <c>sysctlInit</c>
/// (node preparation sets <c>vm.max_map_count</c>); so is the pod sysctl, which is not namespaced.</item>
/// <item>The security plugin on, without the image's demo configuration (<c>DISABLE_INSTALL_DEMO_CONFIG</c>): TLS on
/// the transport (9300) and on HTTP (9200) with PEM files from Kubernetes Secrets (<c>secretMounts</c>), the security
/// configuration from a Secret (<c>securityConfig.config.securityConfigSecret</c>, mounted whole), nothing secret in
/// the values.</item>
/// <item>No service account token (the nodes never call the API server) and no chart NetworkPolicy (the namespace's
/// own policies apply).</item>
/// <item>Metrics: none. The chart's ServiceMonitor scrapes <c>/_prometheus/metrics</c>, which only the third-party
/// prometheus-exporter plugin serves; the image does not ship it and the platform installs no plugin at start.</item>
/// </list></remarks>
public static class OpenSearchValues
{
    /// <summary>The chart's <c>clusterName</c>, OpenSearch's <c>cluster.name</c>.</summary>
    public const string ClusterName = "opensearch-cluster";

    /// <summary>The StatefulSet and its Service (<c>clusterName-nodeGroup</c>, nodeGroup <c>master</c>).</summary>
    public const string ServiceName = "opensearch-cluster-master";

    /// <summary>The headless Service that names each node (<c>&lt;pod&gt;.opensearch-cluster-master-headless</c>).</summary>
    public const string HeadlessServiceName = ServiceName + "-headless";

    /// <summary>Where OpenSearch serves HTTPS.</summary>
    public const int HttpPort = 9200;

    /// <summary>Where the nodes talk to each other (TLS).</summary>
    public const int TransportPort = 9300;

    /// <summary>The Secret with the transport certificate, key and CA (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>).</summary>
    public const string TransportTlsSecret = "opensearch-transport-tls";

    /// <summary>The Secret with the HTTP certificate, key and CA.</summary>
    public const string HttpTlsSecret = "opensearch-http-tls";

    /// <summary>The Secret with the security plugin's files (<see cref="OpenSearchSecurityConfig.Files"/>).</summary>
    public const string SecurityConfigSecret = "opensearch-security-config";

    /// <summary>Where the image keeps its configuration.</summary>
    public const string ConfigPath = "/usr/share/opensearch/config";

    /// <summary>The values for <paramref name="options"/>, with the nodes' volumes on <paramref name="storageClass"/>
    /// (null exactly when <see cref="LoggingOptions.Ephemeral"/>).</summary>
    /// <exception cref="ArgumentException">The options are not valid, or the StorageClass does not fit
    /// <see cref="LoggingOptions.Ephemeral"/>; the message lists every problem.</exception>
    public static IReadOnlyDictionary<string, object> Render(LoggingOptions options, string? storageClass)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        if (!options.Ephemeral && storageClass is null)
            problems.Add("OpenSearch keeps its data in volumes, but no StorageClass is given; give one, or set ephemeral.");
        if (options.Ephemeral && storageClass is not null)
            problems.Add("ephemeral is set, so the StorageClass would be ignored.");
        if (problems.Count > 0)
            throw new ArgumentException($"Logging options are not valid: {string.Join(" ", problems)}", nameof(options));

        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["clusterName"] = ClusterName,
            ["nodeGroup"] = "master",
            ["masterService"] = ServiceName,
            ["singleNode"] = options.Replicas == 1,
            ["replicas"] = options.Replicas,
            ["roles"] = new object[] { "master", "ingest", "data", "remote_cluster_client" },
            ["opensearchJavaOpts"] = $"-Xms{options.HeapMebibytes}m -Xmx{options.HeapMebibytes}m",
            ["resources"] = Map(
                ("requests", Map(("cpu", options.CpuRequest), ("memory", options.MemoryRequest))),
                ("limits", Map(("memory", options.MemoryLimit)))),
            ["config"] = Map(("opensearch.yml", OpenSearchYml())),
            ["extraEnvs"] = new object[] { Map(("name", "DISABLE_INSTALL_DEMO_CONFIG"), ("value", "true")) },
            ["secretMounts"] = new object[]
            {
                Map(("name", "transport-tls"), ("secretName", TransportTlsSecret), ("path", $"{ConfigPath}/certs/transport")),
                Map(("name", "http-tls"), ("secretName", HttpTlsSecret), ("path", $"{ConfigPath}/certs/http")),
            },
            ["securityConfig"] = Map(
                ("enabled", true),
                ("path", $"{ConfigPath}/opensearch-security"),
                ("config", Map(("securityConfigSecret", SecurityConfigSecret)))),
            ["podSecurityContext"] = RestrictedSecurityContext.Pod(1000, 1000, 1000, fsGroupChangePolicy: "OnRootMismatch"),
            ["securityContext"] = RestrictedContainer(),
            ["sysctl"] = Map(("enabled", false)),
            ["sysctlInit"] = Map(("enabled", false)),
            ["rbac"] = Map(("create", false), ("automountServiceAccountToken", false)),
            ["networkPolicy"] = Map(("create", false)),
            ["antiAffinity"] = "soft",
            // One node at a time through a drain or an upgrade; with one node the budget never holds a drain.
            ["maxUnavailable"] = 1,
            ["serviceMonitor"] = Map(("enabled", false)),
            ["persistence"] = options.Ephemeral
                ? Map(("enabled", false))
                : Map(
                    ("enabled", true),
                    ("enableInitChown", false),
                    ("storageClass", storageClass!),
                    ("accessModes", new object[] { "ReadWriteOnce" }),
                    ("size", options.StorageSize)),
        };
        if (options.Ephemeral)
        {
            // Without persistence the chart mounts nothing at the data path: an emptyDir bounded by the same size.
            values["extraVolumes"] = new object[] { Map(("name", "data"), ("emptyDir", Map(("sizeLimit", options.StorageSize)))) };
            values["extraVolumeMounts"] = new object[] { Map(("name", "data"), ("mountPath", "/usr/share/opensearch/data")) };
        }
        return values;
    }

    /// <summary>The Pod Security <c>restricted</c> container context of every OpenSearch image container (the nodes,
    /// their init container, the setup Job).</summary>
    public static Dictionary<string, object> RestrictedContainer() =>
        RestrictedSecurityContext.Container(runAsNonRoot: true, user: 1000, group: 1000, readOnlyRootFilesystem: null, seccomp: true);

    /// <summary>The in-cluster DNS names of the HTTP Service, short to fully qualified, in <paramref name="clusterDomain"/>.</summary>
    public static IReadOnlyList<string> ServiceDnsNames(string ns, string clusterDomain) =>
        [ServiceName, $"{ServiceName}.{ns}", $"{ServiceName}.{ns}.svc", $"{ServiceName}.{ns}.svc.{clusterDomain}"];

    /// <summary>The DNS names of the StatefulSet's pods (<c>&lt;pod&gt;.&lt;headless service&gt;.&lt;ns&gt;.svc[.domain]</c>)
    /// for <paramref name="replicas"/> nodes, and the headless Service's own names.</summary>
    public static IReadOnlyList<string> NodeDnsNames(int replicas, string ns, string clusterDomain)
    {
        var names = new List<string>();
        for (var i = 0; i < replicas; i++)
        {
            var pod = $"{ServiceName}-{i}";
            names.Add($"{pod}.{HeadlessServiceName}.{ns}.svc");
            names.Add($"{pod}.{HeadlessServiceName}.{ns}.svc.{clusterDomain}");
        }
        names.Add($"{HeadlessServiceName}.{ns}.svc");
        names.Add($"{HeadlessServiceName}.{ns}.svc.{clusterDomain}");
        return names;
    }

    /// <summary><c>opensearch.yml</c>: the security plugin's TLS files (relative to the configuration folder, where the
    /// plugin requires them), the admin and node certificate subjects, and the security index initialised from the
    /// mounted files on the cluster's first start.</summary>
    public static string OpenSearchYml() => KubeadmYaml.Serialize(KubeadmYaml.Map(
        ("cluster.name", ClusterName),
        ("network.host", "0.0.0.0"),
        ("plugins.security.ssl.transport.pemcert_filepath", "certs/transport/tls.crt"),
        ("plugins.security.ssl.transport.pemkey_filepath", "certs/transport/tls.key"),
        ("plugins.security.ssl.transport.pemtrustedcas_filepath", "certs/transport/ca.crt"),
        // Peers connect by pod address, which the certificate does not name; a peer is a node when its certificate
        // is the CA's and its subject is nodes_dn.
        ("plugins.security.ssl.transport.enforce_hostname_verification", false),
        ("plugins.security.ssl.http.enabled", true),
        ("plugins.security.ssl.http.pemcert_filepath", "certs/http/tls.crt"),
        ("plugins.security.ssl.http.pemkey_filepath", "certs/http/tls.key"),
        ("plugins.security.ssl.http.pemtrustedcas_filepath", "certs/http/ca.crt"),
        ("plugins.security.allow_default_init_securityindex", true),
        ("plugins.security.authcz.admin_dn", new[] { OpenSearchSecurityConfig.AdminDn }),
        ("plugins.security.nodes_dn", new[] { OpenSearchSecurityConfig.NodesDn }),
        ("plugins.security.restapi.roles_enabled", new[] { "all_access", "security_rest_api_access" }),
        ("plugins.security.system_indices.enabled", true),
        ("plugins.security.check_snapshot_restore_write_privileges", true),
        ("plugins.security.enable_snapshot_restore_privilege", true)));
}
