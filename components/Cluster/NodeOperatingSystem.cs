namespace Platform.Components.Cluster;

/// <summary>The operating system installed on a node; it selects the node preparation script (apt or systemd-sysext)
/// and the default SSH user.</summary>
public enum NodeOperatingSystem
{
    /// <summary>Ubuntu 22.04 LTS (Jammy Jellyfish). Configured as <c>ubuntu-22.04</c>; default SSH user <c>ubuntu</c>.</summary>
    Ubuntu2204,

    /// <summary>Ubuntu 24.04 LTS (Noble Numbat), the default. Configured as <c>ubuntu-24.04</c>; default SSH user <c>ubuntu</c>.</summary>
    Ubuntu2404,

    /// <summary>Ubuntu 26.04 LTS (Resolute Raccoon). Configured as <c>ubuntu-26.04</c>; default SSH user <c>ubuntu</c>.</summary>
    Ubuntu2604,

    /// <summary>Flatcar Container Linux (the successor of CoreOS). Configured as <c>flatcar</c>; default SSH user <c>core</c>.</summary>
    Flatcar,
}
