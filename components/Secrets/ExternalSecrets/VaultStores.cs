using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Secrets.ExternalSecrets;

/// <summary>The External Secrets Operator's stores for the platform's Vault, as the <c>spec</c> of each object (pure
/// functions; the layer registers them). Isolation is Vault's: every store logs in with the Kubernetes auth method as a
/// ServiceAccount whose role allows one set of paths, so what an ExternalSecret can read is decided by the store it names
/// and the token that store presents, never by the operator's own rights.
/// <list type="bullet">
/// <item>One SecretStore <see cref="TenantStoreName"/> per team namespace, logging in as that namespace's
/// <see cref="VaultConfiguration.TenantServiceAccount"/> with the team's role: a namespaced store can be used only by
/// ExternalSecrets of its namespace, and Vault binds the team's role to the team's namespaces, so a store another team
/// writes in its own namespace naming this team's role is refused at login.</item>
/// <item>One ClusterSecretStore <see cref="PlatformStoreName"/> for the platform's own namespaces, logging in as the
/// operator's ServiceAccount (reads <c>secret/data/platform/*</c>), usable only from namespaces without the
/// <c>platform/tenant</c> label (its <c>conditions</c>): a team namespace cannot name it, and teams cannot label their
/// namespaces (the ClusterRole <c>edit</c> has no rights on Namespace objects).</item>
/// </list>
/// A single ClusterSecretStore for everyone would read with one token for every namespace, so any team could read any
/// other's paths: not an option.</summary>
public static class VaultStores
{
    /// <summary>The API version of the stores (the one version the CRDs serve).</summary>
    public const string ApiVersion = "external-secrets.io/v1";

    /// <summary>The name of each team namespace's SecretStore.</summary>
    public const string TenantStoreName = "vault";

    /// <summary>The name of the platform namespaces' ClusterSecretStore.</summary>
    public const string PlatformStoreName = "vault-platform";

    /// <summary>The ConfigMap with the server's CA (<see cref="VaultConfiguration.CaKey"/>) beside every store.</summary>
    public const string CaConfigMap = "vault-ca";

    /// <summary>The spec of the SecretStore of one of <paramref name="tenant"/>'s namespaces.</summary>
    public static Dictionary<string, object> TenantStore(VaultServer server, SecretTenant tenant)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(tenant);
        return Map(("provider", Map(("vault", Vault(server, tenant.RoleName,
            Map(("name", VaultConfiguration.TenantServiceAccount), ("audiences", new object[] { VaultConfiguration.Audience })),
            Map(("type", "ConfigMap"), ("name", CaConfigMap), ("key", VaultConfiguration.CaKey)))))));
    }

    /// <summary>The spec of the ClusterSecretStore of the platform's namespaces; the operator runs in
    /// <paramref name="operatorNamespace"/>.</summary>
    public static Dictionary<string, object> PlatformStore(VaultServer server, string operatorNamespace)
    {
        ArgumentNullException.ThrowIfNull(server);
        return Map(
            ("provider", Map(("vault", Vault(server, VaultConfiguration.OperatorRole,
                Map(("name", ExternalSecretsValues.ControllerServiceAccount), ("namespace", operatorNamespace), ("audiences", new object[] { VaultConfiguration.Audience })),
                Map(("type", "ConfigMap"), ("name", CaConfigMap), ("namespace", operatorNamespace), ("key", VaultConfiguration.CaKey)))))),
            ("conditions", new object[]
            {
                Map(("namespaceSelector", Map(("matchExpressions", new object[]
                {
                    Map(("key", Tenancy.TenantNamespace.TenantLabel), ("operator", "DoesNotExist")),
                })))),
            }));
    }

    private static Dictionary<string, object> Vault(VaultServer server, string role, Dictionary<string, object> serviceAccount, Dictionary<string, object> ca) => Map(
        ("server", server.Address),
        ("path", VaultConfiguration.KvMount),
        ("version", "v2"),
        ("caProvider", ca),
        ("auth", Map(("kubernetes", Map(
            ("mountPath", server.KubernetesAuthMount),
            ("role", role),
            ("serviceAccountRef", serviceAccount))))));
}
