namespace Platform.Components.Security.Audits;

/// <summary>Falco's rule priorities, most severe first (Falco's <c>priority</c> setting and each rule's <c>priority</c>;
/// Falcosidekick's <c>minimumpriority</c> takes the same names in lower case).</summary>
public enum FalcoPriority
{
    /// <summary><c>emergency</c>.</summary>
    Emergency,

    /// <summary><c>alert</c>.</summary>
    Alert,

    /// <summary><c>critical</c>.</summary>
    Critical,

    /// <summary><c>error</c>.</summary>
    Error,

    /// <summary><c>warning</c>.</summary>
    Warning,

    /// <summary><c>notice</c>.</summary>
    Notice,

    /// <summary><c>informational</c>.</summary>
    Informational,

    /// <summary><c>debug</c>.</summary>
    Debug,
}
