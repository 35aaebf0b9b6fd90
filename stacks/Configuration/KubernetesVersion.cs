using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Platform.Stacks.Configuration;

/// <summary>A Kubernetes release version, <c>MAJOR.MINOR.PATCH</c> (e.g. 1.36.5).</summary>
public sealed record KubernetesVersion
{
    /// <summary>Creates a version from its parts.</summary>
    /// <param name="major">The major version, e.g. 1.</param>
    /// <param name="minor">The minor version, e.g. 36.</param>
    /// <param name="patch">The patch version, e.g. 5.</param>
    /// <exception cref="ArgumentOutOfRangeException">A part is negative.</exception>
    public KubernetesVersion(int major, int minor, int patch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(major);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        ArgumentOutOfRangeException.ThrowIfNegative(patch);
        Major = major;
        Minor = minor;
        Patch = patch;
    }

    /// <summary>The major version, e.g. 1.</summary>
    public int Major { get; }

    /// <summary>The minor version, e.g. 36.</summary>
    public int Minor { get; }

    /// <summary>The patch version, e.g. 5.</summary>
    public int Patch { get; }

    /// <summary><c>MAJOR.MINOR</c>, e.g. <c>1.36</c> (as used in package repository paths such as pkgs.k8s.io).</summary>
    public string MinorVersion => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <summary>Parses <c>MAJOR.MINOR.PATCH</c>, with an optional leading <c>v</c>.</summary>
    /// <param name="text">The version text, e.g. <c>1.36.5</c> or <c>v1.36.5</c>.</param>
    /// <returns>The version.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not of that form.</exception>
    public static KubernetesVersion Parse(string text) =>
        TryParse(text, out var version)
            ? version
            : throw new FormatException($"'{text}' is not a Kubernetes version of the form MAJOR.MINOR.PATCH, e.g. 1.36.5.");

    /// <summary>Parses <c>MAJOR.MINOR.PATCH</c> (digits only, no leading zeros), with an optional leading <c>v</c>.</summary>
    /// <param name="text">The version text.</param>
    /// <param name="version">The version, or null when <paramref name="text"/> is not of that form.</param>
    /// <returns>True when <paramref name="text"/> is a version.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out KubernetesVersion? version)
    {
        version = null;
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith('v'))
        {
            trimmed = trimmed[1..];
        }

        var parts = trimmed.Split('.');
        if (parts.Length != 3 || !parts.All(IsNumber))
        {
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new KubernetesVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>Whether this version's minor release is <paramref name="major"/>.<paramref name="minor"/> or later,
    /// e.g. <c>IsAtLeast(1, 31)</c>.</summary>
    /// <param name="major">The major version to compare with.</param>
    /// <param name="minor">The minor version to compare with.</param>
    /// <returns>True when this version is that minor release or a later one.</returns>
    public bool IsAtLeast(int major, int minor) => Major > major || (Major == major && Minor >= minor);

    /// <summary><c>MAJOR.MINOR.PATCH</c> without a leading <c>v</c>, e.g. <c>1.36.5</c>.</summary>
    /// <returns>The version text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");

    private static bool IsNumber(string part) =>
        part.Length > 0 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0');
}
