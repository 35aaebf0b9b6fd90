namespace Platform.Tests.Validation.ConfigApi;

/// <summary>A decoded kubeadm ClusterConfiguration of either API version, for assertions that do not depend on it:
/// extra arguments as a name-to-value map whatever their wire form.</summary>
public interface IKubeadmClusterConfiguration
{
    /// <summary><c>clusterName</c>.</summary>
    string? ClusterName { get; }

    /// <summary><c>kubernetesVersion</c>.</summary>
    string? KubernetesVersion { get; }

    /// <summary><c>controlPlaneEndpoint</c>.</summary>
    string? ControlPlaneEndpoint { get; }

    /// <summary><c>certificatesDir</c>.</summary>
    string? CertificatesDir { get; }

    /// <summary><c>networking</c>.</summary>
    KubeadmNetworking? Networking { get; }

    /// <summary><c>apiServer.certSANs</c>.</summary>
    IReadOnlyList<string> CertSans { get; }

    /// <summary><c>apiServer.extraVolumes</c>.</summary>
    IReadOnlyList<KubeadmHostPathMount> ApiServerVolumes { get; }

    /// <summary>The <c>extraArgs</c> of <c>apiServer</c>, <c>controllerManager</c> or <c>scheduler</c>, by flag
    /// name.</summary>
    /// <exception cref="ArgumentException">A flag is given twice (v1beta4 allows it; the platform never does
    /// it).</exception>
    IReadOnlyDictionary<string, string> ExtraArgs(string component);
}
