using Platform.Components.Security.Audits;
using Platform.Stacks.Capabilities;

namespace Platform.Stacks.Composition;

/// <summary>Which nodes the security audits capability leaves unaudited: those whose kernel Falco's modern eBPF probe
/// cannot trace, which the inventory labels <see cref="FalcoValues.NoBtfLabel"/>: <c>"false"</c> (the node preparation
/// warns about such a kernel).</summary>
public static class SecurityAuditsCoverage
{
    /// <summary>The warning naming the nodes Falco skips, or null when the capability is off or it runs on every node.</summary>
    public static string? Warning(Configuration.PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(decisions);
        if (!decisions.Any(d => d.Id == CapabilityIds.SecurityAudits && d.Enabled)) return null;
        var skipped = settings.Nodes.Where(n => !n.Dead && n.Labels.TryGetValue(FalcoValues.NoBtfLabel, out var value) && value == "false")
            .Select(n => n.Name).ToList();
        if (skipped.Count == 0) return null;
        return $"{Configuration.PlatformConfigKeys.Nodes.FullName} labels {string.Join(", ", skipped)} {FalcoValues.NoBtfLabel}: \"false\": " +
            "Falco does not run there, so their processes, files and connections are not audited. Boot a kernel of 5.8 or newer " +
            "built with BTF (CONFIG_DEBUG_INFO_BTF=y, as Ubuntu 22.04+ and Flatcar ship) and remove the label (README: Security audits).";
    }
}
