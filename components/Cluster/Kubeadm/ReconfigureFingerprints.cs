using System.Security.Cryptography;
using System.Text;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>
/// The SHA-256 fingerprints (lower-case hex) of what a running cluster is built from, the triggers of its reconfigure
/// steps: a step runs again on the next <c>pulumi up</c> when its fingerprint changes, and a new cluster's steps are
/// created with the fingerprint of the configuration <c>kubeadm init</c> and <c>join</c> used. Pure functions of the
/// cluster settings; none of them holds or depends on a secret. The Kubernetes version is left out: changing it is the
/// upgrade steps' work, and they regenerate the static pods themselves.
/// </summary>
public static class ReconfigureFingerprints
{
    /// <summary>What a control-plane node's static pods are made of: the ClusterConfiguration without its
    /// <c>kubernetesVersion</c>. It covers every control-plane flag and volume the hardening switches set, and, through
    /// the API server's environment, the content of the files the API server reads only when it starts
    /// (<see cref="KubeadmConfigRenderer.ApiServerFilesDigest"/>) and the provider that writes Secrets.</summary>
    /// <param name="cluster">The cluster settings and hardening.</param>
    public static string ControlPlane(KubeadmClusterSpec cluster) => Digest(WithoutVersion(KubeadmConfigRenderer.RenderClusterConfiguration(cluster)));

    /// <summary>What every kubelet runs with: the KubeletConfiguration kubeadm keeps in the <c>kubelet-config</c>
    /// ConfigMap.</summary>
    /// <param name="cluster">The cluster settings and hardening.</param>
    public static string Kubelet(KubeadmClusterSpec cluster) => Digest(KubeadmConfigRenderer.RenderKubeletConfiguration(cluster));

    private static string WithoutVersion(string document) =>
        string.Join('\n', document.Split('\n').Where(line => !line.StartsWith("kubernetesVersion:", StringComparison.Ordinal)));

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
