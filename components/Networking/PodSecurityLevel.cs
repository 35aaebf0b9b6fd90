namespace Platform.Components.Networking;

/// <summary>A Pod Security Standards level, enforced on a namespace by Pod Security admission.</summary>
public enum PodSecurityLevel
{
    /// <summary>No restrictions: for system components that need host access (CNI agents, storage daemons).</summary>
    Privileged,

    /// <summary>Prevents known privilege escalations.</summary>
    Baseline,

    /// <summary>Current pod hardening best practice: non-root, no privilege escalation, seccomp, dropped capabilities.</summary>
    Restricted,
}
