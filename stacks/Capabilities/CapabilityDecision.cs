namespace Platform.Stacks.Capabilities;

/// <summary>Whether one capability is on for a stack, and why; produced by <see cref="CapabilityResolver"/>.</summary>
public sealed record CapabilityDecision
{
    /// <summary>The capability id, e.g. <c>tracing</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The capability's human name, e.g. <c>Tracing</c>.</summary>
    public required string Title { get; init; }

    /// <summary>Whether the capability is deployed.</summary>
    public required bool Enabled { get; init; }

    /// <summary>What decided <see cref="Enabled"/>.</summary>
    public required CapabilityReason Reason { get; init; }

    /// <summary>The capability's level for the stack's tier.</summary>
    public required CapabilityLevel Level { get; init; }

    /// <summary>The variant for the stack's tier (e.g. <c>sops</c> or <c>vault</c>), or null when there are none.</summary>
    public string? Variant { get; init; }

    /// <summary>The systems that provide the capability.</summary>
    public required IReadOnlyList<string> Systems { get; init; }

    /// <summary>A sentence for people: <c>on</c>/<c>off</c>, the reason and, where useful, the command that changes it,
    /// e.g. <c>off: optional for the small tier; enable with `pulumi config set --path platform:capabilities.tracing true`</c>.</summary>
    public required string Explanation { get; init; }
}
