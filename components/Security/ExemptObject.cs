namespace Platform.Components.Security;

/// <summary>One object a policy leaves alone: by kind, namespace and name.</summary>
public sealed record ExemptObject
{
    /// <summary>The object's kind, e.g. <c>Deployment</c> or <c>Pod</c>. Required.</summary>
    public required string Kind { get; init; }

    /// <summary>The object's namespace; null for any namespace (and for cluster-scoped objects). Default null.</summary>
    public string? Namespace { get; init; }

    /// <summary>The object's name; a trailing <c>*</c> makes it a prefix (<c>legacy-app-*</c> also covers the Pods a
    /// Deployment named <c>legacy-app</c> creates). Required.</summary>
    public required string Name { get; init; }
}
