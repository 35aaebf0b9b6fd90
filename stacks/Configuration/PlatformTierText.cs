namespace Platform.Stacks.Configuration;

/// <summary>Configuration spelling of <see cref="PlatformTier"/>.</summary>
internal static class PlatformTierText
{
    /// <summary>The valid values with their meaning, for error messages.</summary>
    public const string Choices =
        "small (alias sup: very small companies or ones with basic needs), " +
        "medium (alias mbu: medium businesses building a scalable platform that is easy to maintain) or " +
        "enterprise (alias ent: big companies with many policies and regulations)";

    public static string Name(PlatformTier tier) => tier switch
    {
        PlatformTier.Small => "small",
        PlatformTier.Medium => "medium",
        PlatformTier.Enterprise => "enterprise",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown tier."),
    };

    public static bool TryParse(string text, out PlatformTier tier)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "SMALL" or "SUP":
                tier = PlatformTier.Small;
                return true;
            case "MEDIUM" or "MBU":
                tier = PlatformTier.Medium;
                return true;
            case "ENTERPRISE" or "ENT":
                tier = PlatformTier.Enterprise;
                return true;
            default:
                tier = default;
                return false;
        }
    }
}
