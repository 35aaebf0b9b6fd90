using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Platform.Components.Observability;
using Platform.Components.Observability.Logging;
using Platform.Tests.Validation;

namespace Platform.Tests.Observability.Logging;

/// <summary>The security plugin's files, decoded as OpenSearch reads them: every user with its bcrypt hash, each client's
/// role with exactly its indices, the role mappings, basic authentication only.</summary>
public class OpenSearchSecurityConfigTests
{
    private sealed record Meta([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("config_version")] int ConfigVersion);

    private sealed record InternalUser(
        [property: JsonPropertyName("hash")] string Hash,
        [property: JsonPropertyName("reserved")] bool Reserved,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("backend_roles")] string[]? BackendRoles = null);

    private sealed record IndexPermission(
        [property: JsonPropertyName("index_patterns")] string[] IndexPatterns,
        [property: JsonPropertyName("allowed_actions")] string[] AllowedActions);

    private sealed record Role(
        [property: JsonPropertyName("reserved")] bool Reserved,
        [property: JsonPropertyName("cluster_permissions")] string[] ClusterPermissions,
        [property: JsonPropertyName("index_permissions")] IndexPermission[] IndexPermissions);

    private sealed record RoleMapping(
        [property: JsonPropertyName("reserved")] bool Reserved,
        [property: JsonPropertyName("users")] string[] Users,
        [property: JsonPropertyName("backend_roles")] string[]? BackendRoles = null);

    internal static Dictionary<string, string> Hashes() => OpenSearchSecurityConfig.Users.ToDictionary(
        u => u, u => "$2a$10$" + new string((u + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")[..53].Replace('-', '.')));

    private static Dictionary<string, T> Entries<T>(string yaml, string metaType)
    {
        var document = KubeYaml.Single(yaml)!.AsObject();
        Assert.Equal(new Meta(metaType, 2), StrictJson.Decode<Meta>(document["_meta"]));
        return document.Where(kv => kv.Key != "_meta").ToDictionary(kv => kv.Key, kv => StrictJson.Decode<T>(kv.Value));
    }

    [Fact]
    public void Every_user_has_its_bcrypt_hash_and_no_password()
    {
        var hashes = Hashes();
        var files = OpenSearchSecurityConfig.Render(hashes);

        Assert.Equal(OpenSearchSecurityConfig.Files, files.Keys);
        var users = Entries<InternalUser>(files["internal_users.yml"], "internalusers");
        Assert.Equal(["admin", "dashboards", "fluent-bit", "jaeger", "falcosidekick", "grafana"], users.Keys);
        Assert.All(users, kv => Assert.Equal(hashes[kv.Key], kv.Value.Hash));
        Assert.All(users.Values, u => Assert.True(u.Reserved));
        Assert.Equal(["admin"], users["admin"].BackendRoles!);
    }

    [Fact]
    public void Each_client_may_do_exactly_what_it_does_on_its_own_indices()
    {
        var files = OpenSearchSecurityConfig.Render(Hashes());
        var roles = Entries<Role>(files["roles.yml"], "roles");
        var mapping = Entries<RoleMapping>(files["roles_mapping.yml"], "rolesmapping");

        Assert.Equal(["logs-*"], Assert.Single(roles["platform_fluent_bit"].IndexPermissions).IndexPatterns);
        Assert.Contains("write", Assert.Single(roles["platform_fluent_bit"].IndexPermissions).AllowedActions);
        Assert.Contains("indices:data/write/bulk", roles["platform_fluent_bit"].ClusterPermissions);
        Assert.Equal(["jaeger-*"], Assert.Single(roles["platform_jaeger"].IndexPermissions).IndexPatterns);
        Assert.Contains("indices:admin/index_template/put", roles["platform_jaeger"].ClusterPermissions);
        Assert.Equal(["falco-*"], Assert.Single(roles["platform_falcosidekick"].IndexPermissions).IndexPatterns);
        var grafana = Assert.Single(roles["platform_grafana"].IndexPermissions);
        Assert.Equal(["logs-*", "jaeger-*", "falco-*"], grafana.IndexPatterns);
        // Grafana reads only: no write, create or delete action anywhere in its role.
        Assert.DoesNotContain(grafana.AllowedActions, a => a.Contains("write", StringComparison.Ordinal) || a.Contains("create", StringComparison.Ordinal) || a.Contains("delete", StringComparison.Ordinal) || a == "indices_all");
        Assert.DoesNotContain(roles["platform_grafana"].ClusterPermissions, p => p.Contains("write", StringComparison.Ordinal));
        // Every client's user is mapped to its role alone, the admin to all_access, Dashboards to kibana_server.
        foreach (var (client, role) in OpenSearchSecurityConfig.ClientRoles)
            Assert.Equal([client], mapping[role.Name].Users);
        Assert.Equal(["admin"], mapping["all_access"].Users);
        Assert.Equal(["dashboards"], mapping["kibana_server"].Users);
        Assert.Equal(LoggingClients.Namespaces.Keys.Order(), OpenSearchSecurityConfig.ClientRoles.Keys.Order());
    }

    [Fact]
    public void Only_basic_authentication_against_the_internal_users_and_no_anonymous_access()
    {
        var config = KubeYaml.Single(OpenSearchSecurityConfig.Render(Hashes())["config.yml"])!;
        var dynamic = config["config"]!["dynamic"]!;

        Assert.False(dynamic["http"]!["anonymous_auth_enabled"]!.GetValue<bool>());
        var domain = Assert.Single(dynamic["authc"]!.AsObject());
        Assert.Equal("basic", domain.Value!["http_authenticator"]!["type"]!.GetValue<string>());
        Assert.Equal("intern", domain.Value["authentication_backend"]!["type"]!.GetValue<string>());
        Assert.Equal("allowlist", KubeYaml.Single(OpenSearchSecurityConfig.Render(Hashes())["allowlist.yml"])!["_meta"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void A_plain_password_or_a_missing_user_is_refused_without_quoting_it()
    {
        var plain = Hashes();
        plain["jaeger"] = "correct horse battery staple";
        var error = Assert.Throws<ArgumentException>(() => OpenSearchSecurityConfig.Render(plain));
        Assert.Contains("jaeger", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("horse", error.Message, StringComparison.Ordinal);

        var missing = Hashes();
        missing.Remove("grafana");
        Assert.Contains("missing: grafana", Assert.Throws<ArgumentException>(() => OpenSearchSecurityConfig.Render(missing)).Message, StringComparison.Ordinal);
    }
}
