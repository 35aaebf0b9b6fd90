using System.Collections.ObjectModel;
using Platform.Stacks.Configuration;

namespace Platform.Stacks.Capabilities;

/// <summary>One row of the capability matrix: a platform capability, the systems that provide it and how much each
/// tier needs it.</summary>
public sealed record CapabilityDefinition
{
    /// <summary>The camelCase id used in <c>platform:capabilities.&lt;id&gt;</c>, e.g. <c>clusterAutoscaler</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The human name, as in the first column of the tier table, e.g. <c>Cluster autoscaler</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The systems that provide the capability, by today's names (successors of the seed's choices are noted).</summary>
    public required IReadOnlyList<string> Systems { get; init; }

    /// <summary>Why the capability exists (the seed's "Purpose").</summary>
    public required string Purpose { get; init; }

    /// <summary>The level for the small tier (SUP).</summary>
    public required CapabilityLevel SmallLevel { get; init; }

    /// <summary>The level for the medium tier (MBU).</summary>
    public required CapabilityLevel MediumLevel { get; init; }

    /// <summary>The level for the enterprise tier (ENT).</summary>
    public required CapabilityLevel EnterpriseLevel { get; init; }

    /// <summary>Which variant of the capability each tier gets, when tiers differ (e.g. <c>sops</c> or <c>vault</c> for
    /// secret management); empty by default.</summary>
    public IReadOnlyDictionary<PlatformTier, string> Variants { get; init; } = ReadOnlyDictionary<PlatformTier, string>.Empty;

    /// <summary>Whether this version of Platform can deploy it; <see cref="CapabilityAvailability.Planned"/> by default.</summary>
    public CapabilityAvailability Availability { get; init; } = CapabilityAvailability.Planned;

    /// <summary>The level for <paramref name="tier"/>.</summary>
    /// <param name="tier">The organisation tier.</param>
    /// <returns>How much that tier needs the capability.</returns>
    public CapabilityLevel LevelFor(PlatformTier tier) => tier switch
    {
        PlatformTier.Small => SmallLevel,
        PlatformTier.Medium => MediumLevel,
        PlatformTier.Enterprise => EnterpriseLevel,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown tier."),
    };

    /// <summary>The variant for <paramref name="tier"/>, or null when the capability has no variants.</summary>
    /// <param name="tier">The organisation tier.</param>
    /// <returns>The variant name, e.g. <c>vault</c>, or null.</returns>
    public string? VariantFor(PlatformTier tier) => Variants.TryGetValue(tier, out var variant) ? variant : null;
}
