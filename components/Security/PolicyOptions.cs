using Platform.Components.Security.Policies;

namespace Platform.Components.Security;

/// <summary>The platform's five policies (<c>platform:policies</c>), each null when switched off.</summary>
public sealed record PolicyOptions
{
    /// <summary>Images only from the listed registries. Default null (off).</summary>
    public AllowedRegistries? AllowedRegistries { get; init; }

    /// <summary>Images only from listed repositories, optionally by digest, never <c>latest</c>. Default null (off).</summary>
    public AllowedImages? AllowedImages { get; init; }

    /// <summary>Labels every workload carries. Default null (off).</summary>
    public RequiredLabels? RequiredLabels { get; init; }

    /// <summary>Requests, limits within a maximum, probes. Default null (off).</summary>
    public ReliabilityPractices? ReliabilityPractices { get; init; }

    /// <summary>Service types, Ingress hosts and group rules RBAC cannot express. Default null (off).</summary>
    public ApiRestrictions? ApiRestrictions { get; init; }

    /// <summary>The policies switched on, in the order above.</summary>
    public IReadOnlyList<PlatformPolicy> Enabled =>
        new PlatformPolicy?[] { AllowedRegistries, AllowedImages, RequiredLabels, ReliabilityPractices, ApiRestrictions }.OfType<PlatformPolicy>().ToList();

    /// <summary>All five with their default settings and <paramref name="enforcement"/>: the tiers' defaults (dry run
    /// for small and medium, deny for enterprise).</summary>
    public static PolicyOptions AllWith(PolicyEnforcement enforcement) => new()
    {
        AllowedRegistries = new AllowedRegistries { Enforcement = enforcement },
        AllowedImages = new AllowedImages { Enforcement = enforcement },
        RequiredLabels = new RequiredLabels { Enforcement = enforcement },
        ReliabilityPractices = new ReliabilityPractices { Enforcement = enforcement },
        ApiRestrictions = new ApiRestrictions { Enforcement = enforcement },
    };
}
