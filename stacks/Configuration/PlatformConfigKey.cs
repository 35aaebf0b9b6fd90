namespace Platform.Stacks.Configuration;

/// <summary>The documentation of one <c>platform:</c> configuration key; see <see cref="PlatformConfigKeys"/>.</summary>
public sealed record PlatformConfigKey
{
    /// <summary>The key without its namespace, e.g. <c>podCidr</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The shape of the value.</summary>
    public required PlatformConfigValueType Type { get; init; }

    /// <summary>One or two sentences for documentation and Pulumi.yaml.</summary>
    public required string Description { get; init; }

    /// <summary>The value used when the key is not set, as text, or null when there is none.</summary>
    public string? Default { get; init; }

    /// <summary>Whether the key must be set; false by default.</summary>
    public bool Required { get; init; }

    /// <summary>Whether the value is a secret (set with <c>pulumi config set --secret</c>); false by default.</summary>
    public bool Secret { get; init; }

    /// <summary>An example value as typed on the command line; for a secret, the file the value is read from.</summary>
    public required string Example { get; init; }

    /// <summary>The key with its namespace, e.g. <c>platform:podCidr</c>.</summary>
    public string FullName => PlatformConfigKeys.Prefix + Name;

    /// <summary>A shell command that sets the key to <see cref="Example"/>, e.g.
    /// <c>pulumi config set platform:tier medium</c>; secrets are read from a file on stdin.</summary>
    public string SetCommand => Secret
        ? $"pulumi config set --secret {FullName} < {Example}"
        : $"pulumi config set {FullName} {ShellQuote(Example)}";

    private static string ShellQuote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '/')
            ? value
            : $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
