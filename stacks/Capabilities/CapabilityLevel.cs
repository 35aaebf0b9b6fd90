namespace Platform.Stacks.Capabilities;

/// <summary>How much a tier needs a capability (the seed's "When to apply"; the letters of the DESIGN tier table).</summary>
public enum CapabilityLevel
{
    /// <summary>M: needed; on by default.</summary>
    Mandatory,

    /// <summary>R: recommended; on by default.</summary>
    Recommended,

    /// <summary>O: optional; off by default.</summary>
    Optional,

    /// <summary>C: needed when stateful workloads are planned; on by default exactly when <c>platform:statefulWorkloads</c> is true.</summary>
    WhenStateful,
}
