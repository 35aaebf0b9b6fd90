using Platform.Components.Tenancy;

namespace Platform.Components.Security.Audits;

/// <summary>What the security audits capability detects and reports (<c>platform:securityAudits</c>): Falco's minimum
/// rule priority, the minimum priority each Falcosidekick output forwards, the tuned false positives and Falco's
/// sizing.</summary>
public sealed partial record SecurityAuditsOptions
{
    /// <summary>The lowest priority of the rules Falco loads (Falco's <c>priority</c>): rules below it are not evaluated.
    /// Default <see cref="FalcoPriority.Notice"/> (the default rules' shell, file and network detections included; their
    /// informational and debug rules left out).</summary>
    public FalcoPriority MinimumPriority { get; init; } = FalcoPriority.Notice;

    /// <summary>The lowest priority Falcosidekick sends to Alertmanager (when monitoring is on). Default
    /// <see cref="FalcoPriority.Warning"/>: alerts are for what needs a person.</summary>
    public FalcoPriority AlertmanagerMinimumPriority { get; init; } = FalcoPriority.Warning;

    /// <summary>The lowest priority Falcosidekick writes to OpenSearch (when logging is on). Default
    /// <see cref="FalcoPriority.Notice"/>: every event Falco raises is kept for investigation.</summary>
    public FalcoPriority OpenSearchMinimumPriority { get; init; } = FalcoPriority.Notice;

    /// <summary>The tuned false positives. Default none.</summary>
    public IReadOnlyList<AuditException> Exceptions { get; init; } = [];

    /// <summary>Falco's CPU request on each node (Kubernetes quantity). Default <c>100m</c>.</summary>
    public string CpuRequest { get; init; } = "100m";

    /// <summary>Falco's memory request on each node. Default <c>512Mi</c>.</summary>
    public string MemoryRequest { get; init; } = "512Mi";

    /// <summary>Falco's memory limit on each node. Default <c>1Gi</c>.</summary>
    public string MemoryLimit { get; init; } = "1Gi";

    /// <summary>What is wrong with the options (empty when nothing is), each problem naming the field at fault: an
    /// exception without a reason, without a namespace and an image, or naming a rule that is neither one of Falco's
    /// default rules nor a platform rule.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var known = KnownRules;
        for (var i = 0; i < Exceptions.Count; i++)
        {
            var exception = Exceptions[i];
            var where = $"exceptions[{i}]";
            if (string.IsNullOrWhiteSpace(exception.Rule))
                problems.Add($"{where}.rule is required: the name of the rule whose events are expected, e.g. \"Terminal shell in container\".");
            else if (!known.Contains(exception.Rule))
                problems.Add($"{where}.rule '{exception.Rule}' is not a rule Falco loads here. Use one of Falco's default rules " +
                    $"({FalcoDefaultRules.Version}) or the platform's: {string.Join(", ", known.Order(StringComparer.Ordinal).Select(r => $"\"{r}\""))}.");
            if (string.IsNullOrWhiteSpace(exception.Reason))
                problems.Add($"{where}.reason is required: say why these events are expected, for whoever reviews the exceptions.");
            if (string.IsNullOrWhiteSpace(exception.Namespace) && string.IsNullOrWhiteSpace(exception.Image))
                problems.Add($"{where} needs a namespace, an image or both: an exception for every container would switch the rule off. " +
                    "To silence a rule everywhere, say so in a rule of your own instead.");
            if (exception.Namespace is { } ns && !Dns1123Label().IsMatch(ns))
                problems.Add($"{where}.namespace '{ns}' is not a namespace name (a DNS-1123 label).");
            if (exception.Image is { } image && !ImageRepository().IsMatch(image))
                problems.Add($"{where}.image '{image}' is not an image repository: give it without tag or digest, e.g. \"docker.io/library/busybox\".");
        }
        foreach (var (value, field) in new[] { (CpuRequest, "cpuRequest"), (MemoryRequest, "memoryRequest"), (MemoryLimit, "memoryLimit") })
        {
            if (!KubernetesQuantity.IsSizing(value))
                problems.Add($"{field} '{value}' is not a Kubernetes quantity (e.g. \"100m\", \"512Mi\").");
        }
        return problems;
    }

    /// <summary>The rules an exception may name: Falco's default rules and the platform's.</summary>
    public static IReadOnlySet<string> KnownRules { get; } = FalcoDefaultRules.Names.Concat(PlatformRules.Names).ToHashSet(StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial System.Text.RegularExpressions.Regex Dns1123Label();

    // A repository as container.image.repository shows it: registry host (optional port) and path, no tag or digest.
    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$")]
    private static partial System.Text.RegularExpressions.Regex ImageRepository();
}
