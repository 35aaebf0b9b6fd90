namespace Platform.Components.Cluster.Kubeadm;

/// <summary>The on-node paths the kubeadm documents refer to. Files under <see cref="PlatformDir"/> are written by the
/// node scripts before <c>kubeadm init/join</c>, mode <c>0600</c>, owned by root.</summary>
public static class KubeadmPaths
{
    /// <summary>The folder for the platform's own control-plane files.</summary>
    public const string PlatformDir = "/etc/kubernetes/platform";

    /// <summary>The kubeadm configuration (<c>kubeadm init/join --config</c>).</summary>
    public const string Config = PlatformDir + "/kubeadm.yaml";

    /// <summary>The API server's audit policy (<c>--audit-policy-file</c>).</summary>
    public const string AuditPolicy = PlatformDir + "/audit-policy.yaml";

    /// <summary>The folder of the API server's audit log; mounted writable into the API server pod and created by
    /// kubelet if missing.</summary>
    public const string AuditLogDir = "/var/log/kubernetes/audit";

    /// <summary>The API server's audit log (<c>--audit-log-path</c>); rotated files sit beside it.</summary>
    public const string AuditLog = AuditLogDir + "/audit.log";

    /// <summary>The encryption-at-rest configuration (<c>--encryption-provider-config</c>). Holds the key: a secret.</summary>
    public const string EncryptionConfig = PlatformDir + "/encryption-config.yaml";

    /// <summary>The admission configuration (<c>--admission-control-config-file</c>).</summary>
    public const string AdmissionConfig = PlatformDir + "/admission-config.yaml";

    /// <summary>The EventRateLimit admission plugin's configuration, referenced from <see cref="AdmissionConfig"/>.</summary>
    public const string EventRateLimitConfig = PlatformDir + "/event-rate-limit.yaml";

    /// <summary>The folder of the API server's structured authentication configuration (<see cref="AuthenticationConfig"/>),
    /// which the API server mounts read-only: the folder, not the file, because the file is replaced by renaming a new
    /// one over it, which a single-file mount (bound to the old inode) would never show.</summary>
    public const string AuthenticationConfigDir = PlatformDir + "/authentication";

    /// <summary>The API server's structured authentication configuration (<c>--authentication-config</c>): the OIDC
    /// issuers it trusts (<see cref="AuthenticationConfigRenderer"/>). The API server reloads it when it changes.</summary>
    public const string AuthenticationConfig = AuthenticationConfigDir + "/authentication-config.yaml";

    /// <summary>kubeadm's certificate folder (<c>certificatesDir</c>, kubeadm's default).</summary>
    public const string PkiDir = "/etc/kubernetes/pki";

    /// <summary>The cluster CA certificate: the kubelets' client CA and the API server's
    /// <c>--kubelet-certificate-authority</c>.</summary>
    public const string ClusterCaCert = PkiDir + "/ca.crt";

    /// <summary>The folder of the controller manager's and the scheduler's serving certificate and key
    /// (<see cref="ControlPlaneServingCert"/>): the scheduler mounts the folder, not the files, because the files step
    /// replaces a changed file by renaming a new one over it, which a single-file mount would never show.</summary>
    public const string ControlPlaneServingDir = PkiDir + "/control-plane-serving";

    /// <summary>The serving certificate of the controller manager and the scheduler when the cluster CA signs it
    /// (<see cref="KubeadmClusterSpec.ControlPlaneServingCertificates"/>), for <c>127.0.0.1</c> and <c>localhost</c>,
    /// where both listen.</summary>
    public const string ControlPlaneServingCert = ControlPlaneServingDir + "/tls.crt";

    /// <summary>The key of <see cref="ControlPlaneServingCert"/>.</summary>
    public const string ControlPlaneServingKey = ControlPlaneServingDir + "/tls.key";

    /// <summary>Where kubeadm writes the kubelet configuration on every node (CIS 4.1.9/4.1.10: mode 600, root:root).</summary>
    public const string KubeletConfig = "/var/lib/kubelet/config.yaml";

    /// <summary>The FlexVolume plugin folder of kubelet and the controller manager: under /opt, because /usr is
    /// read-only on Flatcar (the same on every OS family, since the kubelet configuration is cluster-wide).</summary>
    public const string VolumePluginDir = "/opt/libexec/kubernetes/kubelet-plugins/volume/exec/";
}
