using System.Diagnostics;
using System.Runtime.Versioning;
using Platform.Components.Security.Scanning;
using Platform.Tests.Harness;

namespace Platform.Tests.Security;

/// <summary>Harbor's setup script (<see cref="HarborSetup.Script"/>) passes shellcheck and, run against a fake Harbor API
/// (a <c>curl</c> on PATH that keeps registries and projects in a folder), creates the Docker Hub endpoint and the
/// projects once, sets their metadata on every run, changes nothing on a second run, never puts the admin password on a
/// command line, and fails loudly on an API error.</summary>
[UnsupportedOSPlatform("windows")]
public class HarborSetupScriptTests
{
    private const string Password = "s3cretAdminPassw0rd";

    // Harbor's API as far as the script uses it, on the folder $FAKE_HARBOR: every call's argv goes to argv, every
    // authenticated call's method and path to calls.
    private const string FakeCurl = """
        #!/bin/bash
        state="$FAKE_HARBOR"
        printf '%s\n' "$*" >> "$state/argv"
        method=GET data= output= url=
        while [ $# -gt 0 ]; do
          case "$1" in
            --config|--header|--write-out) shift 2 ;;
            --request) method=$2; shift 2 ;;
            --head) method=HEAD; shift ;;
            --data-binary) data=${2#@}; shift 2 ;;
            --output) output=$2; shift 2 ;;
            --silent|--show-error) shift ;;
            *) url=$1; shift ;;
          esac
        done
        respond() { printf '%s' "$2" > "$output"; printf '%s' "$1"; }
        if [ "$(cat)" != "user = \"admin:$FAKE_PASSWORD\"" ]; then respond 401 '{"errors":[{"code":"UNAUTHORIZED"}]}'; exit 0; fi
        path=${url#http://harbor-core/api/v2.0}
        printf '%s %s\n' "$method" "$path" >> "$state/calls"
        case "$method $path" in
          "GET /ping") respond 200 Pong ;;
          "GET /registries?q=name%3Ddockerhub")
            if [ -f "$state/registry" ]; then respond 200 '[{"credential":{"access_key":"","type":"basic"},"id":7,"name":"dockerhub"}]'; else respond 200 '[]'; fi ;;
          "POST /registries") cp "$data" "$state/registry"; respond 201 '' ;;
          "HEAD /projects?project_name="*)
            if [ -f "$state/project-${path#*=}" ]; then respond 200 ''; else respond 404 ''; fi ;;
          "POST /projects")
            if [ -n "${FAKE_FAIL_CREATE:-}" ]; then respond 500 '{"errors":[{"code":"INTERNAL_SERVER_ERROR"}]}'; exit 0; fi
            name=$(sed -n 's/.*"project_name":"\([^"]*\)".*/\1/p' "$data"); cp "$data" "$state/project-$name"; respond 201 '' ;;
          "PUT /configurations") cp "$data" "$state/configurations"; respond 200 '' ;;
          "POST /projects/"*"/members")
            name=${path#/projects/}; name=${name%/members}
            group=$(sed -n 's/.*"group_name":"\([^"]*\)".*/\1/p' "$data")
            if [ -f "$state/member-$name-$group" ]; then respond 409 '{"errors":[{"code":"CONFLICT"}]}'; else cp "$data" "$state/member-$name-$group"; respond 201 ''; fi ;;
          "PUT /projects/"*)
            name=${path#/projects/}
            if [ -f "$state/project-$name" ]; then cp "$data" "$state/metadata-$name"; respond 200 ''; else respond 404 ''; fi ;;
          *) respond 500 "unexpected $method $path" ;;
        esac
        """;

    [Fact]
    public void The_script_passes_shellcheck()
    {
        var findings = ShellCheck.Findings(HarborSetup.Script);
        Assert.True(findings.Length == 0, findings);
    }

    [Fact]
    public void A_first_run_creates_the_endpoint_and_projects_and_a_second_changes_nothing()
    {
        using var harbor = new FakeHarbor();
        var projects = HarborSetup.Projects(HarborProject.Defaults);

        var first = harbor.Run(projects);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Equal(
            ["GET /ping", "HEAD /projects?project_name=dockerhub", "GET /registries?q=name%3Ddockerhub", "POST /registries",
                "GET /registries?q=name%3Ddockerhub", "POST /projects", "PUT /projects/dockerhub",
                "HEAD /projects?project_name=platform", "POST /projects", "PUT /projects/platform"],
            harbor.Calls());
        Assert.Equal("""{"name":"dockerhub","type":"docker-hub","url":"https://hub.docker.com","insecure":false,"description":"Docker Hub, for the proxy-cache project (platform)"}""",
            harbor.File("registry"));
        Assert.Equal("""{"project_name":"dockerhub","registry_id":7,"metadata":{"public":"true","auto_scan":"true","prevent_vul":"true","severity":"critical"}}""",
            harbor.File("project-dockerhub"));
        Assert.Equal("""{"project_name":"platform","metadata":{"public":"false","auto_scan":"true","prevent_vul":"true","severity":"critical"}}""",
            harbor.File("project-platform"));
        var state = harbor.State();

        harbor.ClearCalls();
        var second = harbor.Run(projects);
        Assert.True(second.Exit == 0, second.Output);
        Assert.DoesNotContain(harbor.Calls(), call => call.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal(["GET /ping", "HEAD /projects?project_name=dockerhub", "PUT /projects/dockerhub", "HEAD /projects?project_name=platform", "PUT /projects/platform"],
            harbor.Calls());
        Assert.Equal(state, harbor.State());
        Assert.DoesNotContain(Password, harbor.File("argv"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_policy_is_put_on_the_existing_project_and_none_switches_prevention_off()
    {
        using var harbor = new FakeHarbor();
        Assert.Equal(0, harbor.Run("team-a|false|false|critical\n").Exit);
        var changed = harbor.Run(HarborSetup.Projects([new HarborProject { Name = "team-a", Public = true, PreventSeverity = null }]));
        Assert.True(changed.Exit == 0, changed.Output);
        Assert.Equal("""{"metadata":{"public":"true","auto_scan":"true","prevent_vul":"false"}}""", harbor.File("metadata-team-a"));
        Assert.False(File.Exists(Path.Combine(harbor.Folder, "registry")));
    }

    [Fact]
    public void An_api_error_fails_the_job_with_harbors_answer_and_a_wrong_password_too()
    {
        using var harbor = new FakeHarbor();
        var failed = harbor.Run("team-a|false|false|high\n", ("FAKE_FAIL_CREATE", "1"));
        Assert.NotEqual(0, failed.Exit);
        Assert.Contains("harbor-setup: creating the project team-a failed (HTTP 500): {\"errors\":[{\"code\":\"INTERNAL_SERVER_ERROR\"}]}", failed.Output, StringComparison.Ordinal);
        var unauthorized = harbor.Run("team-a|false|false|high\n", ("FAKE_PASSWORD", "another"));
        Assert.NotEqual(0, unauthorized.Exit);
    }

    [Fact]
    public void With_single_sign_on_the_oidc_mode_is_set_and_the_groups_become_project_members_once()
    {
        const string clientSecret = "harbor-oidc-client-secret";
        var login = FakeIdentity.Login(Platform.Components.Identity.OidcClients.Harbor);
        (string, string)[] oidc = [("OIDC_CONFIGURATION", HarborSetup.OidcConfiguration(login)), ("OIDC_CLIENT_SECRET", clientSecret), ("OIDC_MEMBERS", HarborSetup.Members(login))];
        using var harbor = new FakeHarbor();
        var projects = HarborSetup.Projects([new HarborProject { Name = "platform" }]);

        var first = harbor.Run(projects, oidc);
        Assert.True(first.Exit == 0, first.Output);
        var configuration = System.Text.Json.Nodes.JsonNode.Parse(harbor.File("configurations"))!.AsObject();
        Assert.Equal(clientSecret, configuration["oidc_client_secret"]!.GetValue<string>());
        Assert.Equal("oidc_auth", configuration["auth_mode"]!.GetValue<string>());
        Assert.Equal("https://dex.example.com", configuration["oidc_endpoint"]!.GetValue<string>());
        Assert.Equal("harbor", configuration["oidc_client_id"]!.GetValue<string>());
        Assert.Equal("openid,email,profile,groups,offline_access", configuration["oidc_scope"]!.GetValue<string>());
        Assert.Equal("platform-admins", configuration["oidc_admin_group"]!.GetValue<string>());
        Assert.True(configuration["oidc_verify_cert"]!.GetValue<bool>());
        Assert.Equal("""{"role_id":2,"member_group":{"group_name":"developers","group_type":3}}""", harbor.File("member-platform-developers"));
        Assert.Equal("""{"role_id":3,"member_group":{"group_name":"auditors","group_type":3}}""", harbor.File("member-platform-auditors"));
        Assert.Equal("""{"role_id":3,"member_group":{"group_name":"support","group_type":3}}""", harbor.File("member-platform-support"));
        Assert.Contains("PUT /configurations", harbor.Calls());
        var state = harbor.State();

        // Again: the same settings, the members exist already (409), nothing changes.
        var second = harbor.Run(projects, oidc);
        Assert.True(second.Exit == 0, second.Output);
        Assert.Equal(state, harbor.State());
        Assert.DoesNotContain(clientSecret, harbor.File("argv"), StringComparison.Ordinal);
        Assert.DoesNotContain(clientSecret, first.Output + second.Output, StringComparison.Ordinal);
    }

    [UnsupportedOSPlatform("windows")]
    private sealed class FakeHarbor : IDisposable
    {
        public FakeHarbor()
        {
            Folder = Directory.CreateTempSubdirectory("platform-harbor-").FullName;
            Directory.CreateDirectory(Path.Combine(Folder, "bin"));
            var curl = Path.Combine(Folder, "bin", "curl");
            System.IO.File.WriteAllText(curl, FakeCurl.ReplaceLineEndings("\n") + "\n");
            System.IO.File.SetUnixFileMode(curl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // The script waits 5 seconds between answers it does not get; a sleep that returns at once keeps the test short.
            var sleep = Path.Combine(Folder, "bin", "sleep");
            System.IO.File.WriteAllText(sleep, "#!/bin/sh\nexit 0\n");
            System.IO.File.SetUnixFileMode(sleep, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string Folder { get; }

        public (int Exit, string Output) Run(string projects, params (string Name, string Value)[] environment)
        {
            var script = Path.Combine(Folder, "harbor-setup.sh");
            System.IO.File.WriteAllText(script, HarborSetup.Script);
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.Environment["PATH"] = $"{Path.Combine(Folder, "bin")}:{Environment.GetEnvironmentVariable("PATH")}";
            start.Environment["FAKE_HARBOR"] = Folder;
            start.Environment["FAKE_PASSWORD"] = Password;
            start.Environment["HARBOR_URL"] = HarborValues.CoreUrl;
            start.Environment["HARBOR_ADMIN_USER"] = HarborValues.AdminUser;
            start.Environment["HARBOR_ADMIN_PASSWORD"] = Password;
            start.Environment["PROJECTS"] = projects;
            foreach (var (name, value) in environment) start.Environment[name] = value;
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

        /// <summary>Every registry and project file, by name, with its content.</summary>
        public IReadOnlyDictionary<string, string> State() => Directory.GetFiles(Folder)
            .Select(f => (Name: Path.GetFileName(f), Path: f))
            .Where(f => f.Name is "registry" or "configurations" || f.Name.StartsWith("project-", StringComparison.Ordinal) || f.Name.StartsWith("metadata-", StringComparison.Ordinal)
                || f.Name.StartsWith("member-", StringComparison.Ordinal))
            .ToDictionary(f => f.Name, f => System.IO.File.ReadAllText(f.Path), StringComparer.Ordinal);

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
