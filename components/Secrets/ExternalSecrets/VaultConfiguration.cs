using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Batch.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Platform.Components.Secrets.ExternalSecrets;

/// <summary>
/// What the vault-config Job applies to Vault (or OpenBao) for the External Secrets Operator, and the Job itself. The Job
/// runs <see cref="Script"/> in the server's namespace as its setup ServiceAccount, logs in with the setup role over TLS
/// verified against the server's CA, and then, reading before every write:
/// <list type="bullet">
/// <item>enables the <c>file</c> audit device at <c>file/</c> writing to <c>stdout</c> (Vault's documented keyword:
/// https://developer.hashicorp.com/vault/docs/commands/audit/enable), so the audit log is the server's container log,
/// which Fluent Bit ships with the others when log shipping is on. OpenBao (2.4 and later) refuses API-created audit
/// devices unless its configuration sets <c>unsafe_allow_api_audit_creation</c>
/// (https://openbao.org/docs/configuration/audit): there the device belongs in the server's configuration
/// (<see cref="OpenBaoAuditStanza"/>), and the Job only says so when it is missing;</item>
/// <item>mounts the KV version 2 engine at <see cref="KvMount"/>;</item>
/// <item>writes the policy and Kubernetes-auth role of the operator's own ServiceAccount (<see cref="OperatorRole"/>,
/// reading <c>secret/data/platform/*</c>) and one policy and role per team (<see cref="SecretTenant.RoleName"/>:
/// its own <c>secret/data/tenants/&lt;team&gt;/*</c> and <c>database/tenants/&lt;team&gt;/creds/*</c>, bound to the
/// <see cref="TenantServiceAccount"/> of the team's namespaces only);</item>
/// <item>deletes the roles and policies named <see cref="RolePrefix"/> of teams no longer configured (their secrets
/// stay in the engine).</item>
/// </list>
/// The pod template carries a checksum of everything the Job applies (<see cref="ChecksumAnnotation"/>), so a change
/// replaces the Job and the new one runs; an unchanged configuration keeps the Job that ran.
/// </summary>
public static class VaultConfiguration
{
    /// <summary>The Job's name (and its pods' <c>app.kubernetes.io/name</c>).</summary>
    public const string JobName = "vault-config";

    /// <summary>The ConfigMap with the script, the policies, the roles and the CA.</summary>
    public const string ConfigMapName = "vault-config";

    /// <summary>The pod template annotation holding the checksum of what the Job applies.</summary>
    public const string ChecksumAnnotation = "platform.io/configuration-checksum";

    /// <summary>The key of the script in <see cref="ConfigMapName"/>.</summary>
    public const string ScriptKey = "vault-config.sh";

    /// <summary>The key of the server's CA certificate in <see cref="ConfigMapName"/>.</summary>
    public const string CaKey = "ca.crt";

    /// <summary>The mount path of the KV version 2 engine.</summary>
    public const string KvMount = "secret";

    /// <summary>The path under <see cref="KvMount"/> that the platform's ClusterSecretStore reads.</summary>
    public const string PlatformKvPath = "platform";

    /// <summary>The audience of every token the operator presents to Vault; each role of this Job requires it, so a token
    /// for the API server (or anything else) is not accepted.</summary>
    public const string Audience = "vault";

    /// <summary>The policy and role of the operator's ServiceAccount.</summary>
    public const string OperatorRole = "external-secrets";

    /// <summary>The prefix of the per-team policies and roles, which belong to the platform: the Job deletes those of
    /// teams that are gone.</summary>
    public const string RolePrefix = "tenant-";

    /// <summary>The ServiceAccount in each team namespace whose tokens the team's SecretStore logs in with.</summary>
    public const string TenantServiceAccount = "vault-secrets";

    /// <summary>How long a token of the operator's and the teams' roles lives: 10 minutes (the operator logs in again
    /// for every sync; a leaked token expires soon).</summary>
    public const int TokenTtlSeconds = 600;

    /// <summary>The OpenBao configuration stanza for the audit device this Job enables on Vault (OpenBao creates audit
    /// devices only from its configuration).</summary>
    public const string OpenBaoAuditStanza = """
        audit "file" "file" {
          options {
            file_path = "stdout"
          }
        }
        """;

    /// <summary>The script (<c>vault-config.sh</c>, POSIX sh), read from the assembly.</summary>
    public static string Script { get; } = Load();

    /// <summary>The policies by name: the operator's and one per team.</summary>
    public static IReadOnlyDictionary<string, string> Policies(IReadOnlyList<SecretTenant> tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var policies = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [OperatorRole] = $$"""
                # The External Secrets Operator's own ServiceAccount (the ClusterSecretStore of platform namespaces): read only.
                path "{{KvMount}}/data/{{PlatformKvPath}}/*" {
                  capabilities = ["read"]
                }
                path "{{KvMount}}/metadata/{{PlatformKvPath}}/*" {
                  capabilities = ["read", "list"]
                }
                """,
        };
        foreach (var tenant in tenants)
        {
            policies[tenant.RoleName] = $$"""
                # Team {{tenant.Key}}: its own paths and nothing else (namespaces {{string.Join(", ", tenant.Namespaces)}}).
                path "{{KvMount}}/data/{{tenant.KvPath}}/*" {
                  capabilities = ["create", "read", "update", "delete"]
                }
                path "{{KvMount}}/metadata/{{tenant.KvPath}}/*" {
                  capabilities = ["read", "list", "delete"]
                }
                path "{{tenant.DatabaseMount}}/creds/*" {
                  capabilities = ["read"]
                }
                """;
        }
        return policies.ToDictionary(kv => kv.Key, kv => kv.Value.ReplaceLineEndings("\n") + "\n", StringComparer.Ordinal);
    }

    /// <summary>The Kubernetes-auth roles by name, each as its <c>field=value</c> lines (lists comma-separated, durations
    /// in seconds): what the Job writes and compares with the server's.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles(IReadOnlyList<SecretTenant> tenants, string operatorNamespace)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var roles = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [OperatorRole] = Role(ExternalSecretsValues.ControllerServiceAccount, [operatorNamespace], OperatorRole),
        };
        foreach (var tenant in tenants)
            roles[tenant.RoleName] = Role(TenantServiceAccount, tenant.Namespaces, tenant.RoleName);
        return roles;
    }

    private static IReadOnlyList<string> Role(string serviceAccount, IReadOnlyList<string> namespaces, string policy) =>
    [
        $"bound_service_account_names={serviceAccount}",
        $"bound_service_account_namespaces={string.Join(",", namespaces)}",
        $"audience={Audience}",
        $"token_policies={policy}",
        $"token_ttl={TokenTtlSeconds.ToString(CultureInfo.InvariantCulture)}",
        $"token_max_ttl={TokenTtlSeconds.ToString(CultureInfo.InvariantCulture)}",
    ];

    /// <summary>The ConfigMap's files but the CA: the script, <c>policy-&lt;name&gt;.hcl</c> and <c>role-&lt;name&gt;</c>.</summary>
    public static IReadOnlyDictionary<string, string> Files(IReadOnlyList<SecretTenant> tenants, string operatorNamespace)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal) { [ScriptKey] = Script };
        foreach (var (name, policy) in Policies(tenants)) files[$"policy-{name}.hcl"] = policy;
        foreach (var (name, lines) in Roles(tenants, operatorNamespace)) files[$"role-{name}"] = string.Join("\n", lines) + "\n";
        return files;
    }

    /// <summary>SHA-256 over every file, the CA and the server's settings the Job uses: the same configuration always
    /// gives the same checksum.</summary>
    public static string Checksum(IReadOnlyDictionary<string, string> files, string caPem, VaultServer server)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(server);
        var text = new StringBuilder();
        foreach (var (name, content) in files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append(name).Append('\0').Append(content).Append('\0');
        text.Append(CaKey).Append('\0').Append(caPem).Append('\0')
            .Append(string.Join('\0', server.Address, server.OpenBao ? "bao" : "vault", server.CliImage, server.KubernetesAuthMount, server.SetupServiceAccount, server.SetupRole));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The Job's arguments for <paramref name="server"/>, its pod template annotated with
    /// <paramref name="checksum"/>. Never deleted by a TTL: Pulumi would create it again on the next update.</summary>
    internal static JobArgs Args(VaultServer server, Input<string> checksum)
    {
        ArgumentNullException.ThrowIfNull(server);
        var cli = server.OpenBao ? "bao" : "vault";
        var labels = new InputMap<string> { { "app.kubernetes.io/name", JobName } };
        return new JobArgs
        {
            Metadata = new ObjectMetaArgs { Name = JobName, Namespace = server.Namespace, Labels = labels },
            Spec = new JobSpecArgs
            {
                BackoffLimit = 6,
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = labels, Annotations = { { ChecksumAnnotation, checksum } } },
                    Spec = new PodSpecArgs
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = server.SetupServiceAccount,
                        // The ServiceAccount's token (the API server's audience, bound to the pod) is what the Job logs
                        // in with: the setup role is the secret-management layer's.
                        AutomountServiceAccountToken = true,
                        // The vault and openbao users of the servers' images.
                        SecurityContext = RestrictedSecurityContext.PodArgs(100, 1000),
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = "configure",
                                Image = server.CliImage,
                                Command = { "/bin/sh", $"/config/{ScriptKey}" },
                                Env =
                                {
                                    Env("VAULT_CLI", cli),
                                    Env("VAULT_ADDR", server.Address),
                                    Env("VAULT_CACERT", $"/config/{CaKey}"),
                                    Env("BAO_ADDR", server.Address),
                                    Env("BAO_CACERT", $"/config/{CaKey}"),
                                    Env("AUTH_MOUNT", server.KubernetesAuthMount),
                                    Env("SETUP_ROLE", server.SetupRole),
                                    Env("TOKEN_FILE", "/var/run/secrets/kubernetes.io/serviceaccount/token"),
                                    Env("KV_MOUNT", KvMount),
                                    Env("ROLE_PREFIX", RolePrefix),
                                    Env("CONFIG_DIR", "/config"),
                                    Env("HOME", "/tmp"),
                                },
                                Resources = new ResourceRequirementsArgs
                                {
                                    Requests = { { "cpu", "10m" }, { "memory", "32Mi" } },
                                    Limits = { { "memory", "128Mi" } },
                                },
                                SecurityContext = RestrictedSecurityContext.ContainerArgs(),
                                VolumeMounts =
                                {
                                    new VolumeMountArgs { Name = "config", MountPath = "/config", ReadOnly = true },
                                    new VolumeMountArgs { Name = "tmp", MountPath = "/tmp" },
                                },
                            },
                        },
                        Volumes =
                        {
                            new VolumeArgs { Name = "config", ConfigMap = new ConfigMapVolumeSourceArgs { Name = ConfigMapName } },
                            new VolumeArgs { Name = "tmp", EmptyDir = new EmptyDirVolumeSourceArgs() },
                        },
                    },
                },
            },
        };
    }

    private static EnvVarArgs Env(string name, string value) => new() { Name = name, Value = value };

    private static string Load()
    {
        using var stream = typeof(VaultConfiguration).Assembly.GetManifestResourceStream("Platform.Components.Secrets.ExternalSecrets.vault-config.sh")
            ?? throw new InvalidOperationException("The embedded vault-config.sh is missing.");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
        return reader.ReadToEnd();
    }
}
