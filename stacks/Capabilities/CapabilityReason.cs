namespace Platform.Stacks.Capabilities;

/// <summary>Why a capability is on or off.</summary>
public enum CapabilityReason
{
    /// <summary>The tier's level decides: mandatory and recommended on, optional off.</summary>
    TierDefault,

    /// <summary><c>platform:capabilities.&lt;id&gt;</c> sets it.</summary>
    Override,

    /// <summary>The capability is needed when stateful workloads are planned, and <c>platform:statefulWorkloads</c> decides.</summary>
    StatefulWorkloads,

    /// <summary>This version of Platform cannot deploy it yet (<see cref="CapabilityAvailability.Planned"/>); it is off.</summary>
    NotAvailable,
}
