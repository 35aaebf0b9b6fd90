using Platform.Components.Tenancy;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security.Policies;

/// <summary>Policy 4: every (non-init) container sets its CPU and memory requests and limits, keeps its limits within
/// <see cref="MaxLimits"/>, and has liveness and readiness probes (not asked of Jobs, CronJobs and the Pods of Jobs,
/// which run to completion). Quantities are compared with Kubernetes' CEL quantity library.</summary>
public sealed record ReliabilityPractices : PlatformPolicy
{
    /// <summary>The resources whose requests every container sets. Default cpu and memory.</summary>
    public IReadOnlyList<string> Requests { get; init; } = ["cpu", "memory"];

    /// <summary>The resources whose limits every container sets. Default cpu and memory.</summary>
    public IReadOnlyList<string> Limits { get; init; } = ["cpu", "memory"];

    /// <summary>The largest limit a container may set, by resource (Kubernetes quantities). Default cpu 4, memory
    /// 16Gi.</summary>
    public IReadOnlyDictionary<string, string> MaxLimits { get; init; } = new Dictionary<string, string> { ["cpu"] = "4", ["memory"] = "16Gi" };

    /// <summary>Whether liveness and readiness probes are required. Default true.</summary>
    public bool Probes { get; init; } = true;

    /// <inheritdoc />
    public override string Id => "reliabilityPractices";

    /// <inheritdoc />
    public override string Kind => "PlatformReliabilityPractices";

    internal override IReadOnlyList<(string Group, string Kind)> MatchKinds => PodSpecCel.Kinds;

    internal override IReadOnlyList<CelVariable> PolicyVariables { get; } =
    [
        PodSpecCel.Variables[0],
        new("appContainers", "(has(variables.podSpec.containers) ? variables.podSpec.containers : []).filter(c, !variables.params.exemptImages.exists(p, c.image.startsWith(p)))"),
        new("batch", "variables.anyObject.kind == 'Job' || variables.anyObject.kind == 'CronJob' || (variables.anyObject.kind == 'Pod' && "
            + "has(variables.anyObject.metadata.ownerReferences) && variables.anyObject.metadata.ownerReferences.exists(o, o.kind == 'Job'))"),
        new("missingRequests", "variables.appContainers.filter(c, variables.params.requests.exists(r, !has(c.resources) || !has(c.resources.requests) || !(r in c.resources.requests)))"),
        new("missingLimits", "variables.appContainers.filter(c, variables.params.limits.exists(r, !has(c.resources) || !has(c.resources.limits) || !(r in c.resources.limits)))"),
        new("overLimits", "variables.appContainers.filter(c, has(c.resources) && has(c.resources.limits) && variables.params.maxLimits.exists(r, "
            + "r in c.resources.limits && quantity(string(c.resources.limits[r])).isGreaterThan(quantity(variables.params.maxLimits[r]))))"),
        new("missingProbes", "(!variables.params.probes || variables.batch) ? [] : variables.appContainers.filter(c, !has(c.livenessProbe) || !has(c.readinessProbe))"),
    ];

    internal override IReadOnlyList<CelValidation> PolicyValidations { get; } =
    [
        new("size(variables.missingRequests) == 0",
            "'containers without requests for ' + variables.params.requests.join(' and ') + ': ' + variables.missingRequests.map(c, c.name).join(', ')"),
        new("size(variables.missingLimits) == 0",
            "'containers without limits for ' + variables.params.limits.join(' and ') + ': ' + variables.missingLimits.map(c, c.name).join(', ')"),
        new("size(variables.overLimits) == 0",
            "'containers with limits above the policy maximum: ' + variables.overLimits.map(c, c.name).join(', ')"),
        new("size(variables.missingProbes) == 0",
            "'containers without liveness and readiness probes: ' + variables.missingProbes.map(c, c.name).join(', ')"),
    ];

    internal override Dictionary<string, object> PolicyParameters() => Map(
        ("requests", Requests.Cast<object>().ToArray()),
        ("limits", Limits.Cast<object>().ToArray()),
        ("maxLimits", MaxLimits.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => (object)kv.Value, StringComparer.Ordinal)),
        ("probes", Probes));

    internal override Dictionary<string, object> PolicyParametersSchema() => Map(
        ("requests", StringList()),
        ("limits", StringList()),
        ("maxLimits", Map(("type", "object"), ("additionalProperties", Map(("type", "string"))))),
        ("probes", Map(("type", "boolean"))));

    private protected override IEnumerable<string> ValidateSettings()
    {
        foreach (var resource in Requests.Concat(Limits).Concat(MaxLimits.Keys).Distinct(StringComparer.Ordinal))
        {
            if (resource is not ("cpu" or "memory" or "ephemeral-storage") && !resource.Contains('/', StringComparison.Ordinal))
                yield return $"'{resource}' is not a resource name; use cpu, memory, ephemeral-storage or an extended resource such as nvidia.com/gpu.";
        }
        foreach (var (resource, max) in MaxLimits)
        {
            if (!KubernetesQuantity.IsNonNegative(max))
                yield return $"maxLimits.{resource} '{max}' is not a Kubernetes quantity; use e.g. \"4\", \"500m\" or \"16Gi\".";
        }
    }
}
