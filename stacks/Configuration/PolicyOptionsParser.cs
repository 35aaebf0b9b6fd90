using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.Security;
using Platform.Components.Security.Policies;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:policies</c> over the tier's defaults (all five policies, dry run for small and medium,
/// deny for enterprise); unknown policies and fields are errors, and so is every setting a policy refuses
/// (<see cref="PlatformPolicy.Validate"/>).</summary>
internal static class PolicyOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private static readonly Dictionary<string, PolicyEnforcement> Enforcements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deny"] = PolicyEnforcement.Deny, ["warn"] = PolicyEnforcement.Warn, ["dryrun"] = PolicyEnforcement.DryRun,
    };

    private static readonly string[] Names = ["allowedRegistries", "allowedImages", "requiredLabels", "reliabilityPractices", "apiRestrictions"];

    private sealed record ObjectJson(
        [property: JsonPropertyName("kind")] string? Kind,
        [property: JsonPropertyName("namespace")] string? Namespace,
        [property: JsonPropertyName("name")] string? Name);

    private sealed record ExemptionJson(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("reason")] string? Reason,
        [property: JsonPropertyName("namespaces")] string[]? Namespaces,
        [property: JsonPropertyName("images")] string[]? Images,
        [property: JsonPropertyName("objects")] ObjectJson[]? Objects);

    private sealed record LabelJson(
        [property: JsonPropertyName("key")] string? Key,
        [property: JsonPropertyName("allowedRegex")] string? AllowedRegex);

    private sealed record RuleJson(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("groups")] string[]? Groups,
        [property: JsonPropertyName("kinds")] string[]? Kinds,
        [property: JsonPropertyName("operations")] string[]? Operations);

    // Every policy's fields, the common ones first; a policy refuses the fields of the others (checked below).
    private sealed record PolicyJson(
        [property: JsonPropertyName("enabled")] bool? Enabled,
        [property: JsonPropertyName("enforcement")] string? Enforcement,
        [property: JsonPropertyName("namespaceSelector")] Dictionary<string, string>? NamespaceSelector,
        [property: JsonPropertyName("exemptions")] ExemptionJson[]? Exemptions,
        [property: JsonPropertyName("registries")] string[]? Registries,
        [property: JsonPropertyName("repositories")] string[]? Repositories,
        [property: JsonPropertyName("digestRequired")] bool? DigestRequired,
        [property: JsonPropertyName("labels")] LabelJson[]? Labels,
        [property: JsonPropertyName("requests")] string[]? Requests,
        [property: JsonPropertyName("limits")] string[]? Limits,
        [property: JsonPropertyName("maxLimits")] Dictionary<string, string>? MaxLimits,
        [property: JsonPropertyName("probes")] bool? Probes,
        [property: JsonPropertyName("nodePortNamespaces")] string[]? NodePortNamespaces,
        [property: JsonPropertyName("loadBalancerNamespaces")] string[]? LoadBalancerNamespaces,
        [property: JsonPropertyName("denyWildcardHosts")] bool? DenyWildcardHosts,
        [property: JsonPropertyName("denyDuplicateHosts")] bool? DenyDuplicateHosts,
        [property: JsonPropertyName("rules")] RuleJson[]? Rules);

    private static readonly string[] Common = ["enabled", "enforcement", "namespaceSelector", "exemptions"];

    private static readonly Dictionary<string, string[]> OwnFields = new(StringComparer.Ordinal)
    {
        ["allowedRegistries"] = ["registries"],
        ["allowedImages"] = ["repositories", "digestRequired"],
        ["requiredLabels"] = ["labels"],
        ["reliabilityPractices"] = ["requests", "limits", "maxLimits", "probes"],
        ["apiRestrictions"] = ["nodePortNamespaces", "loadBalancerNamespaces", "denyWildcardHosts", "denyDuplicateHosts", "rules"],
    };

    /// <summary>The enforcement of every policy not given one: dry run, except deny for enterprise.</summary>
    public static PolicyEnforcement TierEnforcement(PlatformTier tier) => tier == PlatformTier.Enterprise ? PolicyEnforcement.Deny : PolicyEnforcement.DryRun;

    /// <summary>The policies: the tier's defaults when the key is unset, null when the value is wrong (see the
    /// problems) or the tier is unknown.</summary>
    public static PolicyOptions? Read(IPlatformConfigSource source, PlatformTier? tier, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Policies;
        var text = source.Get(key.Name)?.Trim();
        var entries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(text))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(key.Name, $"is not a JSON object of policy name to settings. Use e.g. `{key.Example}`.");
                    return null;
                }
                foreach (var property in document.RootElement.EnumerateObject())
                    entries[property.Name] = property.Value.Clone();
            }
            catch (JsonException e)
            {
                problems.Add(key.Name, $"is not valid JSON ({e.Message.Split(" Path:")[0]}). Use e.g. `{key.Example}`.");
                return null;
            }
        }
        var before = problems.Count;
        foreach (var unknown in entries.Keys.Where(name => !Names.Contains(name, StringComparer.Ordinal)))
            problems.Add($"{key.Name}.{unknown}", $"is not a policy. Use one of {string.Join(", ", Names)}.");
        if (tier is not { } t) return null;

        var defaults = PolicyOptions.AllWith(TierEnforcement(t));
        var options = new PolicyOptions
        {
            AllowedRegistries = Policy(entries, "allowedRegistries", defaults.AllowedRegistries!, problems, (p, j) => p with { Registries = j.Registries ?? p.Registries }),
            AllowedImages = Policy(entries, "allowedImages", defaults.AllowedImages!, problems,
                (p, j) => p with { Repositories = j.Repositories ?? p.Repositories, DigestRequired = j.DigestRequired ?? p.DigestRequired }),
            RequiredLabels = Policy(entries, "requiredLabels", defaults.RequiredLabels!, problems,
                (p, j) => j.Labels is null ? p : p with { Labels = [.. j.Labels.Select(l => new RequiredLabel { Key = l?.Key ?? "", AllowedRegex = l?.AllowedRegex })] }),
            ReliabilityPractices = Policy(entries, "reliabilityPractices", defaults.ReliabilityPractices!, problems, (p, j) => p with
            {
                Requests = j.Requests ?? p.Requests,
                Limits = j.Limits ?? p.Limits,
                MaxLimits = j.MaxLimits ?? p.MaxLimits,
                Probes = j.Probes ?? p.Probes,
            }),
            ApiRestrictions = Policy(entries, "apiRestrictions", defaults.ApiRestrictions!, problems, (p, j) => p with
            {
                NodePortNamespaces = j.NodePortNamespaces ?? p.NodePortNamespaces,
                LoadBalancerNamespaces = j.LoadBalancerNamespaces ?? p.LoadBalancerNamespaces,
                DenyWildcardHosts = j.DenyWildcardHosts ?? p.DenyWildcardHosts,
                DenyDuplicateHosts = j.DenyDuplicateHosts ?? p.DenyDuplicateHosts,
                Rules = j.Rules is null ? p.Rules : [.. j.Rules.Select(r => new ApiRule
                {
                    Name = r?.Name ?? "",
                    Groups = r?.Groups ?? [],
                    Kinds = r?.Kinds ?? [],
                    Operations = r?.Operations is { } ops ? [.. ops.Select(o => o?.ToUpperInvariant() ?? "")] : ["CREATE", "UPDATE", "DELETE"],
                })],
            }),
        };
        return problems.Count == before ? options : null;
    }

    /// <summary>One policy: its defaults when not given, null when switched off or wrong, else the defaults with the
    /// given settings over them.</summary>
    private static TPolicy? Policy<TPolicy>(Dictionary<string, JsonElement> entries, string name, TPolicy defaults, ProblemCollector problems,
        Func<TPolicy, PolicyJson, TPolicy> apply) where TPolicy : PlatformPolicy
    {
        var path = $"{PlatformConfigKeys.Policies.Name}.{name}";
        if (!entries.TryGetValue(name, out var element))
            return Checked(defaults, path, problems);
        if (element.ValueKind == JsonValueKind.False) return null;
        if (element.ValueKind == JsonValueKind.True) return Checked(defaults, path, problems);
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, "is neither an object of settings nor false. Use e.g. {\"enforcement\": \"warn\"}, or false to switch it off.");
            return null;
        }
        foreach (var field in element.EnumerateObject().Select(p => p.Name))
        {
            if (!Common.Contains(field, StringComparer.Ordinal) && !OwnFields[name].Contains(field, StringComparer.Ordinal))
            {
                problems.Add($"{path}.{field}", $"is not a setting of {name}. Use {string.Join(", ", Common.Concat(OwnFields[name]))}.");
                return null;
            }
        }
        PolicyJson json;
        try
        {
            json = element.Deserialize<PolicyJson>(Strict) ?? throw new JsonException("the value is null");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? path : path + e.Path.TrimStart('$');
            problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{PlatformConfigKeys.Policies.Example}`.");
            return null;
        }
        if (json.Enabled == false) return null;
        var policy = defaults;
        if (json.Enforcement is { } text)
        {
            if (!Enforcements.TryGetValue(text, out var enforcement))
            {
                problems.Add($"{path}.enforcement", $"'{text}' is not an enforcement. Use deny, warn or dryrun.");
                return null;
            }
            policy = policy with { Enforcement = enforcement };
        }
        if (json.NamespaceSelector is { } selector) policy = policy with { NamespaceSelector = selector };
        if (json.Exemptions is { } exemptions)
        {
            var list = new List<PolicyExemption>();
            for (var i = 0; i < exemptions.Length; i++)
            {
                if (exemptions[i] is not { } e)
                {
                    problems.Add($"{path}.exemptions[{i}]", "is null. Give {\"name\", \"reason\", and namespaces, images or objects}.");
                    return null;
                }
                var objects = new List<ExemptObject>();
                foreach (var o in e.Objects ?? [])
                    objects.Add(new ExemptObject { Kind = o?.Kind ?? "", Namespace = o?.Namespace, Name = o?.Name ?? "" });
                list.Add(new PolicyExemption
                {
                    Name = e.Name ?? "",
                    Reason = e.Reason ?? "",
                    Namespaces = e.Namespaces ?? [],
                    Images = e.Images ?? [],
                    Objects = objects,
                });
            }
            policy = policy with { Exemptions = list };
        }
        return Checked(apply(policy, json), path, problems);
    }

    private static TPolicy? Checked<TPolicy>(TPolicy policy, string path, ProblemCollector problems) where TPolicy : PlatformPolicy
    {
        var found = policy.Validate();
        foreach (var problem in found)
            problems.Add(path, problem);
        return found.Count == 0 ? policy : null;
    }
}
