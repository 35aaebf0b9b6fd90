using System.Collections.Immutable;

namespace Platform.Stacks.Capabilities;

/// <summary>The <c>capabilities</c> stack output: every capability, on or off, and why.</summary>
public static class CapabilityReport
{
    /// <summary>
    /// One entry per capability id: <c>enabled</c>, <c>reason</c> (tierDefault, override, statefulWorkloads,
    /// notAvailable), <c>level</c>, <c>variant</c> (when the tier has one), <c>systems</c> and <c>explanation</c>.
    /// </summary>
    public static ImmutableDictionary<string, object> ToOutputValue(IEnumerable<CapabilityDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return decisions.ToImmutableDictionary(d => d.Id, d => (object)Entry(d), StringComparer.Ordinal);
    }

    private static ImmutableDictionary<string, object> Entry(CapabilityDecision d)
    {
        var entry = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        entry["title"] = d.Title;
        entry["enabled"] = d.Enabled;
        entry["reason"] = Camel(d.Reason.ToString());
        entry["level"] = Camel(d.Level.ToString());
        if (d.Variant is not null) entry["variant"] = d.Variant;
        entry["systems"] = d.Systems.ToImmutableArray();
        entry["explanation"] = d.Explanation;
        return entry.ToImmutable();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
