namespace Platform.Stacks.Configuration;

/// <summary>The organisation tier (the seed's target groups); it selects which capabilities are on by default.
/// Configured as <c>platform:tier</c>: <c>small</c>, <c>medium</c> or <c>enterprise</c> (aliases <c>sup</c>, <c>mbu</c>, <c>ent</c>).</summary>
public enum PlatformTier
{
    /// <summary>SUP: very small companies or ones with basic needs, using the basic Kubernetes API and services around it.</summary>
    Small,

    /// <summary>MBU: medium businesses building a scalable platform that is easy to maintain and extend.</summary>
    Medium,

    /// <summary>ENT: enterprises with many policies and regulations, focused on repeatability, security and scale.</summary>
    Enterprise,
}
