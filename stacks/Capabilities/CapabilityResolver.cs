using Platform.Stacks.Configuration;

namespace Platform.Stacks.Capabilities;

/// <summary>Decides which capabilities a stack deploys: the tier's defaults, then the stateful-workloads switch,
/// then explicit overrides, limited to what this version of Platform can deploy.</summary>
public static class CapabilityResolver
{
    /// <summary>Decides every capability of <paramref name="matrix"/>. Mandatory and recommended capabilities are on,
    /// optional ones off, and "when stateful" ones follow <paramref name="statefulWorkloads"/>; an override wins.
    /// Capabilities that are <see cref="CapabilityAvailability.Planned"/> are off.</summary>
    /// <param name="matrix">The capability matrix, usually <see cref="CapabilityMatrix.Default"/>.</param>
    /// <param name="tier">The organisation tier.</param>
    /// <param name="overrides">On/off overrides by capability id (<c>platform:capabilities</c>).</param>
    /// <param name="statefulWorkloads">Whether stateful workloads are planned (<c>platform:statefulWorkloads</c>).</param>
    /// <returns>One decision per capability, in matrix order.</returns>
    /// <exception cref="PlatformConfigException">An override names an unknown capability, or switches on a capability
    /// this version cannot deploy; every such override is listed, keyed <c>platform:capabilities.&lt;id&gt;</c>.</exception>
    public static IReadOnlyList<CapabilityDecision> Resolve(
        CapabilityMatrix matrix, PlatformTier tier, IReadOnlyDictionary<string, bool> overrides, bool statefulWorkloads)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(overrides);
        var problems = new ProblemCollector();
        var capabilitiesKey = PlatformConfigKeys.Capabilities.Name;
        foreach (var id in overrides.Keys.Where(id => matrix.Find(id) is null))
        {
            problems.Add(
                ConfigSyntax.PathSegment(capabilitiesKey, id),
                $"'{id}' is not a capability{ConfigSyntax.DidYouMean(id, matrix.All.Select(c => c.Id))}. " +
                $"Use one of {string.Join(", ", matrix.All.Select(c => c.Id))}.");
        }

        var decisions = new List<CapabilityDecision>(matrix.All.Count);
        foreach (var capability in matrix.All)
        {
            var planned = capability.Availability == CapabilityAvailability.Planned;
            var hasOverride = overrides.TryGetValue(capability.Id, out var overrideValue);
            if (hasOverride && overrideValue && planned)
            {
                problems.Add(
                    ConfigSyntax.PathSegment(capabilitiesKey, capability.Id),
                    $"{capability.Id} ({string.Join(", ", capability.Systems)}) is not available in this version of Platform. " +
                    "Remove the override or set it to false.");
            }

            if (hasOverride && !overrideValue && capability.Id == CapabilityIds.Installation && !planned)
            {
                problems.Add(
                    ConfigSyntax.PathSegment(capabilitiesKey, capability.Id),
                    "installation cannot be switched off: every other layer runs on the cluster it builds (an existing " +
                    "cluster cannot be adopted yet). Remove the override.");
            }

            decisions.Add(Decide(capability, tier, hasOverride ? overrideValue : null, statefulWorkloads));
        }

        problems.ThrowIfAny();
        return decisions.AsReadOnly();
    }

    /// <summary>Decides every capability of <paramref name="matrix"/> for loaded settings: their tier, capability
    /// overrides and stateful-workloads switch.</summary>
    /// <param name="matrix">The capability matrix, usually <see cref="CapabilityMatrix.Default"/>.</param>
    /// <param name="settings">The validated configuration.</param>
    /// <returns>One decision per capability, in matrix order.</returns>
    /// <exception cref="PlatformConfigException">As for <see cref="Resolve(CapabilityMatrix, PlatformTier, IReadOnlyDictionary{string, bool}, bool)"/>.</exception>
    public static IReadOnlyList<CapabilityDecision> Resolve(CapabilityMatrix matrix, PlatformSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Resolve(matrix, settings.Tier, settings.CapabilityOverrides, settings.StatefulWorkloads);
    }

    private static CapabilityDecision Decide(CapabilityDefinition capability, PlatformTier tier, bool? overrideValue, bool statefulWorkloads)
    {
        var level = capability.LevelFor(tier);
        var variant = capability.VariantFor(tier);
        var overridePath = PlatformConfigKeys.Prefix + ConfigSyntax.PathSegment(PlatformConfigKeys.Capabilities.Name, capability.Id);
        var tierText = $"{PlatformTierText.Name(tier)} tier{(variant is null ? string.Empty : $" ({variant})")}";

        (bool Enabled, CapabilityReason Reason, string Explanation) decision;
        if (overrideValue is { } value && !(value && capability.Availability == CapabilityAvailability.Planned))
        {
            decision = (value, CapabilityReason.Override, $"{OnOff(value)}: set by {overridePath}");
        }
        else if (capability.Availability == CapabilityAvailability.Planned)
        {
            decision = (false, CapabilityReason.NotAvailable, "off: not available in this version of Platform (planned)");
        }
        else
        {
            decision = level switch
            {
                CapabilityLevel.Mandatory => (true, CapabilityReason.TierDefault, $"on: mandatory for the {tierText}"),
                CapabilityLevel.Recommended => (true, CapabilityReason.TierDefault,
                    $"on: recommended for the {tierText}; disable with `pulumi config set --path {overridePath} false`"),
                CapabilityLevel.Optional => (false, CapabilityReason.TierDefault,
                    $"off: optional for the {tierText}; enable with `pulumi config set --path {overridePath} true`"),
                _ when statefulWorkloads => (true, CapabilityReason.StatefulWorkloads,
                    $"on: stateful workloads are planned ({PlatformConfigKeys.StatefulWorkloads.FullName})"),
                _ => (false, CapabilityReason.StatefulWorkloads,
                    $"off: needed only when stateful workloads are planned; enable with `pulumi config set {PlatformConfigKeys.StatefulWorkloads.FullName} true`"),
            };
        }

        return new CapabilityDecision
        {
            Id = capability.Id,
            Title = capability.Title,
            Enabled = decision.Enabled,
            Reason = decision.Reason,
            Level = level,
            Variant = variant,
            Systems = capability.Systems,
            Explanation = decision.Explanation,
        };
    }

    private static string OnOff(bool enabled) => enabled ? "on" : "off";
}
