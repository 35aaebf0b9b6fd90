using System.Diagnostics;
using System.Runtime.Versioning;
using Platform.Components.Secrets;
using Platform.Components.Secrets.ExternalSecrets;
using Platform.Tests.Harness;

namespace Platform.Tests.Secrets;

/// <summary>The Vault configuration script (<see cref="VaultConfiguration.Script"/>) passes shellcheck as sh and bash
/// and, run by /bin/sh against a fake <c>vault</c> CLI on PATH (which keeps the audit devices, mounts, policies and
/// roles in a folder and answers as the real CLI does with <c>-format=json</c>), logs in with the setup role, creates
/// the audit device, the KV v2 engine, every policy and role once, changes nothing on a second run, rewrites only what
/// differs, deletes the roles and policies of teams that are gone (and nothing else), and never puts a token on a
/// command line.</summary>
[UnsupportedOSPlatform("windows")]
public class VaultConfigScriptTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.service-account-token.signature";
    private const string VaultToken = "hvs.setup-token-value";

    // The CLI as far as the script uses it, on the folder $FAKE_VAULT: argv of every call to argv, every change to calls.
    private const string FakeCli = """
        #!/bin/bash
        state="$FAKE_VAULT"
        printf '%s\n' "$*" >> "$state/argv"
        [ -f "$VAULT_CACERT" ] || { echo "no CA at $VAULT_CACERT" >&2; exit 1; }
        [ "$VAULT_ADDR" = https://vault-active.vault.svc:8200 ] || { echo "wrong address $VAULT_ADDR" >&2; exit 1; }
        change() { printf '%s\n' "$*" >> "$state/calls"; }
        jsonlist() { local first=1; printf '['; for item in "$@"; do [ $first = 1 ] || printf ','; first=0; printf '\n  "%s"' "$item"; done; [ $# = 0 ] || printf '\n'; printf ']\n'; }
        if [ "$1" = status ]; then [ -f "$state/unsealed" ] && exit 0; exit 2; fi
        if [ "$1 $2 $3" = "write -field=token auth/kubernetes/login" ]; then
          [ "$4" = role=platform-setup ] && [ "$(cat "${5#jwt=@}")" = "$FAKE_JWT" ] || { echo "permission denied" >&2; exit 2; }
          printf '%s' "$FAKE_TOKEN"; exit 0
        fi
        [ "${VAULT_TOKEN:-}" = "$FAKE_TOKEN" ] && [ "${BAO_TOKEN:-}" = "$FAKE_TOKEN" ] || { echo "permission denied" >&2; exit 2; }
        mkdir -p "$state/policies" "$state/roles"
        case "$1 $2" in
          "audit list") if [ -f "$state/audit" ]; then printf '{\n  "file/": {\n    "type": "file"\n  }\n}\n'; else printf '{}\n'; fi ;;
          "audit enable")
            if [ -n "${FAKE_AUDIT_REFUSED:-}" ]; then echo "Error enabling audit device: cannot enable audit device via API" >&2; exit 2; fi
            change "audit enable ${*:3}"; printf '%s\n' "${*:3}" > "$state/audit" ;;
          "secrets list") if [ -f "$state/mount" ]; then printf '{\n  "cubbyhole/": {},\n  "secret/": {}\n}\n'; else printf '{\n  "cubbyhole/": {}\n}\n'; fi ;;
          "secrets enable") change "secrets enable ${*:3}"; printf 'kv 2\n' > "$state/mount" ;;
          "policy read") [ -f "$state/policies/$3" ] || exit 2; cat "$state/policies/$3" ;;
          "policy write") change "policy write $3"; cp "$4" "$state/policies/$3" ;;
          "policy delete") change "policy delete $3"; rm "$state/policies/$3" ;;
          "policy list") names=(default root); for f in "$state/policies"/*; do [ -e "$f" ] && names+=("$(basename "$f")"); done; jsonlist "${names[@]}" ;;
          *)
            verb=$1; shift
            field= format=
            while [ "${1:-}" != "${1#-}" ]; do case "$1" in -field=*) field=${1#-field=} ;; -format=*) format=${1#-format=} ;; esac; shift; done
            path=$1; shift
            case "$verb $path" in
              "read sys/mounts/secret")
                read -r type version < "$state/mount"
                case "$field" in type) printf '"%s"\n' "$type" ;; options) printf '{\n  "version": "%s"\n}\n' "$version" ;; esac ;;
              "read auth/kubernetes/role/"*)
                dir="$state/roles/${path##*/}"; [ -d "$dir" ] || { echo "No value found at $path" >&2; exit 2; }
                [ -n "$field" ] || { echo "Key Value"; exit 0; }
                value=$(cat "$dir/$field")
                case "$field" in
                  token_ttl|token_max_ttl) printf '%s\n' "$value" ;;
                  audience) printf '"%s"\n' "$value" ;;
                  *) IFS=, read -r -a items <<< "$value"; jsonlist "${items[@]}" ;;
                esac ;;
              "write auth/kubernetes/role/"*)
                change "write $path"; dir="$state/roles/${path##*/}"; rm -rf "$dir"; mkdir -p "$dir"
                for pair in "$@"; do printf '%s' "${pair#*=}" > "$dir/${pair%%=*}"; done ;;
              "list auth/kubernetes/role")
                names=(); for d in "$state/roles"/*; do [ -e "$d" ] && names+=("$(basename "$d")"); done
                [ ${#names[@]} -gt 0 ] || exit 2; jsonlist "${names[@]}" ;;
              "delete auth/kubernetes/role/"*) change "delete $path"; rm -r "$state/roles/${path##*/}" ;;
              *) echo "unexpected: $verb $path" >&2; exit 1 ;;
            esac ;;
        esac
        """;

    [Fact]
    public void The_script_passes_shellcheck_as_sh_and_as_bash()
    {
        var findings = ShellCheck.Findings(VaultConfiguration.Script);
        Assert.True(findings.Length == 0, findings);
        var sh = ShellCheck.Findings(VaultConfiguration.Script, shell: "sh");
        Assert.True(sh.Length == 0, sh);
    }

    [Fact]
    public void A_first_run_configures_everything_and_a_second_changes_nothing()
    {
        using var vault = new FakeVault();
        var first = vault.Run(ExternalSecretsLayerTests.Tenants);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Equal(
            ["audit enable -path=file file file_path=stdout", "secrets enable -path=secret -version=2 kv",
                "policy write external-secrets", "policy write tenant-payments", "policy write tenant-team-a",
                "write auth/kubernetes/role/external-secrets", "write auth/kubernetes/role/tenant-payments", "write auth/kubernetes/role/tenant-team-a"],
            vault.Calls());
        Assert.Equal("team-a,team-a-batch", vault.File("roles/tenant-team-a/bound_service_account_namespaces"));
        Assert.Equal("vault-secrets", vault.File("roles/tenant-team-a/bound_service_account_names"));
        Assert.Equal(("vault", "tenant-team-a", "600"), (vault.File("roles/tenant-team-a/audience"), vault.File("roles/tenant-team-a/token_policies"), vault.File("roles/tenant-team-a/token_ttl")));
        Assert.Equal(("external-secrets", "external-secrets"), (vault.File("roles/external-secrets/bound_service_account_names"), vault.File("roles/external-secrets/bound_service_account_namespaces")));
        Assert.Equal(VaultConfiguration.Policies(SecretTenant.Of(ExternalSecretsLayerTests.Tenants))["tenant-team-a"], vault.File("policies/tenant-team-a"));
        var state = vault.State();

        vault.ClearCalls();
        var second = vault.Run(ExternalSecretsLayerTests.Tenants);
        Assert.True(second.Exit == 0, second.Output);
        Assert.Empty(vault.Calls());
        Assert.Equal(state, vault.State());
        Assert.Contains("vault-config: role tenant-team-a is current", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Jwt, vault.File("argv"), StringComparison.Ordinal);
        Assert.DoesNotContain(VaultToken, vault.File("argv"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_team_rewrites_its_role_only_and_a_team_that_is_gone_loses_its_role_and_policy()
    {
        using var vault = new FakeVault();
        Assert.Equal(0, vault.Run(ExternalSecretsLayerTests.Tenants).Exit);
        // Someone else's role and policy, which the platform does not own.
        Directory.CreateDirectory(Path.Combine(vault.Folder, "roles", "ci"));
        System.IO.File.WriteAllText(Path.Combine(vault.Folder, "policies", "ci"), "path \"ci/*\" {}\n");
        vault.ClearCalls();

        var changed = vault.Run([ExternalSecretsLayerTests.Tenants[0]]);
        Assert.True(changed.Exit == 0, changed.Output);
        Assert.Equal(["policy write tenant-team-a", "write auth/kubernetes/role/tenant-team-a",
            "delete auth/kubernetes/role/tenant-payments", "policy delete tenant-payments"], vault.Calls());
        Assert.Equal("team-a", vault.File("roles/tenant-team-a/bound_service_account_namespaces"));
        Assert.True(Directory.Exists(Path.Combine(vault.Folder, "roles", "ci")));
        Assert.True(System.IO.File.Exists(Path.Combine(vault.Folder, "policies", "ci")));
        Assert.Contains("vault-config: role tenant-payments deleted (no such team)", changed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Openbao_refusing_api_audit_devices_is_reported_and_vault_refusing_fails_the_job()
    {
        using var bao = new FakeVault();
        var openBao = bao.Run(ExternalSecretsLayerTests.Tenants, ("FAKE_AUDIT_REFUSED", "1"), ("VAULT_CLI_NAME", "bao"));
        Assert.True(openBao.Exit == 0, openBao.Output);
        Assert.Contains("declare it in the server's configuration", openBao.Output, StringComparison.Ordinal);
        Assert.Contains("policy write tenant-team-a", bao.Calls());

        using var vault = new FakeVault();
        var refused = vault.Run(ExternalSecretsLayerTests.Tenants, ("FAKE_AUDIT_REFUSED", "1"));
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("vault-config: enabling the audit device file/ failed", refused.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(vault.Calls(), c => c.StartsWith("policy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kv_version_1_engine_at_secret_fails_the_job_and_a_wrong_login_too()
    {
        using var vault = new FakeVault();
        System.IO.File.WriteAllText(Path.Combine(vault.Folder, "mount"), "kv 1\n");
        var v1 = vault.Run(ExternalSecretsLayerTests.Tenants);
        Assert.NotEqual(0, v1.Exit);
        Assert.Contains("secret/ is mounted as kv {\"version\":\"1\"}, not KV version 2", v1.Output, StringComparison.Ordinal);

        using var other = new FakeVault();
        var denied = other.Run(ExternalSecretsLayerTests.Tenants, ("FAKE_JWT", "another-token"));
        Assert.NotEqual(0, denied.Exit);
        Assert.Contains("logging in with the role platform-setup at auth/kubernetes failed", denied.Output, StringComparison.Ordinal);
    }

    [UnsupportedOSPlatform("windows")]
    private sealed class FakeVault : IDisposable
    {
        public FakeVault()
        {
            Folder = Directory.CreateTempSubdirectory("platform-vault-").FullName;
            Directory.CreateDirectory(Path.Combine(Folder, "bin"));
            foreach (var cli in new[] { "vault", "bao" }) Executable(Path.Combine(Folder, "bin", cli), FakeCli.ReplaceLineEndings("\n") + "\n");
            // The script waits 5 seconds between attempts; a sleep that returns at once keeps the test short.
            Executable(Path.Combine(Folder, "bin", "sleep"), "#!/bin/sh\nexit 0\n");
            System.IO.File.WriteAllText(Path.Combine(Folder, "unsealed"), "");
            System.IO.File.WriteAllText(Path.Combine(Folder, "token"), Jwt);
        }

        public string Folder { get; }

        private static void Executable(string path, string text)
        {
            System.IO.File.WriteAllText(path, text);
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public (int Exit, string Output) Run(IReadOnlyList<Components.Tenancy.TenantOptions> tenants, params (string Name, string Value)[] environment)
        {
            var config = Path.Combine(Folder, "config");
            if (Directory.Exists(config)) Directory.Delete(config, recursive: true);
            Directory.CreateDirectory(config);
            foreach (var (name, content) in VaultConfiguration.Files(SecretTenant.Of(tenants), ExternalSecretsLayer.Namespace))
                System.IO.File.WriteAllText(Path.Combine(config, name), content);
            System.IO.File.WriteAllText(Path.Combine(config, VaultConfiguration.CaKey), "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n");
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(config, VaultConfiguration.ScriptKey));
            start.Environment["PATH"] = $"{Path.Combine(Folder, "bin")}:{Environment.GetEnvironmentVariable("PATH")}";
            start.Environment["FAKE_VAULT"] = Folder;
            start.Environment["FAKE_JWT"] = Jwt;
            start.Environment["FAKE_TOKEN"] = VaultToken;
            start.Environment["VAULT_CLI"] = "vault";
            start.Environment["VAULT_ADDR"] = "https://vault-active.vault.svc:8200";
            start.Environment["VAULT_CACERT"] = Path.Combine(config, VaultConfiguration.CaKey);
            start.Environment["AUTH_MOUNT"] = "kubernetes";
            start.Environment["SETUP_ROLE"] = "platform-setup";
            start.Environment["TOKEN_FILE"] = Path.Combine(Folder, "token");
            start.Environment["KV_MOUNT"] = VaultConfiguration.KvMount;
            start.Environment["ROLE_PREFIX"] = VaultConfiguration.RolePrefix;
            start.Environment["CONFIG_DIR"] = config;
            start.Environment["TMPDIR"] = Folder;
            foreach (var (name, value) in environment)
            {
                if (name == "VAULT_CLI_NAME") start.Environment["VAULT_CLI"] = value;
                else if (name == "FAKE_JWT") System.IO.File.WriteAllText(Path.Combine(Folder, "token"), value);
                else start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error);
        }

        public IReadOnlyList<string> Calls()
        {
            var path = Path.Combine(Folder, "calls");
            return System.IO.File.Exists(path) ? System.IO.File.ReadAllLines(path) : [];
        }

        public void ClearCalls() => System.IO.File.Delete(Path.Combine(Folder, "calls"));

        public string File(string name) => System.IO.File.ReadAllText(Path.Combine(Folder, name));

        // Every file of the fake server's state (audit, mount, policies, roles), by path.
        public IReadOnlyDictionary<string, string> State() =>
            new[] { "audit", "mount" }.Select(f => Path.Combine(Folder, f))
                .Concat(Directory.GetFiles(Path.Combine(Folder, "policies"))).Concat(Directory.GetFiles(Path.Combine(Folder, "roles"), "*", SearchOption.AllDirectories))
                .Where(System.IO.File.Exists).ToDictionary(f => Path.GetRelativePath(Folder, f), System.IO.File.ReadAllText);

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
