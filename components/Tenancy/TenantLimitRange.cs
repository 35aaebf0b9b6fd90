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

    /// <summary>Limits of a container that sets none (also its requests when <see cref="DefaultRequest"/> has none).
    /// Default <c>cpu: "1"</c>, <c>memory: 512Mi</c>.</summary>
    public IReadOnlyDictionary<string, string> Default { get; init; } = new Dictionary<string, string> { ["cpu"] = "1", ["memory"] = "512Mi" };

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

    // In the order Kubernetes requires their values to grow.
    private IEnumerable<(string Field, IReadOnlyDictionary<string, string> Map)> Fields() =>
        [("min", Min), ("defaultRequest", DefaultRequest), ("default", Default), ("max", Max)];
}
