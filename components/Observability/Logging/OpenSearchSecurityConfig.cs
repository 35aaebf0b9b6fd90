using Platform.Components.Cluster.Kubeadm;

namespace Platform.Components.Observability.Logging;

/// <summary>
/// The OpenSearch security plugin's configuration (the files of <c>config/opensearch-security</c>): HTTP basic
/// authentication against the internal user database only (no anonymous access), the admin user (role
/// <c>all_access</c>), OpenSearch Dashboards' server user (the reserved role <c>kibana_server</c>) and one user per
/// <see cref="LoggingClients"/> client with a role of exactly what that client does. Users carry bcrypt hashes, never
/// passwords. A pure function: the layer writes its result into a Kubernetes Secret, which the nodes read on their
/// first start and <c>securityadmin.sh</c> applies on every change (<see cref="OpenSearchSetupJob"/>).
/// </summary>
/// <remarks>Permissions follow OpenSearch's documentation of the security plugin's default action groups and
/// permissions (https://docs.opensearch.org/latest/security/access-control/default-action-groups/ and
/// .../permissions/): <c>crud</c>/<c>write</c>/<c>create_index</c>/<c>read</c> are index action groups,
/// <c>cluster_monitor</c> and <c>cluster_composite_ops(_ro)</c> cluster ones; a bulk request needs the cluster
/// permission <c>indices:data/write/bulk</c> beside the write permission on every index it touches.</remarks>
public static class OpenSearchSecurityConfig
{
    /// <summary>The admin user: every permission (role <c>all_access</c>), the login to OpenSearch Dashboards.</summary>
    public const string AdminUser = "admin";

    /// <summary>OpenSearch Dashboards' server user (role <c>kibana_server</c>): its own system indices only.</summary>
    public const string DashboardsUser = "dashboards";

    /// <summary>The subject of the admin client certificate, the security plugin's <c>authcz.admin_dn</c>: the one
    /// identity <c>securityadmin.sh</c> may change the security index with.</summary>
    public const string AdminDn = "CN=opensearch-admin,OU=logging,O=platform";

    /// <summary>The subject of the nodes' transport certificate, the security plugin's <c>nodes_dn</c>: a peer
    /// presenting another certificate of the same CA is not taken for a node.</summary>
    public const string NodesDn = "CN=opensearch-node,OU=logging,O=platform";

    /// <summary>The files of the configuration, in the order they are written.</summary>
    public static IReadOnlyList<string> Files { get; } =
        ["config.yml", "internal_users.yml", "roles.yml", "roles_mapping.yml", "action_groups.yml", "tenants.yml", "nodes_dn.yml", "allowlist.yml"];

    /// <summary>Each client's role: its name, its cluster permissions and its index permissions (patterns and actions).</summary>
    public static IReadOnlyDictionary<string, OpenSearchRole> ClientRoles { get; } = new Dictionary<string, OpenSearchRole>(StringComparer.Ordinal)
    {
        // Fluent Bit's OpenSearch output: _bulk into logs-<date>, creating each day's index.
        [LoggingClients.FluentBit] = new("platform_fluent_bit", ["cluster_monitor", "indices:data/write/bulk"],
            [new(["logs-*"], ["create_index", "write", "indices:admin/mapping/put"])]),
        // Jaeger v2's OpenSearch storage: creates its index templates and daily indices, writes spans with _bulk, reads
        // them with _msearch, and asks for the cluster's version (GET /).
        [LoggingClients.Jaeger] = new("platform_jaeger",
            ["cluster_monitor", "cluster_composite_ops", "indices:admin/template/get", "indices:admin/template/put",
                "indices:admin/index_template/get", "indices:admin/index_template/put"],
            [new(["jaeger-*"], ["indices_all"])]),
        // Falcosidekick's Elasticsearch/OpenSearch output: one document per event into falco-<date>.
        [LoggingClients.Falcosidekick] = new("platform_falcosidekick", ["cluster_monitor", "indices:data/write/bulk"],
            [new(["falco-*"], ["create_index", "write", "indices:admin/mapping/put"])]),
        // Grafana's OpenSearch data source: _msearch queries, field mappings, index listing; read-only.
        [LoggingClients.Grafana] = new("platform_grafana", ["cluster_monitor", "cluster_composite_ops_ro"],
            [new(["logs-*", "jaeger-*", "falco-*"], ["read", "indices:admin/mappings/get", "indices:admin/get", "indices:admin/resolve/index"])]),
    };

    /// <summary>Every user the configuration defines: the admin, Dashboards' server user and one per client (named as
    /// the client).</summary>
    public static IReadOnlyList<string> Users { get; } = [AdminUser, DashboardsUser, .. ClientRoles.Keys];

    /// <summary>The role Dashboards keeps read-only (<c>opensearch_security.readonly_mode.roles</c>): the view groups'.</summary>
    public const string ReadOnlyRole = "kibana_read_only";

    /// <summary>The configuration's files by name (<see cref="Files"/>), YAML, for users with the bcrypt hashes of
    /// <paramref name="passwordHashes"/> (by user name: every one of <see cref="Users"/>). With <paramref name="login"/>, an
    /// OpenID Connect auth domain after the basic one (users from the identity provider, their groups as backend roles:
    /// admin groups to <c>all_access</c>, edit groups to <c>kibana_user</c> and <c>readall</c>, view groups to those and
    /// <see cref="ReadOnlyRole"/>), verifying the issuer with <paramref name="issuerCaPem"/> when it is the internal
    /// CA's.</summary>
    /// <exception cref="ArgumentException">A user is missing or extra, or a hash is not a bcrypt hash; or the login's
    /// issuer has a private CA and no PEM is given.</exception>
    public static IReadOnlyDictionary<string, string> Render(IReadOnlyDictionary<string, string> passwordHashes,
        Identity.OidcLogin? login = null, string? issuerCaPem = null)
    {
        ArgumentNullException.ThrowIfNull(passwordHashes);
        var missing = Users.Where(u => !passwordHashes.ContainsKey(u)).ToList();
        var extra = passwordHashes.Keys.Where(u => !Users.Contains(u)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new ArgumentException($"OpenSearch's users are {string.Join(", ", Users)}; missing: {string.Join(", ", missing)}; unknown: {string.Join(", ", extra)}.", nameof(passwordHashes));
        // Only the user names: the message never quotes a hash.
        var notBcrypt = passwordHashes.Where(kv => !IsBcrypt(kv.Value)).Select(kv => kv.Key).ToList();
        if (notBcrypt.Count > 0)
            throw new ArgumentException($"The password hashes of {string.Join(", ", notBcrypt)} are not bcrypt hashes ($2a$, $2b$ or $2y$, 60 characters).", nameof(passwordHashes));

        var users = new Dictionary<string, object?>(StringComparer.Ordinal) { ["_meta"] = Meta("internalusers") };
        users[AdminUser] = KubeadmYaml.Map(("hash", passwordHashes[AdminUser]), ("reserved", true), ("backend_roles", new[] { "admin" }),
            ("description", "The platform's admin (all_access); password in the stack output openSearchAdminPassword."));
        users[DashboardsUser] = KubeadmYaml.Map(("hash", passwordHashes[DashboardsUser]), ("reserved", true),
            ("description", "OpenSearch Dashboards' server user."));
        foreach (var client in ClientRoles.Keys)
            users[client] = KubeadmYaml.Map(("hash", passwordHashes[client]), ("reserved", true), ("description", $"The platform's {client} client."));

        if (login is { PrivateCa: true } && string.IsNullOrWhiteSpace(issuerCaPem))
            throw new ArgumentException("The identity provider's certificate is the internal CA's: its PEM is needed.", nameof(issuerCaPem));

        var roles = new Dictionary<string, object?>(StringComparer.Ordinal) { ["_meta"] = Meta("roles") };
        foreach (var role in ClientRoles.Values)
        {
            roles[role.Name] = KubeadmYaml.Map(
                ("reserved", true),
                ("cluster_permissions", role.ClusterPermissions.ToArray()),
                ("index_permissions", role.IndexPermissions
                    .Select(p => (object)KubeadmYaml.Map(("index_patterns", p.IndexPatterns.ToArray()), ("allowed_actions", p.AllowedActions.ToArray())))
                    .ToArray()));
        }

        var mapping = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["_meta"] = Meta("rolesmapping"),
            ["all_access"] = KubeadmYaml.Map(("reserved", true), ("users", new[] { AdminUser }), ("backend_roles", new[] { "admin" })),
            ["security_rest_api_access"] = KubeadmYaml.Map(("reserved", true), ("users", new[] { AdminUser })),
            ["kibana_server"] = KubeadmYaml.Map(("reserved", true), ("users", new[] { DashboardsUser })),
        };
        foreach (var (client, role) in ClientRoles)
            mapping[role.Name] = KubeadmYaml.Map(("reserved", true), ("users", new[] { client }));
        if (login is not null)
        {
            // The identity provider's groups arrive as backend roles (roles_key); kibana_user and readall are the plugin's
            // static roles (Dashboards' saved objects and every index's read), kibana_read_only Dashboards' read-only mode.
            var readers = login.EditGroups.Concat(login.ViewGroups).Distinct(StringComparer.Ordinal).ToArray();
            mapping["all_access"] = KubeadmYaml.Map(("reserved", true), ("users", new[] { AdminUser }),
                ("backend_roles", new[] { "admin" }.Concat(login.AdminGroups).Distinct(StringComparer.Ordinal).ToArray()));
            mapping["security_rest_api_access"] = KubeadmYaml.Map(("reserved", true), ("users", new[] { AdminUser }), ("backend_roles", login.AdminGroups.ToArray()));
            mapping["kibana_user"] = KubeadmYaml.Map(("reserved", true), ("backend_roles", readers));
            mapping["readall"] = KubeadmYaml.Map(("reserved", true), ("backend_roles", readers));
            mapping[ReadOnlyRole] = KubeadmYaml.Map(("reserved", true), ("backend_roles", login.ViewGroups.ToArray()));
            roles[ReadOnlyRole] = KubeadmYaml.Map(("reserved", true), ("description", "Dashboards' read-only mode (the view groups)."));
        }

        var basicInternal = KubeadmYaml.Map(
            ("description", "HTTP basic authentication against the internal user database"),
            ("http_enabled", true),
            ("transport_enabled", true),
            ("order", 0),
            // With the OpenID domain behind it, no challenge: Dashboards' login page offers both, and a request without
            // credentials falls through to the token check (the plugin's documented pairing).
            ("http_authenticator", KubeadmYaml.Map(("type", "basic"), ("challenge", login is null))),
            ("authentication_backend", KubeadmYaml.Map(("type", "intern"))));
        var authc = KubeadmYaml.Map(("basic_internal_auth_domain", basicInternal));
        if (login is not null)
            authc["openid_auth_domain"] = OpenIdDomain(login, issuerCaPem);
        var dynamic = KubeadmYaml.Map(
            ("http", KubeadmYaml.Map(("anonymous_auth_enabled", false))),
            ("authc", authc));
        var config = KubeadmYaml.Map(("_meta", Meta("config")), ("config", KubeadmYaml.Map(("dynamic", dynamic))));

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["config.yml"] = KubeadmYaml.Serialize(config),
            ["internal_users.yml"] = KubeadmYaml.Serialize(users),
            ["roles.yml"] = KubeadmYaml.Serialize(roles),
            ["roles_mapping.yml"] = KubeadmYaml.Serialize(mapping),
            ["action_groups.yml"] = KubeadmYaml.Serialize(KubeadmYaml.Map(("_meta", Meta("actiongroups")))),
            ["tenants.yml"] = KubeadmYaml.Serialize(KubeadmYaml.Map(("_meta", Meta("tenants")))),
            ["nodes_dn.yml"] = KubeadmYaml.Serialize(KubeadmYaml.Map(("_meta", Meta("nodesdn")))),
            ["allowlist.yml"] = KubeadmYaml.Serialize(KubeadmYaml.Map(("_meta", Meta("allowlist")), ("config", KubeadmYaml.Map(("enabled", false))))),
        };
    }

    /// <summary>The OpenID Connect auth domain: the identity provider's ID tokens (from Dashboards), the user named by the
    /// <c>email</c> claim, the groups claim as backend roles, the keys from the issuer's discovery document, TLS to it
    /// verified (against the internal CA inline, <c>pemtrustedcas_content</c>, when it is the issuer's).</summary>
    private static Dictionary<string, object?> OpenIdDomain(Identity.OidcLogin login, string? caPem)
    {
        var idp = KubeadmYaml.Map(("enable_ssl", true), ("verify_hostnames", true));
        if (login.PrivateCa) idp["pemtrustedcas_content"] = caPem!;
        return KubeadmYaml.Map(
            ("description", "OpenID Connect through the platform's identity provider"),
            ("http_enabled", true),
            ("transport_enabled", true),
            ("order", 1),
            ("http_authenticator", KubeadmYaml.Map(
                ("type", "openid"),
                ("challenge", false),
                ("config", KubeadmYaml.Map(
                    ("subject_key", "email"),
                    ("roles_key", login.GroupsClaim),
                    ("openid_connect_url", $"{login.IssuerUrl}/.well-known/openid-configuration"),
                    ("openid_connect_idp", idp))))),
            ("authentication_backend", KubeadmYaml.Map(("type", "noop"))));
    }

    private static Dictionary<string, object?> Meta(string type) => KubeadmYaml.Map(("type", type), ("config_version", 2));

    // bcrypt's modular crypt format: $2a$/$2b$/$2y$, a two-digit cost, then 53 characters of salt and hash.
    private static bool IsBcrypt(string hash) => hash.Length == 60 && hash[0] == '$' && hash[1] == '2' && hash[2] is 'a' or 'b' or 'y' && hash[3] == '$';
}
