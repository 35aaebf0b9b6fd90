using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Networking;
using Platform.Components.Tenancy;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Configuration;

namespace Platform.Stacks.Composition;

/// <summary>
/// The nonRootContainers capability: the Pod Security level the cluster enforces by default and the level of each
/// team's namespace. With the capability on, the default is <c>platform:podSecurity.enforce</c>, else
/// <c>restricted</c> for the medium and enterprise tiers and <c>baseline</c> for small (its level is "recommended":
/// warned and audited at restricted, as every tier is, but not enforced unless switched); with it off, <c>baseline</c>.
/// The API servers get it through their admission configuration (<see cref="KubeadmHardening.PodSecurity"/>), so a
/// change restarts them (their reconfigure step). A team's namespace enforces its own level, by default this one.
/// </summary>
public static class ClusterPodSecurity
{
    /// <summary>Whether the nonRootContainers capability is on.</summary>
    public static bool NonRootContainers(IReadOnlyList<CapabilityDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return decisions.Any(d => d.Id == CapabilityIds.NonRootContainers && d.Enabled);
    }

    /// <summary>The level enforced in every namespace without its own label.</summary>
    public static PodSecurityLevel DefaultLevel(PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!NonRootContainers(decisions)) return PodSecurityLevel.Baseline;
        return settings.PodSecurity.Enforce ?? (settings.Tier == PlatformTier.Small ? PodSecurityLevel.Baseline : PodSecurityLevel.Restricted);
    }

    /// <summary>The admission configuration's Pod Security defaults: <see cref="DefaultLevel"/> and the configured exemptions.</summary>
    public static PodSecurityAdmission Admission(PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions) => new()
    {
        Enforce = DefaultLevel(settings, decisions),
        ExemptUsernames = settings.PodSecurity.ExemptUsernames.Keys.ToList(),
        ExemptRuntimeClasses = settings.PodSecurity.ExemptRuntimeClasses.Keys.ToList(),
        ExemptNamespaces = settings.PodSecurity.ExemptNamespaces.Keys.ToList(),
    };

    /// <summary>The level a team's namespace enforces: its own, or <see cref="DefaultLevel"/>.</summary>
    public static PodSecurityLevel TenantLevel(TenantOptions tenant, PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant.PodSecurity ?? DefaultLevel(settings, decisions);
    }

    /// <summary>The warning for the nonRootContainers capability on while the hardening switch podSecurityDefaults is
    /// off (a deliberate, reasoned exception, so not an error): namespaces without their own level then enforce nothing;
    /// null otherwise.</summary>
    internal static string? Warning(PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!NonRootContainers(decisions) || HardeningSwitches.Apply(settings.HardeningExceptions.Keys).PodSecurityDefaults) return null;
        return $"{ConfigSyntax.PathSegment(PlatformConfigKeys.HardeningExceptions.FullName, "podSecurityDefaults")} leaves the API servers without " +
            $"Pod Security defaults although nonRootContainers is on: a namespace without its own level (default, and any created outside " +
            $"the platform) enforces nothing instead of {Name(DefaultLevel(settings, decisions))}. The platform's and the teams' namespaces keep " +
            "their levels. Remove the exception to enforce the level everywhere.";
    }

    /// <summary>Adds a problem for Pod Security settings that cannot take effect, and for a team's namespace below the
    /// cluster's level without a reason.</summary>
    internal static void Check(PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.PodSecurity;
        var defaults = HardeningSwitches.Apply(settings.HardeningExceptions.Keys).PodSecurityDefaults;
        if (!defaults && settings.PodSecurity.IsSet)
        {
            problems.Add(key.Name, "is set, but the hardening switch podSecurityDefaults is off (platform:hardeningExceptions), so the API " +
                "server has no Pod Security defaults to apply it to. Remove the exception, or remove platform:podSecurity.");
        }
        if (settings.PodSecurity.Enforce is { } enforce && !NonRootContainers(decisions))
        {
            problems.Add($"{key.Name}.enforce", $"is {Name(enforce)}, but the nonRootContainers capability is off, which leaves the cluster's " +
                "level at baseline. Switch it on with `pulumi config set --path 'platform:capabilities.nonRootContainers' true`, or remove enforce.");
        }
        var level = DefaultLevel(settings, decisions);
        for (var i = 0; i < settings.Tenants.Count; i++)
        {
            var tenant = settings.Tenants[i];
            if (tenant.PodSecurity is { } own && own < level && string.IsNullOrWhiteSpace(tenant.PodSecurityReason))
            {
                problems.Add($"{PlatformConfigKeys.Tenants.Name}[{i}].podSecurity",
                    $"{Name(own)} is below the cluster's level ({Name(level)}) and needs a reason: add \"podSecurityReason\": \"...\" " +
                    $"(e.g. \"the vendor's agent needs NET_RAW\"), or remove podSecurity to enforce {Name(level)}.");
            }
        }
    }

    private static string Name(PodSecurityLevel level) => level.ToString().ToLowerInvariant();
}
