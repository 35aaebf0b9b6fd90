using System.Globalization;
using System.Text;

namespace Platform.Components.Secrets;

/// <summary>The Job that initialises the server once and sets up the Kubernetes auth role the setup Jobs log in with
/// (<see cref="Script"/>, <c>vault-init.sh</c>): <c>operator init</c> with every share encrypted to a key holder's PGP
/// key, the root token only in the pod's memory until it is revoked, and nothing at all on an initialised, set-up server.
/// It runs the server's own image (its CLI) as <see cref="VaultServer.SetupServiceAccount"/>.</summary>
public static class VaultInit
{
    /// <summary>Where the Job mounts the PGP keys ConfigMap.</summary>
    public const string PgpKeysDir = "/etc/vault-init/pgp-keys";

    /// <summary>Where the Job mounts the cluster CA ConfigMap.</summary>
    public const string CaDir = "/etc/vault-init/ca";

    /// <summary>How long a Shamir init waits for its key holders to unseal: 24 hours (the Job's deadline is a little
    /// longer). Transit unseals within seconds; it waits 10 minutes.</summary>
    public static int WaitSeconds(VaultUnsealMode mode) => mode == VaultUnsealMode.Shamir ? 86_400 : 600;

    /// <summary>The script (POSIX sh), read from the assembly.</summary>
    public static string Script { get; } = Load();

    /// <summary>The setup role's policy: manage auth methods (and their roles), ACL policies, secrets engines (mounts and
    /// their <c>config</c> and <c>roles</c> paths) and audit devices; nothing of <c>sys/raft</c>, <c>sys/seal</c>,
    /// <c>sys/generate-root</c> or <c>sys/rekey</c>, and no secret data.</summary>
    public const string SetupPolicy = """
        path "sys/auth" {
          capabilities = ["read"]
        }
        path "sys/auth/*" {
          capabilities = ["create", "read", "update", "delete", "sudo"]
        }
        path "auth/*" {
          capabilities = ["create", "read", "update", "delete", "list"]
        }
        path "sys/policies/acl" {
          capabilities = ["list"]
        }
        path "sys/policies/acl/*" {
          capabilities = ["create", "read", "update", "delete", "list"]
        }
        path "sys/mounts" {
          capabilities = ["read"]
        }
        path "sys/mounts/*" {
          capabilities = ["create", "read", "update", "delete"]
        }
        path "+/config" {
          capabilities = ["create", "read", "update", "delete", "list"]
        }
        path "+/config/*" {
          capabilities = ["create", "read", "update", "delete", "list"]
        }
        path "+/roles/*" {
          capabilities = ["create", "read", "update", "delete", "list"]
        }
        path "+/rotate-root/*" {
          capabilities = ["update"]
        }
        path "sys/audit" {
          capabilities = ["read", "sudo"]
        }
        path "sys/audit/*" {
          capabilities = ["create", "read", "update", "delete", "sudo"]
        }
        """;

    /// <summary>The Job's environment (beside the CLI's address and CA variables), by name.</summary>
    public static IReadOnlyDictionary<string, string> Environment(VaultServer server, VaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        var distribution = server.OpenBao ? VaultDistribution.OpenBao : VaultDistribution.Vault;
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["CLI"] = VaultNames.Cli(distribution),
            ["UNSEAL_MODE"] = options.Unseal == VaultUnsealMode.Shamir ? "shamir" : "transit",
            ["PGP_KEY_FILES"] = string.Join(',', Enumerable.Range(1, options.PgpKeys.Count).Select(i => $"{PgpKeysDir}/{PgpKeyName(i)}")),
            ["THRESHOLD"] = options.EffectiveThreshold.ToString(CultureInfo.InvariantCulture),
            ["AUTH_MOUNT"] = server.KubernetesAuthMount,
            ["SETUP_POLICY"] = SetupPolicy,
            ["SETUP_ROLE"] = server.SetupRole,
            ["SETUP_ACCOUNT"] = server.SetupServiceAccount,
            ["NAMESPACE"] = server.Namespace,
            ["WAIT_SECONDS"] = WaitSeconds(options.Unseal).ToString(CultureInfo.InvariantCulture),
            ["TMPDIR"] = "/tmp",
        };
    }

    /// <summary>The ConfigMap key of PGP key <paramref name="position"/> (from 1).</summary>
    public static string PgpKeyName(int position) => string.Create(CultureInfo.InvariantCulture, $"key-{position}");

    /// <summary>The Job's name: <c>vault-init-</c> and 10 hex digits of the SHA-256 of the script, its environment and the
    /// PGP keys, so a change of any is a new Job (which, on an initialised server, only checks the setup).</summary>
    public static string JobName(VaultServer server, VaultOptions options)
    {
        var text = new StringBuilder(Script);
        foreach (var (key, value) in Environment(server, options)) text.Append('\n').Append(key).Append('=').Append(value);
        foreach (var key in options.PgpKeys) text.Append('\n').Append(key);
        return "vault-init-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..10];
    }

    private static string Load()
    {
        using var stream = typeof(VaultInit).Assembly.GetManifestResourceStream("Platform.Components.Secrets.vault-init.sh")
            ?? throw new InvalidOperationException("The embedded vault-init.sh is missing.");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
        return reader.ReadToEnd();
    }
}
