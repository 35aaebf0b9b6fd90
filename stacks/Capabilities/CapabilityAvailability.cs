namespace Platform.Stacks.Capabilities;

/// <summary>Whether this version of Platform can deploy a capability.</summary>
public enum CapabilityAvailability
{
    /// <summary>Its layer is implemented: the capability can be switched on.</summary>
    Available,

    /// <summary>Its layer is not implemented yet: the capability is always off, and switching it on is a configuration error.</summary>
    Planned,
}
