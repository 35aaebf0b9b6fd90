namespace Platform.Stacks.Configuration;

/// <summary>The shape of a <c>platform:</c> configuration value, as declared in Pulumi.yaml and the documentation.</summary>
public enum PlatformConfigValueType
{
    /// <summary>A plain string.</summary>
    String,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A list (in a stack file as YAML, or on the command line as JSON text).</summary>
    Array,

    /// <summary>A map/object (in a stack file as YAML, or on the command line as JSON text).</summary>
    Object,
}
