using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Cluster.Scripts;
using Pulumi;

namespace Platform.Components.Cluster;

/// <summary>The files each node receives before <c>kubeadm init</c>/<c>join</c>: the kubeadm configuration, and on
/// control-plane nodes the shared PKI, the hardening files, the first authentication configuration and the kube-vip
/// template. The payload is secret.</summary>
internal sealed class ClusterFiles
{
    private readonly KubeadmClusterSpec _spec;
    private readonly Output<((string Token, string Hash, string EncryptionKey, string LegacyEncryptionKey), System.Collections.Immutable.ImmutableArray<string>)> _material;
    private readonly bool _hasWorkers;

    public ClusterFiles(KubeadmClusterSpec spec, ClusterPki pki, string? kubeVipAddress, int apiPort, bool hasWorkers)
    {
        _hasWorkers = hasWorkers;
        _spec = spec;
        // What every node's files are made of, combined once for all nodes.
        var secrets = Output.Tuple(pki.BootstrapToken, pki.DiscoveryTokenCaCertHash, pki.SecretsEncryptionKey, pki.LegacyAescbcEncryptionKey);
        var pemParts = new List<Output<string>>
        {
            pki.ClusterCa.CertPem, pki.ClusterCa.KeyPem, pki.FrontProxyCa.CertPem, pki.FrontProxyCa.KeyPem,
            pki.EtcdCa.CertPem, pki.EtcdCa.KeyPem, pki.ServiceAccountPrivateKeyPem, pki.ServiceAccountPublicKeyPem,
        };
        if (spec.ControlPlaneServingCertificates)
        {
            var serving = pki.ControlPlaneServing
                ?? throw new ArgumentException("The spec asks for the control-plane serving certificate, which the PKI does not have.", nameof(pki));
            pemParts.Add(serving.CertPem);
            pemParts.Add(serving.KeyPem);
        }
        var pem = Output.All(pemParts);
        _material = Output.Tuple(secrets, pem);
        KubeVipTemplate = kubeVipAddress is null ? null : KubeVipManifest.Render(kubeVipAddress, apiPort);
    }

    /// <summary>The authentication configuration a control-plane node starts with where it has none: no JWT
    /// authenticator (<see cref="AuthenticationConfigRenderer.Render"/> of no issuer); null for a version whose API
    /// server does not read one (<see cref="AuthenticationConfigRenderer.IsReadBy"/>).</summary>
    public string? InitialAuthenticationConfig => AuthenticationConfigRenderer.IsReadBy(_spec.KubernetesVersion)
        ? AuthenticationConfigRenderer.Render(_spec.KubernetesVersion, [], _spec.DnsDomain)
        : null;

    /// <summary>The kube-vip template every control-plane node receives; null when kube-vip does not serve the API.</summary>
    public string? KubeVipTemplate { get; }

    /// <summary>The cluster settings the kubeadm documents are rendered from.</summary>
    public KubeadmClusterSpec Spec => _spec;

    /// <summary>Every taint the node registers with (<see cref="KubeadmConfigRenderer.EffectiveTaints"/>).</summary>
    public IReadOnlyList<NodeTaint> TaintsOf(ClusterNode node, KubernetesNodeRole role) => KubeadmConfigRenderer.EffectiveTaints(NodeSpec(node, role));

    public Output<string> For(ClusterNode node, KubernetesNodeRole role)
    {
        var nodeSpec = NodeSpec(node, role);
        var payload = _material.Apply(t =>
        {
            var (token, hash, encryptionKey, legacyEncryptionKey) = t.Item1;
            var files = new List<NodeFile>();
            if (role == KubernetesNodeRole.FirstControlPlane)
            {
                files.Add(new NodeFile(NodeScripts.KubeadmConfigPath, "0600", KubeadmConfigRenderer.RenderInit(_spec, nodeSpec, token)));
            }
            else
            {
                var discovery = new KubeadmJoinDiscovery { ApiServerEndpoint = _spec.ControlPlaneEndpoint, Token = token, CaCertHash = hash };
                files.Add(new NodeFile(NodeScripts.KubeadmConfigPath, "0600", KubeadmConfigRenderer.RenderJoin(_spec, nodeSpec, discovery)));
            }
            if (role != KubernetesNodeRole.Worker)
            {
                files.AddRange(PkiFiles(t.Item2));
                files.AddRange(HardeningFiles(encryptionKey, legacyEncryptionKey));
                // The API server cannot start without it, and the issuers it trusts are known only once the cluster runs
                // (the internal CA comes from a layer): the node starts with no JWT authenticator, and the cluster's
                // TrustIssuers step keeps the file current from then on, so the files step never writes it again.
                if (InitialAuthenticationConfig is { } authentication)
                    files.Add(new NodeFile(KubeadmPaths.AuthenticationConfig, "0600", authentication) { OnlyIfMissing = true });
                if (KubeVipTemplate != null)
                    files.Add(new NodeFile(NodeScripts.KubeVipTemplatePath, "0600", KubeVipTemplate));
            }
            return ShellScript.FilePayload(files);
        });
        return Output.CreateSecret(payload);
    }

    private KubeadmNodeSpec NodeSpec(ClusterNode node, KubernetesNodeRole role) => new()
    {
        Name = node.Name,
        AdvertiseAddress = node.Address,
        NodeIp = node.KubeletNodeIp,
        IsControlPlane = role != KubernetesNodeRole.Worker,
        Taints = node.Taints,
        // Without workers, every workload (the platform's layers too) runs on the control plane.
        ControlPlaneTaint = _hasWorkers,
    };

    /// <summary>The shared PKI, every file readable by root only (CIS 1.1.20, 1.1.21).</summary>
    private static IEnumerable<NodeFile> PkiFiles(System.Collections.Immutable.ImmutableArray<string> pem)
    {
        const string dir = "/etc/kubernetes/pki";
        yield return new NodeFile($"{dir}/ca.crt", "0600", pem[0]);
        yield return new NodeFile($"{dir}/ca.key", "0600", pem[1]);
        yield return new NodeFile($"{dir}/front-proxy-ca.crt", "0600", pem[2]);
        yield return new NodeFile($"{dir}/front-proxy-ca.key", "0600", pem[3]);
        yield return new NodeFile($"{dir}/etcd/ca.crt", "0600", pem[4]);
        yield return new NodeFile($"{dir}/etcd/ca.key", "0600", pem[5]);
        yield return new NodeFile($"{dir}/sa.key", "0600", pem[6]);
        yield return new NodeFile($"{dir}/sa.pub", "0600", pem[7]);
        if (pem.Length > 8)
        {
            yield return new NodeFile(KubeadmPaths.ControlPlaneServingCert, "0600", pem[8]);
            yield return new NodeFile(KubeadmPaths.ControlPlaneServingKey, "0600", pem[9]);
        }
    }

    private IEnumerable<NodeFile> HardeningFiles(string encryptionKey, string legacyEncryptionKey)
    {
        var hardening = _spec.Hardening;
        if (hardening.AuditLog)
            yield return new NodeFile(KubeadmPaths.AuditPolicy, "0600", KubeadmConfigRenderer.RenderAuditPolicy());
        // Also with encryption at rest off: it then writes plain and keeps the keys for reading what was encrypted.
        yield return new NodeFile(KubeadmPaths.EncryptionConfig, "0600",
            KubeadmConfigRenderer.RenderEncryptionConfig(encryptionKey, legacyEncryptionKey, hardening.EncryptionAtRest && _spec.SecretsEncryptionMigration, !hardening.EncryptionAtRest));
        if (hardening.PodSecurityDefaults || hardening.EventRateLimit)
            yield return new NodeFile(KubeadmPaths.AdmissionConfig, "0600", KubeadmConfigRenderer.RenderAdmissionConfig(hardening));
        if (hardening.EventRateLimit)
            yield return new NodeFile(KubeadmPaths.EventRateLimitConfig, "0600", KubeadmConfigRenderer.RenderEventRateLimitConfig());
    }
}
