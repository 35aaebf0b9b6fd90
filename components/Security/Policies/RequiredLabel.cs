namespace Platform.Components.Security.Policies;

/// <summary>A label every checked object must carry, and optionally the pattern its value must match.</summary>
public sealed record RequiredLabel
{
    /// <summary>The label key, e.g. <c>owner</c> or <c>example.com/project</c>. Required.</summary>
    public required string Key { get; init; }

    /// <summary>A regular expression the whole value must match (RE2 syntax, as Kubernetes' CEL <c>matches</c> reads
    /// it; anchor it with ^ and $); null for any value. Default null.</summary>
    public string? AllowedRegex { get; init; }
}
