namespace Platform.Components.Cluster.Kubeadm;

/// <summary>
/// The CIS Kubernetes Benchmark hardening the kubeadm documents apply. Every switch defaults to <c>true</c>
/// (hardened); set one to <c>false</c> only by deliberate choice. A switch that is off removes all of its flags,
/// volumes, fields and files, leaving kubeadm's own defaults, but <see cref="EncryptionAtRest"/>, which only changes
/// the provider that writes. <c>components/Cluster/Kubeadm/CIS.md</c> maps the
/// switches to the benchmark's controls.
/// </summary>
public sealed record KubeadmHardening
{
    /// <summary>API server audit logging: the audit policy (<see cref="KubeadmPaths.AuditPolicy"/>) and the audit log
    /// (<see cref="KubeadmPaths.AuditLog"/>) kept 30 days, 10 files of 100 MB. Default <c>true</c>.</summary>
    public bool AuditLog { get; init; } = true;

    /// <summary>Secrets encrypted at rest in etcd with <c>secretbox</c> (the keys are given at render time). Off, the
    /// encryption configuration writes plain (<c>identity</c> first) and keeps the keys for reading: the one switch whose
    /// flag (<c>--encryption-provider-config</c>) and file stay, so that Secrets encrypted while it was on stay readable
    /// (the cluster's Secrets rewrite then stores them plain). Default <c>true</c>.</summary>
    public bool EncryptionAtRest { get; init; } = true;

    /// <summary><c>--profiling=false</c> on the API server, controller manager and scheduler. Default <c>true</c>.</summary>
    public bool DisableProfiling { get; init; } = true;

    /// <summary>The NodeRestriction admission plugin in the API server's <c>--enable-admission-plugins</c>. kubeadm
    /// enables it by default too; when this switch is off but <see cref="EventRateLimit"/> is on, the plugin list the
    /// renderer writes replaces kubeadm's and so leaves NodeRestriction out. Default <c>true</c>.</summary>
    public bool NodeRestriction { get; init; } = true;

    /// <summary>The EventRateLimit admission plugin with its configuration (<see cref="KubeadmPaths.EventRateLimitConfig"/>).
    /// Default <c>true</c>.</summary>
    public bool EventRateLimit { get; init; } = true;

    /// <summary>Pod Security admission defaults for every namespace without its own labels: enforce
    /// <see cref="PodSecurity"/>'s level (<c>baseline</c> unless set), audit and warn <c>restricted</c>; <c>kube-system</c>
    /// and <see cref="PodSecurity"/>'s exemptions are exempt. Default <c>true</c>.</summary>
    public bool PodSecurityDefaults { get; init; } = true;

    /// <summary>The enforced level and the exemptions of the Pod Security defaults, used while
    /// <see cref="PodSecurityDefaults"/> is on. Default: enforce <c>baseline</c>, only <c>kube-system</c> exempt.</summary>
    public PodSecurityAdmission PodSecurity { get; init; } = new();

    /// <summary>Kubelet serving certificates signed by the cluster CA (kubelet <c>serverTLSBootstrap</c>) and the API
    /// server verifying them (<c>--kubelet-certificate-authority</c>). The kubelets' serving certificate requests must
    /// then be approved, or <c>kubectl logs/exec</c> fail: a stack with this on runs a
    /// <see cref="KubeletServingCertificateApprover"/>. Default <c>true</c>.</summary>
    public bool KubeletServingCertificates { get; init; } = true;

    /// <summary>Kubelet settings: anonymous authentication off, webhook authentication and authorization, the client
    /// CA, <c>readOnlyPort: 0</c>, <c>rotateCertificates</c>, <c>protectKernelDefaults</c>, <c>seccompDefault</c>,
    /// <c>makeIPTablesUtilChains</c>, <c>eventRecordQPS: 50</c> and <c>podPidsLimit: 4096</c>. The kubelet's TLS
    /// settings belong to <see cref="StrongTls"/>. Default <c>true</c>.</summary>
    public bool KubeletHardening { get; init; } = true;

    /// <summary><c>--service-account-extend-token-expiration=false</c>: projected service-account tokens live as long as
    /// they say, not a year. Default <c>true</c>.</summary>
    public bool StrictServiceAccountTokens { get; init; } = true;

    /// <summary>TLS 1.2 or later with ECDHE + AES-GCM/ChaCha20-Poly1305 cipher suites only, on the API server,
    /// controller manager, scheduler and kubelet. Default <c>true</c>.</summary>
    public bool StrongTls { get; init; } = true;

    /// <summary>The controller manager's <c>--terminated-pod-gc-threshold</c> (1000 instead of 12500). Default
    /// <c>true</c>.</summary>
    public bool TerminatedPodGc { get; init; } = true;
}
