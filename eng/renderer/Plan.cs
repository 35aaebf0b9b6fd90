using System.Collections.Immutable;

namespace Platform.Renderer;

/// <summary>What one stack would register: every registration in order, the capabilities decided, and the made-up
/// secret values the mocks returned (for redaction in what people read).</summary>
public sealed record Plan
{
    /// <summary>The stack file it was made from.</summary>
    public required StackFile Stack { get; init; }

    /// <summary>Every registration, in the order the program made them (stable from run to run).</summary>
    public required IReadOnlyList<Registration> Registrations { get; init; }

    /// <summary>The <c>capabilities</c> stack output: each capability id with enabled, reason, level, explanation.</summary>
    public required ImmutableDictionary<string, object> Capabilities { get; init; }

    /// <summary>The warnings the program gives on every run (<see cref="Platform.Stacks.PlatformStack.Warnings"/>, then the
    /// certificate warning when there is one).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The made-up secret values (private keys, random secrets) with what each stands for.</summary>
    public required IReadOnlyDictionary<string, string> SecretValues { get; init; }

    /// <summary>The registrations of <paramref name="type"/>.</summary>
    public IEnumerable<Registration> OfType(string type) => Registrations.Where(r => r.Type == type);
}
