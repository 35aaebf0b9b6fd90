namespace Platform.Components.Tenancy;

/// <summary>
/// The LimitRange of a team's namespace, for every container (type <c>Container</c>): the requests and limits a
/// container gets when it sets none, and the least and most it may set. Each map is resource name (<c>cpu</c>,
/// <c>memory</c>, <c>ephemeral-storage</c>) to quantity. The defaults matter because a quota on requests or limits
/// rejects every pod whose containers do not set them.
/// </summary>
public sealed record TenantLimitRange
{
    /// <summary>The resources a container's limits may name.</summary>
    public static IReadOnlyList<string> Resources { get; } = ["cpu", "memory", "ephemeral-storage"];

    /// <summary>Requests of a container that sets none. Default <c>cpu: 100m</c>, <c>memory: 128Mi</c>.</summary>
    public IReadOnlyDictionary<string, string> DefaultRequest { get; init; } = new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "128Mi" };

    /// <summary>The default limits <see cref="ForQuota"/> gives for each resource whose limits the quota counts:
    /// <c>cpu: "1"</c>, <c>memory: 512Mi</c>.</summary>
    public static IReadOnlyDictionary<string, string> StandardDefaultLimits { get; } =
        new Dictionary<string, string> { ["cpu"] = "1", ["memory"] = "512Mi" }.AsReadOnly();

    /// <summary>Limits of a container that sets none (also its requests when <see cref="DefaultRequest"/> has none).
    /// Default none: a default limit is also applied to a container that sets only requests, and refuses it when it
    /// requests more, so limits are defaulted only where a quota needs them (<see cref="ForQuota"/>).</summary>
    public IReadOnlyDictionary<string, string> Default { get; init; } = new Dictionary<string, string>();

    /// <summary>The standard limit range for a namespace with this quota: <see cref="DefaultRequest"/>'s requests, and
    /// <see cref="StandardDefaultLimits"/> only for the resources whose limits the quota counts (<c>limits.cpu</c>,
    /// <c>limits.memory</c>), which a container without limits would otherwise be refused for.</summary>
    /// <param name="quota">The ResourceQuota's hard limits, by resource name.</param>
    public static TenantLimitRange ForQuota(IReadOnlyDictionary<string, string> quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        return new TenantLimitRange
        {
            Default = StandardDefaultLimits.Where(kv => quota.ContainsKey($"limits.{kv.Key}")).ToDictionary(kv => kv.Key, kv => kv.Value).AsReadOnly(),
        };
    }

    /// <summary>The most a container may request or limit. Default none.</summary>
    public IReadOnlyDictionary<string, string> Max { get; init; } = new Dictionary<string, string>();

    /// <summary>The least a container may request. Default none.</summary>
    public IReadOnlyDictionary<string, string> Min { get; init; } = new Dictionary<string, string>();

    /// <summary>What is wrong, as Kubernetes' LimitRange validation would see it: unknown resources, values that are not
    /// quantities, and for each resource the order min &lt;= defaultRequest &lt;= default &lt;= max. Empty when fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (field, map) in Fields())
        {
            foreach (var (resource, quantity) in map)
            {
                if (!Resources.Contains(resource, StringComparer.Ordinal))
                    problems.Add($"{field}.{resource}: '{resource}' is not a container resource; use {string.Join(", ", Resources)}");
                else if (!KubernetesQuantity.IsNonNegative(quantity))
                    problems.Add($"{field}.{resource}: '{quantity}' is not a Kubernetes quantity (e.g. 500m, 2, 256Mi, 1Gi)");
            }
        }
        if (problems.Count > 0) return problems;
        foreach (var resource in Resources)
        {
            var chain = Fields().Where(f => f.Map.ContainsKey(resource)).Select(f => (f.Field, Value: KubernetesQuantity.Value(f.Map[resource])!.Value, Text: f.Map[resource])).ToList();
            for (var i = 1; i < chain.Count; i++)
            {
                if (chain[i - 1].Value > chain[i].Value)
                    problems.Add($"{resource}: {chain[i - 1].Field} {chain[i - 1].Text} is more than {chain[i].Field} {chain[i].Text}; Kubernetes needs min <= defaultRequest <= default <= max");
            }
        }
        return problems;
    }

    /// <summary>Where this limit range leaves containers the quota would refuse: a quota on requests (or the bare
    /// resource name) of cpu, memory or ephemeral storage rejects every container that sets no request for it unless
    /// <see cref="DefaultRequest"/> or <see cref="Default"/> gives one, and a quota on its limits every container
    /// without a limit unless <see cref="Default"/> gives one. Each problem as the field to fix and the message.</summary>
    /// <param name="quota">The ResourceQuota's hard limits, by resource name.</param>
    public IReadOnlyList<(string Field, string Problem)> QuotaCoverageProblems(IReadOnlyDictionary<string, string> quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        var problems = new List<(string, string)>();
        foreach (var resource in Resources)
        {
            var requested = quota.ContainsKey(resource) || quota.ContainsKey($"requests.{resource}");
            if (requested && !DefaultRequest.ContainsKey(resource) && !Default.ContainsKey(resource))
                problems.Add(("defaultRequest", $"has no {resource}, but the quota limits requests of {resource}: every container that sets no {resource} request would be rejected. Add \"{resource}\" to defaultRequest (or default)."));
            if (quota.ContainsKey($"limits.{resource}") && !Default.ContainsKey(resource))
                problems.Add(("default", $"has no {resource}, but the quota limits limits.{resource}: every container that sets no {resource} limit would be rejected. Add \"{resource}\" to default."));
        }
        return problems;
    }

    // In the order Kubernetes requires their values to grow.
    private IEnumerable<(string Field, IReadOnlyDictionary<string, string> Map)> Fields() =>
        [("min", Min), ("defaultRequest", DefaultRequest), ("default", Default), ("max", Max)];
}
