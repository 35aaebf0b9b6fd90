using System.Collections.ObjectModel;
using System.Text.Json;
using Platform.Components.Networking;
using Platform.Components.Tenancy;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:tenants</c> (teams' namespaces) and <c>platform:podSecurity</c> (the cluster-wide Pod
/// Security level and its exemptions); unknown fields are errors, and every problem names its path.</summary>
internal static class TenancyOptionsParser
{
    private static readonly string[] TenantFields = ["name", "team", "owner", "group", "podSecurity", "podSecurityReason", "quota", "limitRange", "labels"];
    private static readonly string[] LimitRangeFields = ["defaultRequest", "default", "max", "min"];
    private static readonly string[] PodSecurityFields = ["enforce", "exemptions"];
    private static readonly string[] ExemptionFields = ["usernames", "runtimeClasses", "namespaces"];
    private const string QuotaExample = """{"requests.cpu": "8", "requests.memory": "16Gi", "limits.memory": "32Gi", "pods": "100"}""";

    /// <summary>The Pod Security levels by their configuration names.</summary>
    internal static readonly Dictionary<string, PodSecurityLevel> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["privileged"] = PodSecurityLevel.Privileged, ["baseline"] = PodSecurityLevel.Baseline, ["restricted"] = PodSecurityLevel.Restricted,
    };

    /// <summary>The teams' namespaces, in configuration order; empty when unset, null (with problems) when wrong.</summary>
    public static IReadOnlyList<TenantOptions>? ReadTenants(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Tenants;
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text)) return [];
        if (!ConfigJson.TryParse(text, key.Name, key.Example, problems, out var root)) return null;
        if (root.ValueKind == JsonValueKind.Null) return [];
        if (root.ValueKind != JsonValueKind.Array)
        {
            problems.Add(key.Name, $"is {ConfigSyntax.Describe(root.ValueKind)}, not a list. Use a list of team namespaces, e.g. `{key.Example}`.");
            return null;
        }

        var before = problems.Count;
        var tenants = new List<TenantOptions>();
        var index = 0;
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        // A team's name in the spelling first given, by its lower case: Vault keeps policy and role names in lower case,
        // so two spellings of one name would share the team's secrets (components/Secrets/ExternalSecrets/SecretTenant).
        var teams = new Dictionary<string, (string Team, int Index)>(StringComparer.Ordinal);
        foreach (var item in root.EnumerateArray())
        {
            var path = $"{key.Name}[{index}]";
            if (ReadTenant(item, path, problems) is { } tenant)
            {
                if (names.TryGetValue(tenant.Name, out var first))
                    problems.Add($"{path}.name", $"'{tenant.Name}' is already the name of {key.FullName}[{first}]. Each team namespace needs its own name.");
                else
                    names[tenant.Name] = index;
                var lower = tenant.Team.ToLowerInvariant();
                if (teams.TryGetValue(lower, out var spelled) && spelled.Team != tenant.Team)
                    problems.Add($"{path}.team", $"'{tenant.Team}' differs from the team '{spelled.Team}' of {key.FullName}[{spelled.Index}] only in case: " +
                        "team names are compared in lower case (Vault's policies). Spell the same team the same way, or give the other team another name.");
                else
                    teams.TryAdd(lower, (tenant.Team, index));
                tenants.Add(tenant);
            }
            index++;
        }

        return problems.Count == before ? tenants.AsReadOnly() : null;
    }

    /// <summary>The Pod Security settings; the defaults when unset, null (with problems) when wrong.</summary>
    public static PodSecurityOptions? ReadPodSecurity(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.PodSecurity;
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text)) return new PodSecurityOptions();
        if (!ConfigJson.TryParse(text, key.Name, key.Example, problems, out var root)) return null;
        if (root.ValueKind == JsonValueKind.Null) return new PodSecurityOptions();
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(key.Name, $"is {ConfigSyntax.Describe(root.ValueKind)}, not an object. Use e.g. `{key.Example}`.");
            return null;
        }

        var before = problems.Count;
        var fields = ConfigJson.Fields(root, key.Name, PodSecurityFields, problems);
        var options = new PodSecurityOptions();
        if (Present(fields, "enforce") is { } enforce && Level(enforce, $"{key.Name}.enforce", problems) is { } level)
            options = options with { Enforce = level };
        if (Present(fields, "exemptions") is { } exemptions)
        {
            var path = $"{key.Name}.exemptions";
            if (exemptions.ValueKind != JsonValueKind.Object)
            {
                problems.Add(path, $"is {ConfigSyntax.Describe(exemptions.ValueKind)}, not an object. Use e.g. {{\"namespaces\": {{\"legacy-billing\": \"the vendor's image runs as root until release 5\"}}}}.");
            }
            else
            {
                var lists = ConfigJson.Fields(exemptions, path, ExemptionFields, problems);
                options = options with
                {
                    ExemptUsernames = Exemptions(lists, path, "usernames", name => name.Trim().Length == name.Length && name.Length > 0, "an authenticated user name without surrounding spaces", problems),
                    ExemptRuntimeClasses = Exemptions(lists, path, "runtimeClasses", ConfigSyntax.IsDns1123Subdomain, "a RuntimeClass name (a DNS-1123 subdomain)", problems),
                    ExemptNamespaces = Exemptions(lists, path, "namespaces", ConfigSyntax.IsDns1123Label, "a namespace name (a DNS-1123 label)", problems),
                };
                if (options.ExemptNamespaces.ContainsKey("kube-system"))
                    problems.Add(ConfigSyntax.PathSegment($"{path}.namespaces", "kube-system"), "kube-system is always exempt. Remove the entry.");
            }
        }

        return problems.Count == before ? options : null;
    }

    private static TenantOptions? ReadTenant(JsonElement item, string path, ProblemCollector problems)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"is {ConfigSyntax.Describe(item.ValueKind)}, not an object. Use e.g. `{PlatformConfigKeys.Tenants.Example}` for the list.");
            return null;
        }

        var before = problems.Count;
        var fields = ConfigJson.Fields(item, path, TenantFields, problems);
        var name = ConfigJson.String(fields, path, "name", required: true, "\"payments\"", problems);
        if (name is not null && !ConfigSyntax.IsDns1123Label(name))
            problems.Add($"{path}.name", $"'{name}' is not a namespace name: use a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters), e.g. \"payments\".");
        else if (name is not null && PlatformNamespaceNames.IsReserved(name))
            problems.Add($"{path}.name", $"'{name}' is {(name.StartsWith("kube-", StringComparison.Ordinal) || name == "default" ? "Kubernetes' own namespace" : "a namespace of the platform's layers")}; a team namespace cannot take it " +
                $"(reserved: default, kube-*, {string.Join(", ", PlatformNamespaceNames.Reserved.Where(n => n != "default" && !n.StartsWith("kube-", StringComparison.Ordinal)).Order(StringComparer.Ordinal))}). Choose another name, e.g. \"team-{name}\".");

        var team = ConfigJson.String(fields, path, "team", required: true, "\"payments\"", problems);
        if (team is not null && (team.Length == 0 || ConfigSyntax.LabelValueProblem(team) is not null))
            problems.Add($"{path}.team", $"'{team}' is not usable as the value of the {TenantNamespace.TeamLabel} label: use 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.");
        var owner = ConfigJson.String(fields, path, "owner", required: true, "\"payments-oncall@example.com\"", problems);
        if (owner is not null && owner.Trim().Length == 0)
            problems.Add($"{path}.owner", "is empty. Give a contact for the namespace's owner, e.g. \"payments-oncall@example.com\".");
        var group = ConfigJson.String(fields, path, "group", required: false, "\"payments-developers\"", problems);
        if (group is not null && (group.Trim().Length != group.Length || group.Length == 0))
            problems.Add($"{path}.group", $"'{group}' is not a group name: give it without surrounding spaces, or leave group out to use the team's name.");

        PodSecurityLevel? level = Present(fields, "podSecurity") is { } levelValue ? Level(levelValue, $"{path}.podSecurity", problems) : null;
        var reason = ConfigJson.String(fields, path, "podSecurityReason", required: false, "\"the vendor's agent needs NET_RAW\"", problems);
        if (reason is not null && reason.Trim().Length == 0)
            problems.Add($"{path}.podSecurityReason", "is empty. Say why the namespace needs a lower level, or remove the field.");

        var quota = ReadQuota(fields, path, problems);
        var limitRange = ReadLimitRange(fields, path, quota ?? ReadOnlyDictionary<string, string>.Empty, problems);
        var labels = ReadLabels(fields, path, problems);
        if (problems.Count != before) return null;
        var tenant = new TenantOptions
        {
            Name = name!,
            Team = team!,
            Owner = owner!,
            Group = group,
            PodSecurity = level,
            PodSecurityReason = reason,
            Quota = quota!,
            LimitRange = limitRange!,
            Labels = labels!,
        };
        CheckDefaultsCoverQuota(tenant, path, problems);
        return problems.Count == before ? tenant : null;
    }

    private static ReadOnlyDictionary<string, string>? ReadQuota(Dictionary<string, JsonElement> fields, string path, ProblemCollector problems)
    {
        var quotaPath = $"{path}.quota";
        if (Present(fields, "quota") is not { } value)
        {
            problems.Add(quotaPath, $"is missing: without a quota a team's namespace can take the whole cluster. Add e.g. \"quota\": {QuotaExample}.");
            return null;
        }

        var quota = Quantities(value, quotaPath, problems, resource => ConfigSyntax.LabelKeyProblem(resource, rejectReservedPrefixes: false) is null,
            "a ResourceQuota resource name (e.g. requests.cpu, limits.memory, pods, requests.storage, count/deployments.apps)");
        if (quota is { Count: 0 })
        {
            problems.Add(quotaPath, $"is empty: without a limit a team's namespace can take the whole cluster. Use e.g. {QuotaExample}.");
            return null;
        }
        return quota;
    }

    private static TenantLimitRange? ReadLimitRange(Dictionary<string, JsonElement> fields, string path, IReadOnlyDictionary<string, string> quota, ProblemCollector problems)
    {
        var limitPath = $"{path}.limitRange";
        var limits = TenantLimitRange.ForQuota(quota);
        if (Present(fields, "limitRange") is not { } value) return limits;
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(limitPath, $"is {ConfigSyntax.Describe(value.ValueKind)}, not an object. Use e.g. {{\"defaultRequest\": {{\"cpu\": \"250m\", \"memory\": \"256Mi\"}}, \"max\": {{\"memory\": \"4Gi\"}}}}.");
            return null;
        }

        var before = problems.Count;
        var parts = ConfigJson.Fields(value, limitPath, LimitRangeFields, problems);
        bool IsResource(string r) => TenantLimitRange.Resources.Contains(r, StringComparer.Ordinal);
        var what = $"a container resource ({string.Join(", ", TenantLimitRange.Resources)})";
        if (Present(parts, "defaultRequest") is { } defaultRequest && Quantities(defaultRequest, $"{limitPath}.defaultRequest", problems, IsResource, what) is { } dr)
            limits = limits with { DefaultRequest = dr };
        if (Present(parts, "default") is { } defaultLimit && Quantities(defaultLimit, $"{limitPath}.default", problems, IsResource, what) is { } dl)
            limits = limits with { Default = dl };
        if (Present(parts, "max") is { } max && Quantities(max, $"{limitPath}.max", problems, IsResource, what) is { } mx)
            limits = limits with { Max = mx };
        if (Present(parts, "min") is { } min && Quantities(min, $"{limitPath}.min", problems, IsResource, what) is { } mn)
            limits = limits with { Min = mn };
        if (problems.Count != before) return null;
        foreach (var problem in limits.Validate())
            problems.Add(limitPath, $"{problem}. Fix the values (each a quantity such as 500m or 1Gi).");
        return problems.Count == before ? limits : null;
    }

    // A quota on requests or limits of cpu, memory or ephemeral storage rejects every container that does not set them:
    // the LimitRange must give those containers a default.
    private static void CheckDefaultsCoverQuota(TenantOptions tenant, string path, ProblemCollector problems)
    {
        foreach (var (field, problem) in tenant.LimitRange.QuotaCoverageProblems(tenant.Quota))
            problems.Add($"{path}.limitRange.{field}", problem);
    }

    private static ReadOnlyDictionary<string, string>? ReadLabels(Dictionary<string, JsonElement> fields, string path, ProblemCollector problems)
    {
        var labelsPath = $"{path}.labels";
        if (Present(fields, "labels") is not { } value) return ReadOnlyDictionary<string, string>.Empty;
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(labelsPath, $"is {ConfigSyntax.Describe(value.ValueKind)}, not a map of labels. Use e.g. {{\"example.com/cost-centre\": \"cc-4711\"}}.");
            return null;
        }

        var before = problems.Count;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in ConfigJson.Properties(value, labelsPath, problems))
        {
            var labelPath = ConfigSyntax.PathSegment(labelsPath, property.Name);
            if (ConfigSyntax.LabelKeyProblem(property.Name, rejectReservedPrefixes: false) is { } keyProblem)
            {
                problems.Add(labelPath, $"{keyProblem}. Use a label key such as example.com/cost-centre or tier.");
                continue;
            }
            if (IsPlatformLabel(property.Name))
            {
                problems.Add(labelPath, $"'{property.Name}' is a key Kubernetes or the platform sets on the namespace (kubernetes.io, k8s.io and platform/ " +
                    "prefixes: the Pod Security levels, the team and tenant labels). Use your own prefix, e.g. example.com/" + property.Name.Split('/')[^1] + ".");
                continue;
            }
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                problems.Add(labelPath, $"is {ConfigSyntax.Describe(property.Value.ValueKind)} ({property.Value.GetRawText()}). Label values are strings: quote it, e.g. \"true\".");
                continue;
            }
            if (ConfigSyntax.LabelValueProblem(property.Value.GetString()!) is { } valueProblem)
            {
                problems.Add(labelPath, $"{valueProblem}.");
                continue;
            }
            labels[property.Name] = property.Value.GetString()!;
        }
        return problems.Count == before ? labels.AsReadOnly() : null;
    }

    private static bool IsPlatformLabel(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return false;
        var prefix = key[..slash];
        return prefix == "platform" || prefix is "kubernetes.io" or "k8s.io" || prefix.EndsWith(".kubernetes.io", StringComparison.Ordinal) || prefix.EndsWith(".k8s.io", StringComparison.Ordinal);
    }

    // An object of resource names to quantities (strings, or JSON numbers for whole counts).
    private static ReadOnlyDictionary<string, string>? Quantities(JsonElement value, string path, ProblemCollector problems, Func<string, bool> isResource, string resourceRule)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"is {ConfigSyntax.Describe(value.ValueKind)}, not an object of resource names to quantities, e.g. {{\"cpu\": \"500m\", \"memory\": \"1Gi\"}}.");
            return null;
        }

        var before = problems.Count;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in ConfigJson.Properties(value, path, problems))
        {
            var entryPath = ConfigSyntax.PathSegment(path, property.Name);
            if (!isResource(property.Name))
            {
                problems.Add(entryPath, $"'{property.Name}' is not {resourceRule}.");
                continue;
            }
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => null,
            };
            if (text is null || KubernetesQuantity.Value(text) is not { } amount)
            {
                problems.Add(entryPath, $"{property.Value.GetRawText()} is not a Kubernetes quantity. Use a number with an optional suffix, as text: e.g. \"500m\" or \"2\" (cores), \"512Mi\" or \"4Gi\" (bytes), \"100\" (objects).");
                continue;
            }
            if (amount < 0)
            {
                problems.Add(entryPath, $"{property.Value.GetRawText()} is negative. Use zero or more.");
                continue;
            }
            map[property.Name] = text;
        }
        return problems.Count == before ? map.AsReadOnly() : null;
    }

    private static ReadOnlyDictionary<string, string> Exemptions(Dictionary<string, JsonElement> lists, string path, string field, Func<string, bool> isName, string nameRule, ProblemCollector problems)
    {
        var listPath = $"{path}.{field}";
        var exemptions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Present(lists, field) is not { } value) return exemptions.AsReadOnly();
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(listPath, $"is {ConfigSyntax.Describe(value.ValueKind)}, not an object of names to reasons. Use e.g. {{\"name\": \"why it is exempt\"}}.");
            return exemptions.AsReadOnly();
        }
        foreach (var property in ConfigJson.Properties(value, listPath, problems))
        {
            var entryPath = ConfigSyntax.PathSegment(listPath, property.Name);
            if (!isName(property.Name))
                problems.Add(entryPath, $"'{property.Name}' is not {nameRule}.");
            else if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString()!.Trim().Length == 0)
                problems.Add(entryPath, $"has no reason ({property.Value.GetRawText()}). Every exemption from Pod Security needs one, as text: e.g. \"the vendor's image runs as root until release 5\".");
            else
                exemptions[property.Name] = property.Value.GetString()!.Trim();
        }
        return exemptions.AsReadOnly();
    }

    private static PodSecurityLevel? Level(JsonElement value, string path, ProblemCollector problems)
    {
        if (value.ValueKind == JsonValueKind.String && Levels.TryGetValue(value.GetString()!, out var level)) return level;
        var hint = value.ValueKind == JsonValueKind.String ? ConfigSyntax.DidYouMean(value.GetString()!, Levels.Keys) : "";
        problems.Add(path, $"{value.GetRawText()} is not a Pod Security level{hint}. Use privileged, baseline or restricted, as text.");
        return null;
    }

    private static JsonElement? Present(Dictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
