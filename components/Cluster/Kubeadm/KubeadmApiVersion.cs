using System.Globalization;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>The kubeadm configuration API version for a Kubernetes version.</summary>
public static class KubeadmApiVersion
{
    /// <summary><c>kubeadm.k8s.io/v1beta3</c>: Kubernetes 1.22 to 1.30. <c>extraArgs</c> are maps.</summary>
    public const string V1Beta3 = "kubeadm.k8s.io/v1beta3";

    /// <summary><c>kubeadm.k8s.io/v1beta4</c>: Kubernetes 1.31 and later. <c>extraArgs</c> are lists of
    /// <c>{name, value}</c>.</summary>
    public const string V1Beta4 = "kubeadm.k8s.io/v1beta4";

    /// <summary>The API version to write for <paramref name="kubernetesVersion"/> (<c>major.minor.patch</c>, no leading
    /// <c>v</c>): <see cref="V1Beta4"/> from 1.31, <see cref="V1Beta3"/> from 1.22 to 1.30.</summary>
    /// <exception cref="ArgumentException">The version is malformed or older than 1.22.</exception>
    public static string For(string kubernetesVersion) => Minor(kubernetesVersion) >= 31 ? V1Beta4 : V1Beta3;

    internal static int Minor(string kubernetesVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kubernetesVersion);
        var parts = kubernetesVersion.Split('-', 2)[0].Split('.');
        if (parts.Length != 3 || !parts.All(IsNumber))
            throw new ArgumentException(
                $"Kubernetes version '{kubernetesVersion}' must be major.minor.patch without a leading 'v', e.g. 1.33.5.",
                nameof(kubernetesVersion));
        var major = int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var minor = int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture);
        if (major != 1 || minor < 22)
            throw new ArgumentException(
                $"Kubernetes version '{kubernetesVersion}' is not supported: kubeadm configuration v1beta3 needs 1.22 or later.",
                nameof(kubernetesVersion));
        return minor;
    }

    private static bool IsNumber(string part) =>
        part.Length is > 0 and <= 4 && part.All(char.IsAsciiDigit);
}
