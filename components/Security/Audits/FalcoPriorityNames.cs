namespace Platform.Components.Security.Audits;

/// <summary>The names Falco and Falcosidekick give <see cref="FalcoPriority"/> values.</summary>
public static class FalcoPriorityNames
{
    private static readonly Dictionary<string, FalcoPriority> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["emergency"] = FalcoPriority.Emergency,
        ["alert"] = FalcoPriority.Alert,
        ["critical"] = FalcoPriority.Critical,
        ["error"] = FalcoPriority.Error,
        ["warning"] = FalcoPriority.Warning,
        ["notice"] = FalcoPriority.Notice,
        ["informational"] = FalcoPriority.Informational,
        ["debug"] = FalcoPriority.Debug,
    };

    /// <summary>Every name, most severe first.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ByName.OrderBy(kv => kv.Value).Select(kv => kv.Key)];

    /// <summary>The lower-case name of <paramref name="priority"/>, as Falco's <c>priority</c> setting and Falcosidekick's
    /// <c>minimumpriority</c> read it.</summary>
    public static string Name(FalcoPriority priority) => priority.ToString().ToLowerInvariant();

    /// <summary>The upper-case name a rule's <c>priority</c> is written with (e.g. <c>WARNING</c>).</summary>
    public static string RuleName(FalcoPriority priority) => priority.ToString().ToUpperInvariant();

    /// <summary>The priority named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static FalcoPriority? Parse(string name) => ByName.TryGetValue(name, out var priority) ? priority : null;
}
