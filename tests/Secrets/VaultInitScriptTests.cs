using System.Diagnostics;
using System.Runtime.Versioning;
using Platform.Components.Secrets;
using Platform.Tests.Harness;

namespace Platform.Tests.Secrets;

/// <summary>The init Job's script (<see cref="VaultInit.Script"/>) passes shellcheck and, run against a fake <c>vault</c>
/// CLI that keeps a server's state in files, initialises once with the shares encrypted to the PGP keys, never puts the
/// root token on a command line or in its output, sets up the Kubernetes auth role, revokes the token, and changes
/// nothing when run again.</summary>
[UnsupportedOSPlatform("windows")]
public class VaultInitScriptTests
{
    private const string RootToken = "hvs.ROOT-TOKEN-0123456789";

    // A Vault CLI for one server whose state is files in $FAKE_VAULT: `initialized`, `sealed` (Shamir: the key holders'
    // unseal is simulated by the third status call after init), `auth-kubernetes`, `role`, `policy`, `revoked`. Every
    // call's argv goes to `argv`, with the token it was given in `tokens`.
    private const string FakeVault = """
        #!/bin/sh
        state="$FAKE_VAULT"
        printf '%s\n' "$*" >> "$state/argv"
        printf '%s\n' "${VAULT_TOKEN:-}" >> "$state/tokens"
        privileged() {
          if [ "${VAULT_TOKEN:-}" != "$ROOT" ] || [ -e "$state/revoked" ]; then echo "permission denied" >&2; exit 2; fi
        }
        case "$1 $2" in
          "status -format=json")
            if [ ! -e "$state/initialized" ]; then printf '{\n  "initialized": false,\n  "sealed": true\n}\n'; exit 2; fi
            if [ -e "$state/sealed" ]; then
              n=$(cat "$state/sealed"); if [ "$n" -le 1 ]; then rm "$state/sealed"; else echo $((n - 1)) > "$state/sealed"; fi
              printf '{\n  "initialized": true,\n  "sealed": true\n}\n'; exit 2
            fi
            printf '{\n  "initialized": true,\n  "sealed": false\n}\n'; exit 0 ;;
          "operator init")
            : > "$state/initialized"
            case "$*" in *-key-shares=*) echo 3 > "$state/sealed" ;; esac
            printf '{\n  "unseal_keys_b64": [\n    "wcBMA-share-one==",\n    "wcBMA-share-two==",\n    "wcBMA-share-three=="\n  ],\n  "unseal_keys_hex": [],\n  "recovery_keys_b64": [],\n  "root_token": "%s"\n}\n' "$ROOT"
            exit 0 ;;
          "auth list") privileged; printf '{\n  "token/": {}\n}\n'; [ -e "$state/auth-kubernetes" ] && printf '{ "kubernetes/": {} }\n'; exit 0 ;;
          "auth enable") privileged; : > "$state/auth-kubernetes"; exit 0 ;;
          "policy write") privileged; cat > "$state/policy"; exit 0 ;;
          "token revoke") privileged; : > "$state/revoked"; exit 0 ;;
          "write -field=token")
            if [ -e "$state/role" ] && [ -e "$state/auth-kubernetes" ]; then echo "hvs.setup"; exit 0; fi
            echo "invalid role" >&2; exit 2 ;;
          "write auth/kubernetes/config") privileged; printf '%s\n' "$*" > "$state/config"; exit 0 ;;
          "write auth/kubernetes/role/platform-setup") privileged; printf '%s\n' "$*" > "$state/role"; exit 0 ;;
        esac
        echo "fake vault: unexpected call: $*" >&2
        exit 1
        """;

    private static VaultServer Server() => new()
    {
        Address = "https://vault-active.vault.svc:8200",
        CaCertificatePem = Pulumi.Output.Create(""),
        CliImage = VaultImages.Vault,
        Configurable = false,
        Ready = null!,
    };

    [Fact]
    public void The_script_passes_shellcheck()
    {
        var findings = ShellCheck.Findings(VaultInit.Script);
        Assert.True(findings.Length == 0, findings);
    }

    [Fact]
    public void A_first_run_initialises_with_encrypted_shares_sets_up_the_role_and_revokes_the_root_token()
    {
        using var vault = new Fake();
        var first = vault.Run(new VaultOptions { PgpKeys = SecretKeys.Pgp, Threshold = 2 });
        Assert.True(first.Exit == 0, first.Output);

        var init = Assert.Single(vault.Calls(), c => c.StartsWith("operator init", StringComparison.Ordinal));
        Assert.Equal("operator init -format=json -key-shares=3 -key-threshold=2 -pgp-keys=/etc/vault-init/pgp-keys/key-1,/etc/vault-init/pgp-keys/key-2,/etc/vault-init/pgp-keys/key-3", init);
        Assert.Contains("vault-init: share 1 (PGP key 1): wcBMA-share-one==", first.Output, StringComparison.Ordinal);
        Assert.Contains("vault-init: share 3 (PGP key 3): wcBMA-share-three==", first.Output, StringComparison.Ordinal);
        // The root token: never printed, never an argument, only in the environment of the privileged calls.
        Assert.DoesNotContain(RootToken, first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(RootToken, vault.File("argv"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(vault.Folder, "revoked")));
        Assert.Equal(VaultInit.SetupPolicy + "\n", vault.File("policy"));
        Assert.Equal("write auth/kubernetes/role/platform-setup bound_service_account_names=vault-setup bound_service_account_namespaces=vault token_policies=platform-setup token_ttl=15m token_max_ttl=1h\n",
            vault.File("role"));
        Assert.Equal("write auth/kubernetes/config kubernetes_host=https://kubernetes.default.svc:443\n", vault.File("config"));
        // The script waited for the unseal before it used the token: no privileged call was refused.
        Assert.DoesNotContain("permission denied", first.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(vault.Temp));

        File.Delete(Path.Combine(vault.Folder, "argv"));
        var second = vault.Run(new VaultOptions { PgpKeys = SecretKeys.Pgp, Threshold = 2 });
        Assert.True(second.Exit == 0, second.Output);
        Assert.Contains("nothing to do", second.Output, StringComparison.Ordinal);
        Assert.Equal(["status -format=json", "status -format=json", "write -field=token auth/kubernetes/login role=platform-setup jwt=@/var/run/secrets/kubernetes.io/serviceaccount/token"],
            vault.Calls());
    }

    [Fact]
    public void Transit_initialises_recovery_shares()
    {
        using var vault = new Fake();
        var run = vault.Run(new VaultOptions
        {
            Unseal = VaultUnsealMode.Transit,
            PgpKeys = [SecretKeys.Pgp[0]],
            Transit = new VaultTransitSeal { Address = "https://v.example.com:8200", KeyName = "k" },
        });
        Assert.True(run.Exit == 0, run.Output);
        Assert.Contains("operator init -format=json -recovery-shares=1 -recovery-threshold=1 -recovery-pgp-keys=/etc/vault-init/pgp-keys/key-1", vault.Calls());
    }

    [Fact]
    public void An_initialised_server_whose_setup_never_finished_fails_with_the_way_out()
    {
        using var vault = new Fake();
        File.WriteAllText(Path.Combine(vault.Folder, "initialized"), "");
        var run = vault.Run(new VaultOptions { PgpKeys = SecretKeys.Pgp, Threshold = 2 });
        Assert.NotEqual(0, run.Exit);
        Assert.Contains("only the run that initialised it had the root token", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(vault.Calls(), c => c.StartsWith("operator init", StringComparison.Ordinal));
    }

    [UnsupportedOSPlatform("windows")]
    private sealed class Fake : IDisposable
    {
        public Fake()
        {
            Folder = Directory.CreateTempSubdirectory("platform-vault-").FullName;
            Temp = Directory.CreateDirectory(Path.Combine(Folder, "tmp")).FullName;
            Directory.CreateDirectory(Path.Combine(Folder, "bin"));
            Executable("vault", FakeVault.ReplaceLineEndings("\n") + "\n");
            // The script polls every 5 seconds; a sleep that returns at once keeps the test short.
            Executable("sleep", "#!/bin/sh\nexit 0\n");
        }

        public string Folder { get; }

        public string Temp { get; }

        public (int Exit, string Output) Run(VaultOptions options)
        {
            var script = Path.Combine(Folder, "vault-init.sh");
            System.IO.File.WriteAllText(script, VaultInit.Script);
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            foreach (var (key, value) in VaultInit.Environment(Server(), options)) start.Environment[key] = value;
            start.Environment["PATH"] = $"{Path.Combine(Folder, "bin")}:{Environment.GetEnvironmentVariable("PATH")}";
            start.Environment["TMPDIR"] = Temp;
            start.Environment["FAKE_VAULT"] = Folder;
            start.Environment["ROOT"] = RootToken;
            start.Environment.Remove("VAULT_TOKEN");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error);
        }

        public IReadOnlyList<string> Calls() => System.IO.File.Exists(Path.Combine(Folder, "argv")) ? System.IO.File.ReadAllLines(Path.Combine(Folder, "argv")) : [];

        public string File(string name) => System.IO.File.ReadAllText(Path.Combine(Folder, name));

        public void Dispose() => Directory.Delete(Folder, recursive: true);

        private void Executable(string name, string text)
        {
            var path = Path.Combine(Folder, "bin", name);
            System.IO.File.WriteAllText(path, text);
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
