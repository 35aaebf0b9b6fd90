using System.Text.Json;
using Platform.Components.Identity;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:authentication</c>: the provider (Dex; Keycloak is refused with the reason), Dex's host,
/// its connectors with their non-secret settings, the claim mappings and the groups' cluster-wide roles. Unknown fields
/// are errors; every problem names its path.</summary>
internal static class AuthenticationOptionsParser
{
    private static readonly string[] Fields = ["provider", "host", "connectors", "claims", "rbac", "replicas"];
    private static readonly string[] ConnectorFields = ["id", "type", "name", "config"];
    private static readonly string[] ClaimsFields = ["username", "groups"];
    private static readonly string[] ClaimFields = ["claim", "prefix"];

    private static readonly Dictionary<string, GroupRole> Roles = new(StringComparer.Ordinal)
    {
        ["cluster-admin"] = GroupRole.ClusterAdmin,
        ["edit"] = GroupRole.Edit,
        ["view"] = GroupRole.View,
    };

    /// <summary>The options, or null when the key is unset or wrong (see the problems).</summary>
    public static AuthenticationOptions? Read(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Authentication;
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (!ConfigJson.TryParse(text, key.Name, key.Example, problems, out var root)) return null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(key.Name, $"is {ConfigSyntax.Describe(root.ValueKind)}, not an object. Use e.g. `{key.Example}`.");
            return null;
        }
        var before = problems.Count;
        var fields = ConfigJson.Fields(root, key.Name, Fields, problems);

        var provider = ConfigJson.String(fields, key.Name, "provider", required: false, "\"dex\"", problems) ?? "dex";
        if (string.Equals(provider, "keycloak", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{key.Name}.provider",
                "keycloak is not available in this version of Platform: there is no Keycloak operator or chart in the platform's " +
                "pinned catalog to deploy and upgrade it with, and a Keycloak without its own HA database and upgrade path would " +
                "be a second identity store to run by hand. Use dex (the default), which federates the organisation's LDAP/Active " +
                "Directory, OIDC, SAML, GitHub or GitLab without storing users.");
        }
        else if (!string.Equals(provider, "dex", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{key.Name}.provider", $"'{provider}' is not an identity provider. Use dex (the default).");
        }

        var host = ConfigJson.String(fields, key.Name, "host", required: true, "\"dex.example.com\"", problems);
        var connectors = ReadConnectors(fields, key.Name, problems);
        var (usernameClaim, usernamePrefix, groupsClaim, groupsPrefix) = ReadClaims(fields, key.Name, problems);
        var rbac = ReadRbac(fields, key.Name, problems);
        int? replicas = null;
        if (fields.TryGetValue("replicas", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var n)) replicas = n;
            else problems.Add($"{key.Name}.replicas", $"is {ConfigSyntax.Describe(r.ValueKind)} ({r.GetRawText()}). Use a whole number from 1 to 5 without quotes.");
        }
        if (problems.Count > before || host is null || connectors is null) return null;

        var defaults = new AuthenticationOptions { Host = host, Connectors = connectors };
        var options = defaults with
        {
            UsernameClaim = usernameClaim ?? defaults.UsernameClaim,
            UsernamePrefix = usernamePrefix ?? defaults.UsernamePrefix,
            GroupsClaim = groupsClaim ?? defaults.GroupsClaim,
            GroupsPrefix = groupsPrefix ?? defaults.GroupsPrefix,
            Rbac = rbac ?? defaults.Rbac,
            Replicas = replicas,
        };
        foreach (var problem in options.Validate())
        {
            // "connectors[0]: ..." and "claims.groups.prefix ..." problems go to their own path.
            var (path, message) = SplitPath(problem);
            problems.Add(path is null ? key.Name : $"{key.Name}.{path}", message);
        }
        return problems.Count > before ? null : options;
    }

    private static (string? Path, string Message) SplitPath(string problem)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        if (problem.StartsWith("connectors[", StringComparison.Ordinal) && colon > 0)
            return (problem[..colon], problem[(colon + 2)..]);
        var space = problem.IndexOf(' ', StringComparison.Ordinal);
        var head = space > 0 ? problem[..space].TrimEnd(':') : problem;
        return head is "host" or "replicas" or "connectors" or "rbac" || head.StartsWith("claims.", StringComparison.Ordinal)
            ? (head, problem)
            : (null, problem);
    }

    private static List<DexConnector>? ReadConnectors(Dictionary<string, JsonElement> fields, string path, ProblemCollector problems)
    {
        var listPath = $"{path}.connectors";
        const string example = """[{"id": "corp-ldap", "type": "ldap", "config": {"host": "ldap.example.com:636", ...}}]""";
        if (!fields.TryGetValue("connectors", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            problems.Add(listPath, $"is missing: Dex needs at least one upstream identity provider. Add e.g. \"connectors\": {example}.");
            return null;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(listPath, $"is {ConfigSyntax.Describe(list.ValueKind)}, not a list. Use e.g. {example}.");
            return null;
        }
        var connectors = new List<DexConnector>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = $"{listPath}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(itemPath, $"is {ConfigSyntax.Describe(item.ValueKind)}, not an object. Use e.g. {example}.");
                continue;
            }
            var entry = ConfigJson.Fields(item, itemPath, ConnectorFields, problems);
            var id = ConfigJson.String(entry, itemPath, "id", required: true, "\"corp-ldap\"", problems);
            var typeText = ConfigJson.String(entry, itemPath, "type", required: true, "\"ldap\"", problems);
            var name = ConfigJson.String(entry, itemPath, "name", required: false, "\"Corporate directory\"", problems);
            DexConnectorType? type = null;
            if (typeText is not null)
            {
                type = DexConnectors.Parse(typeText);
                if (type is null)
                    problems.Add($"{itemPath}.type", $"'{typeText}' is not a connector type. Use one of {string.Join(", ", Enum.GetValues<DexConnectorType>().Select(DexConnectors.TypeName))}.");
            }
            var settings = new Dictionary<string, object>(StringComparer.Ordinal);
            if (entry.TryGetValue("config", out var config) && config.ValueKind != JsonValueKind.Null)
            {
                if (config.ValueKind != JsonValueKind.Object)
                    problems.Add($"{itemPath}.config", $"is {ConfigSyntax.Describe(config.ValueKind)}, not an object of the connector's settings.");
                else
                    foreach (var property in ConfigJson.Properties(config, $"{itemPath}.config", problems).Where(p => p.Value.ValueKind != JsonValueKind.Null))
                        settings[property.Name] = Plain(property.Value);
            }
            if (id is not null && type is { } t)
                connectors.Add(new DexConnector { Id = id, Name = name, Type = t, Settings = settings });
        }
        return connectors;
    }

    private static (string? UsernameClaim, string? UsernamePrefix, string? GroupsClaim, string? GroupsPrefix) ReadClaims(
        Dictionary<string, JsonElement> fields, string path, ProblemCollector problems)
    {
        if (!fields.TryGetValue("claims", out var claims) || claims.ValueKind == JsonValueKind.Null) return (null, null, null, null);
        var claimsPath = $"{path}.claims";
        if (claims.ValueKind != JsonValueKind.Object)
        {
            problems.Add(claimsPath, $"is {ConfigSyntax.Describe(claims.ValueKind)}, not an object. Use e.g. {{\"username\": {{\"claim\": \"email\", \"prefix\": \"oidc:\"}}}}.");
            return (null, null, null, null);
        }
        var parts = ConfigJson.Fields(claims, claimsPath, ClaimsFields, problems);
        (string? Claim, string? Prefix) Read(string name)
        {
            if (!parts.TryGetValue(name, out var part) || part.ValueKind == JsonValueKind.Null) return (null, null);
            var partPath = $"{claimsPath}.{name}";
            if (part.ValueKind != JsonValueKind.Object)
            {
                problems.Add(partPath, $"is {ConfigSyntax.Describe(part.ValueKind)}, not an object of claim and prefix.");
                return (null, null);
            }
            var values = ConfigJson.Fields(part, partPath, ClaimFields, problems);
            return (ConfigJson.String(values, partPath, "claim", required: false, "\"email\"", problems),
                ConfigJson.String(values, partPath, "prefix", required: false, "\"oidc:\"", problems));
        }
        var username = Read("username");
        var groups = Read("groups");
        return (username.Claim, username.Prefix, groups.Claim, groups.Prefix);
    }

    private static Dictionary<string, GroupRole>? ReadRbac(Dictionary<string, JsonElement> fields, string path, ProblemCollector problems)
    {
        if (!fields.TryGetValue("rbac", out var rbac) || rbac.ValueKind == JsonValueKind.Null) return null;
        var rbacPath = $"{path}.rbac";
        if (rbac.ValueKind != JsonValueKind.Object)
        {
            problems.Add(rbacPath, $"is {ConfigSyntax.Describe(rbac.ValueKind)}, not a map of group to role. Use e.g. {{\"platform-admins\": \"cluster-admin\", \"developers\": \"edit\"}}.");
            return null;
        }
        var roles = new Dictionary<string, GroupRole>(StringComparer.Ordinal);
        foreach (var property in ConfigJson.Properties(rbac, rbacPath, problems))
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.String && Roles.TryGetValue(value.GetString()!, out var role))
                roles[property.Name] = role;
            else
                problems.Add(ConfigSyntax.PathSegment(rbacPath, property.Name),
                    $"{value.GetRawText()} is not a role the platform binds groups to. Use cluster-admin, edit or view (Kubernetes' user-facing ClusterRoles).");
        }
        return roles;
    }

    /// <summary>A JSON value as plain data: text, booleans, numbers (whole numbers as long), lists and maps.</summary>
    private static object Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(Plain).ToArray(),
        JsonValueKind.Object => value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        _ => "",
    };
}
