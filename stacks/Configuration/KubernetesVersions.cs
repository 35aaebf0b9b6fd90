namespace Platform.Stacks.Configuration;

/// <summary>The one place where the Kubernetes versions Platform supports are pinned. Moving to a new release is a
/// change here (and to the node package pins that follow it).</summary>
public static class KubernetesVersions
{
    /// <summary>The version installed when <c>platform:kubernetesVersion</c> is not set: 1.33.5.</summary>
    public const string Default = "1.33.5";

    /// <summary>The minor versions Platform can install and upgrade, oldest first: 1.30 to 1.34.</summary>
    public static IReadOnlyList<string> SupportedMinors { get; } = ["1.30", "1.31", "1.32", "1.33", "1.34"];

    /// <summary><see cref="Default"/>, parsed.</summary>
    public static KubernetesVersion DefaultVersion { get; } = KubernetesVersion.Parse(Default);

    /// <summary>Whether the minor version of <paramref name="version"/> is one of <see cref="SupportedMinors"/>.</summary>
    /// <param name="version">The version to check.</param>
    /// <returns>True when Platform supports that minor version.</returns>
    public static bool IsSupported(KubernetesVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return SupportedMinors.Contains(version.MinorVersion, StringComparer.Ordinal);
    }
}
