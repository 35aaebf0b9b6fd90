namespace Platform.Components.Security.Audits;

/// <summary>One tuned false positive (<c>platform:securityAudits.exceptions</c>): events of <see cref="Rule"/> from
/// <see cref="Namespace"/>, from containers of <see cref="Image"/>, or from both together, are not raised. Rendered as a
/// Falco rule exception on <c>k8s.ns.name</c> and <c>container.image.repository</c> (<see cref="PlatformRules"/>).</summary>
public sealed record AuditException
{
    /// <summary>The name of the rule the exception applies to: one of Falco's default rules
    /// (<see cref="FalcoDefaultRules.Names"/>) or the platform's (<see cref="PlatformRules.Names"/>). Required.</summary>
    public required string Rule { get; init; }

    /// <summary>The Kubernetes namespace whose events are excepted; null for any namespace (then
    /// <see cref="Image"/> is set). Default null.</summary>
    public string? Namespace { get; init; }

    /// <summary>The image repository whose containers' events are excepted, without tag or digest (Falco's
    /// <c>container.image.repository</c>, e.g. <c>docker.io/library/busybox</c>); null for any image (then
    /// <see cref="Namespace"/> is set). Default null.</summary>
    public string? Image { get; init; }

    /// <summary>Why the events are expected, for whoever reviews the exceptions. Required, non-empty.</summary>
    public required string Reason { get; init; }
}
