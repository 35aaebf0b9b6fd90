using System.Globalization;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>The control-plane component flags and API server volumes that <see cref="KubeadmHardening"/> asks for, in a
/// stable order. Everything not listed keeps kubeadm's default (bind addresses, authorization modes, ...).</summary>
internal static class ControlPlaneArguments
{
    /// <summary>The lowest TLS version the components accept.</summary>
    public const string TlsMinVersion = "VersionTLS12";

    /// <summary>The TLS 1.2 cipher suites the components offer: ECDHE key exchange with AES-GCM or ChaCha20-Poly1305
    /// only. Every name is in both kube-bench lists (CIS 1.2.29 for the API server, 4.2.12 for the kubelet; the
    /// ChaCha20 suites use the names Kubernetes accepts as aliases of the <c>_SHA256</c> IANA names). TLS 1.3 suites
    /// are not configurable in Go and are all strong.</summary>
    public static readonly IReadOnlyList<string> TlsCipherSuites =
    [
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    ];

    /// <summary>The controller manager's <c>--terminated-pod-gc-threshold</c>: CIS asks for "an appropriate threshold"
    /// (its example is 10). 1000 bounds what terminated pods cost etcd and the controllers, far below the default
    /// 12500, while keeping failed Job and CronJob pods (and their logs) around long enough to be looked at.</summary>
    public const int TerminatedPodGcThreshold = 1000;

    /// <summary>Days an audit log file is kept (CIS 1.2.17).</summary>
    public const int AuditLogMaxAgeDays = 30;

    /// <summary>Rotated audit log files kept (CIS 1.2.18).</summary>
    public const int AuditLogMaxBackups = 10;

    /// <summary>Size in MB at which the audit log is rotated (CIS 1.2.19).</summary>
    public const int AuditLogMaxSizeMegabytes = 100;

    /// <summary>The API server's extra flags; <paramref name="authenticationConfig"/>: it reads the structured
    /// authentication configuration (<see cref="AuthenticationConfigRenderer.IsReadBy"/>).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ApiServer(KubeadmHardening h, bool authenticationConfig = false)
    {
        var args = new List<KeyValuePair<string, string>>();
        if (h.AuditLog)
        {
            Add(args, "audit-policy-file", KubeadmPaths.AuditPolicy);
            Add(args, "audit-log-path", KubeadmPaths.AuditLog);
            Add(args, "audit-log-maxage", Number(AuditLogMaxAgeDays));
            Add(args, "audit-log-maxbackup", Number(AuditLogMaxBackups));
            Add(args, "audit-log-maxsize", Number(AuditLogMaxSizeMegabytes));
        }
        // Always, whatever EncryptionAtRest says: with it off the configuration writes plain (identity first) and keeps
        // the keys for reading, so Secrets encrypted while it was on stay readable; without the flag they would not be.
        Add(args, "encryption-provider-config", KubeadmPaths.EncryptionConfig);
        // A changed encryption configuration (a new key, another provider) is read within about a minute by every
        // API server, instead of at each server's next restart, so HA control planes never disagree for long on
        // how Secrets are written.
        Add(args, "encryption-provider-config-automatic-reload", "true");
        if (h.DisableProfiling)
            Add(args, "profiling", "false");
        // Whatever the hardening: the structured authentication configuration (the OIDC issuers the API server trusts,
        // none until the cluster's TrustIssuers step writes them). The API server reloads it when it changes, so
        // trusting an issuer needs no restart; it excludes every --oidc-* flag, none of which is set.
        if (authenticationConfig)
            Add(args, "authentication-config", KubeadmPaths.AuthenticationConfig);
        var plugins = new List<string>();
        if (h.NodeRestriction) plugins.Add("NodeRestriction");
        if (h.EventRateLimit) plugins.Add("EventRateLimit");
        if (plugins.Count > 0)
            Add(args, "enable-admission-plugins", string.Join(',', plugins));
        if (h.PodSecurityDefaults || h.EventRateLimit)
            Add(args, "admission-control-config-file", KubeadmPaths.AdmissionConfig);
        if (h.KubeletServingCertificates)
            Add(args, "kubelet-certificate-authority", KubeadmPaths.ClusterCaCert);
        if (h.StrictServiceAccountTokens)
            Add(args, "service-account-extend-token-expiration", "false");
        AddTls(args, h);
        return args;
    }

    /// <summary>The controller manager's extra flags; <paramref name="servingCertificate"/>: it serves
    /// <see cref="KubeadmPaths.ControlPlaneServingCert"/> (in kubeadm's certificate folder, which kubeadm mounts into it).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ControllerManager(KubeadmHardening h, bool servingCertificate = false)
    {
        var args = new List<KeyValuePair<string, string>>();
        // kubeadm mounts this folder into the controller manager, creating it if missing; /usr is read-only on Flatcar.
        Add(args, "flex-volume-plugin-dir", KubeadmPaths.VolumePluginDir);
        if (h.DisableProfiling)
            Add(args, "profiling", "false");
        if (h.TerminatedPodGc)
            Add(args, "terminated-pod-gc-threshold", Number(TerminatedPodGcThreshold));
        AddTls(args, h);
        if (servingCertificate) AddServingCertificate(args);
        return args;
    }

    /// <summary>The scheduler's extra flags; <paramref name="servingCertificate"/>: it serves
    /// <see cref="KubeadmPaths.ControlPlaneServingCert"/> (mounted by <see cref="SchedulerVolumes"/>).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Scheduler(KubeadmHardening h, bool servingCertificate = false)
    {
        var args = new List<KeyValuePair<string, string>>();
        if (h.DisableProfiling)
            Add(args, "profiling", "false");
        AddTls(args, h);
        if (servingCertificate) AddServingCertificate(args);
        return args;
    }

    /// <summary>The scheduler's extra host-path volumes: with <paramref name="servingCertificate"/>, the folder of the
    /// certificate and its key, read-only (kubeadm mounts only the scheduler's kubeconfig into it). The folder, so that
    /// a renewed file, renamed over the old one, is what the scheduler reloads.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> SchedulerVolumes(bool servingCertificate) => servingCertificate
        ? [Volume("serving-certificate", KubeadmPaths.ControlPlaneServingDir, readOnly: true, "Directory")]
        : [];

    // Both components reload the files when they change (a renewed certificate needs no restart).
    private static void AddServingCertificate(List<KeyValuePair<string, string>> args)
    {
        Add(args, "tls-cert-file", KubeadmPaths.ControlPlaneServingCert);
        Add(args, "tls-private-key-file", KubeadmPaths.ControlPlaneServingKey);
    }

    /// <summary>The API server's extra host-path volumes: each configuration file read-only (the authentication
    /// configuration's folder), the audit log folder writable.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> ApiServerVolumes(KubeadmHardening h, bool authenticationConfig = false)
    {
        var volumes = new List<Dictionary<string, object?>>();
        if (h.AuditLog)
        {
            volumes.Add(Volume("audit-policy", KubeadmPaths.AuditPolicy, readOnly: true, "File"));
            volumes.Add(Volume("audit-log", KubeadmPaths.AuditLogDir, readOnly: false, "DirectoryOrCreate"));
        }
        volumes.Add(Volume("encryption-config", KubeadmPaths.EncryptionConfig, readOnly: true, "File"));
        // The folder, so that a configuration renamed over the old file is the one the API server reloads.
        if (authenticationConfig)
            volumes.Add(Volume("authentication-config", KubeadmPaths.AuthenticationConfigDir, readOnly: true, "Directory"));
        if (h.PodSecurityDefaults || h.EventRateLimit)
            volumes.Add(Volume("admission-config", KubeadmPaths.AdmissionConfig, readOnly: true, "File"));
        if (h.EventRateLimit)
            volumes.Add(Volume("event-rate-limit-config", KubeadmPaths.EventRateLimitConfig, readOnly: true, "File"));
        return volumes;
    }

    private static void AddTls(List<KeyValuePair<string, string>> args, KubeadmHardening h)
    {
        if (!h.StrongTls) return;
        Add(args, "tls-min-version", TlsMinVersion);
        Add(args, "tls-cipher-suites", string.Join(',', TlsCipherSuites));
    }

    private static Dictionary<string, object?> Volume(string name, string path, bool readOnly, string pathType) =>
        KubeadmYaml.Map(("name", name), ("hostPath", path), ("mountPath", path), ("readOnly", readOnly), ("pathType", pathType));

    private static void Add(List<KeyValuePair<string, string>> args, string name, string value) => args.Add(new(name, value));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
