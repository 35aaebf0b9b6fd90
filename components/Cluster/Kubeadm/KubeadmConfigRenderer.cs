using System.Text.RegularExpressions;
using static Platform.Components.Cluster.Kubeadm.KubeadmYaml;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>
/// Renders the kubeadm configuration documents and the API server's hardening files. Pure functions: no Pulumi
/// types, no I/O. The documents follow the kubeadm API version of the cluster's Kubernetes version
/// (<see cref="KubeadmApiVersion.For"/>) and carry only fields that version defines. The hardening follows the CIS
/// Kubernetes Benchmark (see <c>CIS.md</c> beside this file) and is switched by <see cref="KubeadmHardening"/>.
/// </summary>
public static partial class KubeadmConfigRenderer
{
    /// <summary>The port each control-plane node's API server binds (<c>localAPIEndpoint.bindPort</c>).</summary>
    public const int ApiServerBindPort = 6443;

    /// <summary>The bootstrap token's lifetime from <c>kubeadm init</c>. Short on purpose: the token sits in the
    /// configuration file and in state, so it must be useless soon after bring-up. Later joins re-create the same
    /// token with a fresh TTL before they run.</summary>
    public const string BootstrapTokenTtl = "2h0m0s";

    /// <summary>The taint kubeadm gives control-plane nodes by default.</summary>
    public const string ControlPlaneTaintKey = "node-role.kubernetes.io/control-plane";

    /// <summary>kube-proxy's mode: <c>iptables</c>, kube-proxy's default and the one mode that is GA and supported by
    /// every CNI the platform offers on every Kubernetes version it supports (nftables is GA only from 1.33 and needs a
    /// newer kernel; IPVS is on its way out).</summary>
    public const string KubeProxyMode = "iptables";

    /// <summary>
    /// The <c>kubeadm init --config</c> file for the first control-plane node: InitConfiguration,
    /// ClusterConfiguration, KubeletConfiguration (uploaded by kubeadm and shared by every node that joins later) and
    /// KubeProxyConfiguration, in that order. The result holds the bootstrap token: treat it as a secret.
    /// </summary>
    /// <param name="cluster">The cluster settings and hardening.</param>
    /// <param name="node">The first control-plane node.</param>
    /// <param name="bootstrapToken">The bootstrap token, <c>[a-z0-9]{6}.[a-z0-9]{16}</c>.</param>
    /// <exception cref="ArgumentException">A setting is malformed, or the node is not a control-plane node.</exception>
    public static string RenderInit(KubeadmClusterSpec cluster, KubeadmNodeSpec node, string bootstrapToken)
    {
        ValidateCluster(cluster);
        ValidateNode(node);
        ArgumentNullException.ThrowIfNull(bootstrapToken);
        if (!node.IsControlPlane)
            throw new ArgumentException($"kubeadm init runs on a control-plane node; '{node.Name}' is a worker.", nameof(node));
        if (!TokenFormat().IsMatch(bootstrapToken))
            throw new ArgumentException("The bootstrap token must match [a-z0-9]{6}.[a-z0-9]{16}.", nameof(bootstrapToken));

        var apiVersion = KubeadmApiVersion.For(cluster.KubernetesVersion);
        var init = Map(
            ("apiVersion", apiVersion),
            ("kind", "InitConfiguration"),
            ("bootstrapTokens", new[]
            {
                Map(
                    ("token", bootstrapToken),
                    ("description", "Platform bootstrap token for node joins"),
                    ("ttl", BootstrapTokenTtl),
                    ("usages", new[] { "signing", "authentication" }),
                    ("groups", new[] { "system:bootstrappers:kubeadm:default-node-token" })),
            }),
            ("nodeRegistration", NodeRegistration(node, apiVersion)),
            ("localAPIEndpoint", LocalApiEndpoint(node)));
        if (!cluster.KubeProxy)
        {
            init.Add("skipPhases", new[] { "addon/kube-proxy" });
            return Stream([init, ClusterConfiguration(cluster, apiVersion), KubeletConfiguration(cluster.Hardening)]);
        }
        return Stream([init, ClusterConfiguration(cluster, apiVersion), KubeletConfiguration(cluster.Hardening), KubeProxyConfiguration(cluster)]);
    }

    /// <summary>
    /// The <c>kubeadm join --config</c> file for any other node: a JoinConfiguration with bootstrap-token discovery
    /// and, for a control-plane node, its local API endpoint. Control-plane nodes get the shared PKI before they join,
    /// so no certificate key is written. The result holds the bootstrap token: treat it as a secret.
    /// </summary>
    /// <param name="cluster">The cluster settings (for the kubeadm API version).</param>
    /// <param name="node">The joining node.</param>
    /// <param name="discovery">How the node finds and trusts the cluster.</param>
    /// <exception cref="ArgumentException">A setting is malformed.</exception>
    public static string RenderJoin(KubeadmClusterSpec cluster, KubeadmNodeSpec node, KubeadmJoinDiscovery discovery)
    {
        ValidateCluster(cluster);
        ValidateNode(node);
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentException.ThrowIfNullOrWhiteSpace(discovery.ApiServerEndpoint, nameof(discovery));
        if (discovery.Token is null || !TokenFormat().IsMatch(discovery.Token))
            throw new ArgumentException("The bootstrap token must match [a-z0-9]{6}.[a-z0-9]{16}.", nameof(discovery));
        if (discovery.CaCertHash is null || !CaCertHashFormat().IsMatch(discovery.CaCertHash))
            throw new ArgumentException("The CA certificate hash must be 'sha256:' and 64 lower-case hex digits.", nameof(discovery));

        var apiVersion = KubeadmApiVersion.For(cluster.KubernetesVersion);
        var join = Map(
            ("apiVersion", apiVersion),
            ("kind", "JoinConfiguration"),
            ("discovery", Map(("bootstrapToken", Map(
                ("apiServerEndpoint", discovery.ApiServerEndpoint),
                ("token", discovery.Token),
                ("caCertHashes", new[] { discovery.CaCertHash }))))),
            ("nodeRegistration", NodeRegistration(node, apiVersion)),
            ("controlPlane", node.IsControlPlane ? Map(("localAPIEndpoint", LocalApiEndpoint(node))) : null));
        return Serialize(join);
    }

    /// <summary>The API server's audit policy (audit.k8s.io/v1): nothing for probes, events and routine system
    /// traffic; metadata only for secrets, config maps and token reviews (no secret data is logged) and for exec,
    /// attach, port-forward and proxy; request and response for changes to RBAC, admission webhooks and certificates;
    /// the request for every other change; metadata for everything else. The RequestReceived stage is omitted.</summary>
    public static string RenderAuditPolicy() => Serialize(AuditPolicyDocument.Build());

    /// <summary>The name of the key each encryption provider is given (<c>k8s:enc:&lt;provider&gt;:v1:key1:</c> prefixes
    /// what it writes).</summary>
    public const string EncryptionKeyName = "key1";

    /// <summary>The encryption-at-rest configuration (apiserver.config.k8s.io/v1) for Secrets. <c>secretbox</c>
    /// (XSalsa20 and Poly1305, the strongest local-key provider upstream rates; <c>aescbc</c> is rated weak and
    /// <c>aesgcm</c> needs a new key every 200,000 writes) is first, so it encrypts every write. Then, for reading
    /// only: <c>aescbc</c> with the key of earlier versions when given, so Secrets they wrote stay readable until
    /// rewritten, and <c>identity</c> last, so Secrets written before encryption was on stay readable. The result holds
    /// the keys: treat it as a secret.</summary>
    /// <param name="secretboxKey">The key that encrypts, 32 random bytes in base64.</param>
    /// <param name="legacyAescbcKey">The <c>aescbc</c> key earlier versions encrypted with (32 bytes in base64), or
    /// null once no stored Secret is encrypted with it.</param>
    /// <param name="writeWithAescbc">The migration's first phase: <c>aescbc</c> first (it still encrypts writes) and
    /// <c>secretbox</c> second (read only), until every API server has read this file.</param>
    /// <param name="writePlain">Encryption at rest switched off: <c>identity</c> first, so writes are plain, and the keys
    /// after it for reading only, so Secrets written while it was on stay readable until they are rewritten (upstream's
    /// "Decrypt all data"). Without them every encrypted Secret would be unreadable.</param>
    /// <exception cref="ArgumentException">A key is not base64 of exactly 32 bytes, or both keys are the same.</exception>
    public static string RenderEncryptionConfig(string secretboxKey, string? legacyAescbcKey = null, bool writeWithAescbc = false, bool writePlain = false)
    {
        RequireKey(secretboxKey, nameof(secretboxKey));
        var providers = new List<object> { Map(("secretbox", KeyList(secretboxKey))) };
        if (legacyAescbcKey != null)
        {
            RequireKey(legacyAescbcKey, nameof(legacyAescbcKey));
            if (legacyAescbcKey == secretboxKey)
                throw new ArgumentException("The secretbox key must differ from the aescbc key: a key is never shared between two ciphers.", nameof(legacyAescbcKey));
            // The first provider encrypts every write. While a cluster moves from aescbc, aescbc keeps writing until every
            // API server can read secretbox (upstream's two-step key change), so no server ever meets a Secret it cannot read.
            providers.Insert(writeWithAescbc ? 0 : 1, Map(("aescbc", KeyList(legacyAescbcKey))));
        }
        else if (writeWithAescbc)
        {
            throw new ArgumentException("Writing with aescbc during the migration needs the aescbc key.", nameof(legacyAescbcKey));
        }
        if (writePlain) providers.Insert(0, Map(("identity", Map())));
        else providers.Add(Map(("identity", Map())));
        return Serialize(Map(
            ("apiVersion", "apiserver.config.k8s.io/v1"),
            ("kind", "EncryptionConfiguration"),
            ("resources", new[] { Map(("resources", new[] { "secrets" }), ("providers", providers.ToArray())) })));

        static Dictionary<string, object?> KeyList(string key) => Map(("keys", new[] { Map(("name", EncryptionKeyName), ("secret", key)) }));
    }

    private static void RequireKey(string base64Key, string parameter)
    {
        ArgumentNullException.ThrowIfNull(base64Key, parameter);
        Span<byte> buffer = stackalloc byte[64];
        if (!Convert.TryFromBase64String(base64Key, buffer, out var length) || length != 32)
            throw new ArgumentException("An encryption key must be base64 of exactly 32 bytes.", parameter);
    }

    /// <summary>The API server's admission configuration (apiserver.config.k8s.io/v1): the Pod Security defaults when
    /// <see cref="KubeadmHardening.PodSecurityDefaults"/> is on (enforce <see cref="KubeadmHardening.PodSecurity"/>'s level,
    /// <c>baseline</c> by default, audit and warn <c>restricted</c>, all at <c>latest</c>; <c>kube-system</c> and the
    /// configured usernames, runtime classes and namespaces exempt, each list sorted), and the EventRateLimit plugin's
    /// configuration path when <see cref="KubeadmHardening.EventRateLimit"/> is on.</summary>
    /// <param name="h">The hardening switches.</param>
    public static string RenderAdmissionConfig(KubeadmHardening h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var plugins = new List<object>();
        if (h.PodSecurityDefaults)
        {
            plugins.Add(Map(
                ("name", "PodSecurity"),
                ("configuration", Map(
                    ("apiVersion", "pod-security.admission.config.k8s.io/v1"),
                    ("kind", "PodSecurityConfiguration"),
                    ("defaults", Map(
                        ("enforce", h.PodSecurity.Enforce.ToString().ToLowerInvariant()),
                        ("enforce-version", "latest"),
                        ("audit", "restricted"),
                        ("audit-version", "latest"),
                        ("warn", "restricted"),
                        ("warn-version", "latest"))),
                    ("exemptions", Map(
                        ("usernames", PodSecurityAdmission.Sorted(h.PodSecurity.ExemptUsernames)),
                        ("runtimeClasses", PodSecurityAdmission.Sorted(h.PodSecurity.ExemptRuntimeClasses)),
                        ("namespaces", h.PodSecurity.AllExemptNamespaces)))))));
        }
        if (h.EventRateLimit)
            plugins.Add(Map(("name", "EventRateLimit"), ("path", KubeadmPaths.EventRateLimitConfig)));
        return Serialize(Map(
            ("apiVersion", "apiserver.config.k8s.io/v1"),
            ("kind", "AdmissionConfiguration"),
            ("plugins", plugins)));
    }

    /// <summary>The EventRateLimit plugin's configuration (eventratelimit.admission.k8s.io/v1alpha1): events are
    /// accepted at up to 50 per second (bursts of 100) per namespace, 10 (bursts of 50) per user and 1000 (bursts of
    /// 2000) for the whole server; beyond that the API server answers 429 and clients drop the event.</summary>
    public static string RenderEventRateLimitConfig() => Serialize(Map(
        ("apiVersion", "eventratelimit.admission.k8s.io/v1alpha1"),
        ("kind", "Configuration"),
        ("limits", new[]
        {
            Map(("type", "Server"), ("qps", 1000), ("burst", 2000)),
            Map(("type", "Namespace"), ("qps", 50), ("burst", 100), ("cacheSize", 2000)),
            Map(("type", "User"), ("qps", 10), ("burst", 50), ("cacheSize", 2000)),
        })));

    /// <summary>The environment variable on the API server that carries the SHA-256 of the files it reads only when it
    /// starts (<see cref="ApiServerFilesDigest"/>): a changed file changes the static pod, so kubelet restarts the API
    /// server and it reads the new file.</summary>
    public const string ApiServerFilesVariable = "PLATFORM_API_SERVER_FILES_SHA256";

    /// <summary>The environment variable on the API server that names the provider its encryption configuration writes
    /// Secrets with (<see cref="SecretsWriter"/>): a new writer restarts every API server, so none of them keeps
    /// writing with the old one, and the Secrets rewrite knows when every API server writes with the new one.</summary>
    public const string SecretsWriterVariable = "PLATFORM_SECRETS_WRITER";

    /// <summary>
    /// The cluster-wide documents of the kubeadm configuration alone, as <see cref="RenderInit"/> writes them: the
    /// ClusterConfiguration and the KubeletConfiguration. They hold no secret. What a running cluster is reconfigured
    /// from (<see cref="ReconfigureFingerprints"/>).
    /// </summary>
    /// <param name="cluster">The cluster settings and hardening.</param>
    public static string RenderClusterDocuments(KubeadmClusterSpec cluster)
    {
        ValidateCluster(cluster);
        var apiVersion = KubeadmApiVersion.For(cluster.KubernetesVersion);
        return Stream([ClusterConfiguration(cluster, apiVersion), KubeletConfiguration(cluster.Hardening)]);
    }

    /// <summary>The ClusterConfiguration alone, as <see cref="RenderInit"/> writes it.</summary>
    /// <param name="cluster">The cluster settings and hardening.</param>
    public static string RenderClusterConfiguration(KubeadmClusterSpec cluster)
    {
        ValidateCluster(cluster);
        return Serialize(ClusterConfiguration(cluster, KubeadmApiVersion.For(cluster.KubernetesVersion)));
    }

    /// <summary>The KubeletConfiguration alone, as <see cref="RenderInit"/> writes it.</summary>
    /// <param name="cluster">The cluster settings and hardening.</param>
    public static string RenderKubeletConfiguration(KubeadmClusterSpec cluster)
    {
        ValidateCluster(cluster);
        return Serialize(KubeletConfiguration(cluster.Hardening));
    }

    /// <summary>The provider that writes Secrets: <c>secretbox</c> with encryption at rest on, <c>aescbc</c> during the
    /// first step of the migration from it (<see cref="KubeadmClusterSpec.SecretsEncryptionMigration"/>), <c>identity</c>
    /// (plain) with encryption at rest off.</summary>
    /// <param name="cluster">The cluster settings and hardening.</param>
    public static string SecretsWriter(KubeadmClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return !cluster.Hardening.EncryptionAtRest ? "identity" : cluster.SecretsEncryptionMigration ? "aescbc" : "secretbox";
    }

    /// <summary>The SHA-256 (lower-case hex) of the files the API server reads only when it starts: the audit policy,
    /// the admission configuration and the EventRateLimit configuration, each where its switch is on. The encryption
    /// configuration is not among them: the API servers reload it by themselves; nor is the authentication configuration,
    /// which they reload too (<see cref="AuthenticationConfigRenderer"/>).</summary>
    /// <param name="hardening">The hardening switches.</param>
    public static string ApiServerFilesDigest(KubeadmHardening hardening)
    {
        ArgumentNullException.ThrowIfNull(hardening);
        var files = new System.Text.StringBuilder();
        if (hardening.AuditLog) files.Append(KubeadmPaths.AuditPolicy).Append('\n').Append(RenderAuditPolicy());
        if (hardening.PodSecurityDefaults || hardening.EventRateLimit)
            files.Append(KubeadmPaths.AdmissionConfig).Append('\n').Append(RenderAdmissionConfig(hardening));
        if (hardening.EventRateLimit) files.Append(KubeadmPaths.EventRateLimitConfig).Append('\n').Append(RenderEventRateLimitConfig());
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(files.ToString())));
    }

    private static List<Dictionary<string, object?>> ApiServerEnvironment(KubeadmClusterSpec cluster) =>
    [
        Map(("name", ApiServerFilesVariable), ("value", ApiServerFilesDigest(cluster.Hardening))),
        Map(("name", SecretsWriterVariable), ("value", SecretsWriter(cluster))),
    ];

    private static Dictionary<string, object?> ClusterConfiguration(KubeadmClusterSpec cluster, string apiVersion)
    {
        var h = cluster.Hardening;
        var sans = new List<string> { EndpointHost(cluster.ControlPlaneEndpoint) };
        foreach (var san in cluster.ApiServerCertSans)
            if (!string.IsNullOrWhiteSpace(san) && !sans.Contains(san, StringComparer.Ordinal))
                sans.Add(san);
        var authenticationConfig = AuthenticationConfigRenderer.IsReadBy(cluster.KubernetesVersion);
        var apiServerVolumes = ControlPlaneArguments.ApiServerVolumes(h, authenticationConfig);
        return Map(
            ("apiVersion", apiVersion),
            ("kind", "ClusterConfiguration"),
            ("clusterName", cluster.ClusterName),
            ("kubernetesVersion", "v" + cluster.KubernetesVersion),
            ("controlPlaneEndpoint", cluster.ControlPlaneEndpoint),
            ("certificatesDir", KubeadmPaths.PkiDir),
            ("networking", Map(
                ("podSubnet", cluster.PodSubnet),
                ("serviceSubnet", cluster.ServiceSubnet),
                ("dnsDomain", cluster.DnsDomain))),
            ("apiServer", Map(
                ("certSANs", sans),
                ("extraArgs", ExtraArgs(apiVersion, ControlPlaneArguments.ApiServer(h, authenticationConfig))),
                ("extraEnvs", apiVersion == KubeadmApiVersion.V1Beta4 ? ApiServerEnvironment(cluster) : null),
                ("extraVolumes", apiServerVolumes.Count > 0 ? apiServerVolumes : null))),
            ("controllerManager", Component(apiVersion, ControlPlaneArguments.ControllerManager(h, cluster.ControlPlaneServingCertificates))),
            ("scheduler", Component(apiVersion, ControlPlaneArguments.Scheduler(h, cluster.ControlPlaneServingCertificates),
                ControlPlaneArguments.SchedulerVolumes(cluster.ControlPlaneServingCertificates))));
    }

    private static Dictionary<string, object?> KubeletConfiguration(KubeadmHardening h)
    {
        var kubelet = Map(
            ("apiVersion", "kubelet.config.k8s.io/v1beta1"),
            ("kind", "KubeletConfiguration"),
            ("cgroupDriver", "systemd"),
            ("volumePluginDir", KubeadmPaths.VolumePluginDir));
        if (h.KubeletHardening)
        {
            kubelet.Add("authentication", Map(
                ("anonymous", Map(("enabled", false))),
                ("webhook", Map(("enabled", true))),
                ("x509", Map(("clientCAFile", KubeadmPaths.ClusterCaCert)))));
            kubelet.Add("authorization", Map(("mode", "Webhook")));
            kubelet.Add("readOnlyPort", 0);
            kubelet.Add("rotateCertificates", true);
            kubelet.Add("protectKernelDefaults", true);
            kubelet.Add("seccompDefault", true);
            kubelet.Add("makeIPTablesUtilChains", true);
            kubelet.Add("eventRecordQPS", 50);
            kubelet.Add("podPidsLimit", 4096);
        }
        if (h.KubeletServingCertificates)
            kubelet.Add("serverTLSBootstrap", true);
        if (h.StrongTls)
        {
            kubelet.Add("tlsMinVersion", ControlPlaneArguments.TlsMinVersion);
            kubelet.Add("tlsCipherSuites", ControlPlaneArguments.TlsCipherSuites);
        }
        return kubelet;
    }

    private static Dictionary<string, object?> KubeProxyConfiguration(KubeadmClusterSpec cluster) => Map(
        ("apiVersion", "kubeproxy.config.k8s.io/v1alpha1"),
        ("kind", "KubeProxyConfiguration"),
        ("mode", KubeProxyMode),
        ("clusterCIDR", cluster.PodSubnet));

    /// <summary>Every taint the node has: its own, and on a control-plane node kubeadm's control-plane NoSchedule taint
    /// when <see cref="KubeadmNodeSpec.ControlPlaneTaint"/> says so and no taint of its own has that key.</summary>
    /// <param name="node">The node.</param>
    public static IReadOnlyList<NodeTaint> EffectiveTaints(KubeadmNodeSpec node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var taints = node.Taints.ToList();
        if (node.IsControlPlane && node.ControlPlaneTaint && !node.Taints.Any(t => string.Equals(t.Key, ControlPlaneTaintKey, StringComparison.Ordinal)))
            taints.Add(new NodeTaint { Key = ControlPlaneTaintKey, Effect = TaintEffect.NoSchedule });
        return taints;
    }

    private static Dictionary<string, object?> NodeRegistration(KubeadmNodeSpec node, string apiVersion)
    {
        var taints = EffectiveTaints(node).Select(Taint).ToList();
        var registration = Map(("name", node.Name), ("criSocket", node.CriSocket), ("taints", taints));
        if (node.NodeIp is { } nodeIp)
        {
            // v1beta4's extraArgs are lists of {name, value}; v1beta3's are maps.
            registration.Add("kubeletExtraArgs", apiVersion == KubeadmApiVersion.V1Beta4
                ? new[] { Map(("name", "node-ip"), ("value", nodeIp)) }
                : Map(("node-ip", nodeIp)));
        }
        return registration;
    }

    private static Dictionary<string, object?> Taint(NodeTaint taint) => Map(
        ("key", taint.Key),
        ("value", taint.Value),
        ("effect", taint.Effect switch
        {
            TaintEffect.NoSchedule => "NoSchedule",
            TaintEffect.PreferNoSchedule => "PreferNoSchedule",
            TaintEffect.NoExecute => "NoExecute",
            _ => throw new ArgumentException($"Unknown taint effect {taint.Effect} on taint '{taint.Key}'.", nameof(taint)),
        }));

    private static Dictionary<string, object?> LocalApiEndpoint(KubeadmNodeSpec node) =>
        Map(("advertiseAddress", node.AdvertiseAddress), ("bindPort", ApiServerBindPort));

    private static Dictionary<string, object?>? Component(string apiVersion, IReadOnlyList<KeyValuePair<string, string>> args,
        IReadOnlyList<Dictionary<string, object?>>? volumes = null) =>
        args.Count == 0 ? null : volumes is { Count: > 0 }
            ? Map(("extraArgs", ExtraArgs(apiVersion, args)), ("extraVolumes", volumes))
            : Map(("extraArgs", ExtraArgs(apiVersion, args)));

    /// <summary>v1beta3 writes extra arguments as a map, v1beta4 as a list of <c>{name, value}</c>.</summary>
    private static object? ExtraArgs(string apiVersion, IReadOnlyList<KeyValuePair<string, string>> args)
    {
        if (args.Count == 0) return null;
        if (string.Equals(apiVersion, KubeadmApiVersion.V1Beta3, StringComparison.Ordinal))
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, value) in args) map.Add(name, value);
            return map;
        }
        return args.Select(a => Map(("name", a.Key), ("value", a.Value))).ToList();
    }

    private static string EndpointHost(string endpoint)
    {
        if (endpoint.StartsWith('['))
        {
            var close = endpoint.IndexOf(']', StringComparison.Ordinal);
            if (close > 1 && endpoint.AsSpan(close + 1).StartsWith(":")) return endpoint[1..close];
        }
        else
        {
            var colon = endpoint.LastIndexOf(':');
            if (colon > 0 && endpoint.IndexOf(':', StringComparison.Ordinal) == colon) return endpoint[..colon];
        }
        throw new ArgumentException($"The control-plane endpoint '{endpoint}' must be host:port (IPv6 as [address]:port).", nameof(endpoint));
    }

    private static void ValidateCluster(KubeadmClusterSpec cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster.ClusterName, nameof(cluster));
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster.ControlPlaneEndpoint, nameof(cluster));
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster.PodSubnet, nameof(cluster));
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster.ServiceSubnet, nameof(cluster));
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster.DnsDomain, nameof(cluster));
        ArgumentNullException.ThrowIfNull(cluster.ApiServerCertSans, nameof(cluster));
        ArgumentNullException.ThrowIfNull(cluster.Hardening, nameof(cluster));
        KubeadmApiVersion.Minor(cluster.KubernetesVersion);
        EndpointHost(cluster.ControlPlaneEndpoint);
    }

    private static void ValidateNode(KubeadmNodeSpec node)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrWhiteSpace(node.Name, nameof(node));
        ArgumentException.ThrowIfNullOrWhiteSpace(node.AdvertiseAddress, nameof(node));
        ArgumentException.ThrowIfNullOrWhiteSpace(node.CriSocket, nameof(node));
        ArgumentNullException.ThrowIfNull(node.Taints, nameof(node));
        if (node.NodeIp is { } nodeIp && !CanonicalIp.Is(nodeIp))
            throw new ArgumentException($"kubelet's node IP is an IP address, got '{nodeIp}' for node {node.Name}.", nameof(node));
    }

    [GeneratedRegex("^[a-z0-9]{6}\\.[a-z0-9]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenFormat();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CaCertHashFormat();
}
