namespace Platform.Components.Security;

/// <summary>A named, reasoned exemption from one policy: the namespaces, images and objects it leaves alone. Every
/// exemption names why, so a reviewer sees what was waived and for what.</summary>
public sealed record PolicyExemption
{
    /// <summary>A short name, a DNS-1123 label (e.g. <c>legacy-billing</c>). Required.</summary>
    public required string Name { get; init; }

    /// <summary>Why the policy does not apply there (a ticket, a deadline, a vendor constraint). Required.</summary>
    public required string Reason { get; init; }

    /// <summary>Namespaces the policy skips (the constraint's <c>excludedNamespaces</c>; a leading or trailing
    /// <c>*</c> globs, as Gatekeeper matches them). Default none.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Image prefixes whose containers the container checks skip (e.g. <c>registry.example.com/vendor/</c>).
    /// Default none.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>Objects the policy skips. Default none.</summary>
    public IReadOnlyList<ExemptObject> Objects { get; init; } = [];
}
