using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.GitOps;

/// <summary><c>platform:gitOps</c> and <c>platform:gitOpsRepositoryCredentials</c>: the defaults, the fields, and every
/// bad input refused with its key before anything is registered.</summary>
public class GitOpsConfigTests
{
    [Fact]
    public void Unset_there_is_no_host_no_bootstrap_and_notifications_are_on()
    {
        var options = ValidConfig.Load(_ => { }).GitOps;

        Assert.Equal(((string?)null, true, (Platform.Components.GitOps.GitOpsBootstrap?)null), (options.Host, options.Notifications, options.Bootstrap));
    }

    [Fact]
    public void Every_field_is_read()
    {
        var options = ValidConfig.Load(v => v["gitOps"] = """
            {"host": "argocd.example.com", "notifications": false,
             "bootstrap": {"repoUrl": "https://git.example.com/platform/apps.git", "path": "clusters/prod", "targetRevision": "main"}}
            """).GitOps;

        Assert.Equal(("argocd.example.com", false), (options.Host, options.Notifications));
        Assert.Equal(("https://git.example.com/platform/apps.git", "clusters/prod", "main"),
            (options.Bootstrap!.RepoUrl, options.Bootstrap.Path, options.Bootstrap.TargetRevision));
        Assert.Equal("HEAD", ValidConfig.Load(v => v["gitOps"] = """{"bootstrap": {"repoUrl": "git@github.com:example/apps.git", "path": "."}}""").GitOps.Bootstrap!.TargetRevision);
    }

    [Theory]
    [InlineData("""{"hostname": "argocd.example.com"}""", "platform:gitOps.hostname", "")]
    [InlineData("""{"notifications": "yes"}""", "platform:gitOps.notifications", "")]
    [InlineData("""{"host": "ArgoCD"}""", "platform:gitOps", "host 'ArgoCD' is not a DNS name")]
    [InlineData("""{"bootstrap": {"path": "clusters/prod"}}""", "platform:gitOps.bootstrap.repoUrl", "is required with bootstrap")]
    [InlineData("""{"bootstrap": {"repoUrl": "https://git.example.com/a.git"}}""", "platform:gitOps.bootstrap.path", "is required with bootstrap")]
    [InlineData("""{"bootstrap": {"repoUrl": "git.example.com/a.git", "path": "."}}""", "platform:gitOps", "bootstrap.repoUrl 'git.example.com/a.git' is not a Git repository URL")]
    [InlineData("""{"bootstrap": {"repoUrl": "https://git.example.com/a.git", "path": "../x"}}""", "platform:gitOps", "bootstrap.path '../x' must be a folder relative")]
    [InlineData("""{"bootstrap": {"repoUrl": "https://git.example.com/a.git", "path": ".", "branch": "main"}}""", "platform:gitOps.bootstrap.branch", "")]
    [InlineData("""[1]""", "platform:gitOps", "")]
    public void Bad_gitops_configuration_names_the_key(string value, string key, string expected)
    {
        var error = ValidConfig.Problems(v => v["gitOps"] = value);

        Assert.Contains(error.Problems, p => p.Key == key && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    private static PlatformConfigException Requirements(Action<Dictionary<string, string>> edit)
    {
        var values = ValidConfig.Values();
        values["capabilities"] = """{"gitOps": true, "authentication": false}""";
        edit(values);
        var source = new DictionaryConfigSource(values);
        return Assert.Throws<PlatformConfigException>(() =>
        {
            var settings = PlatformSettingsLoader.Load(source);
            LayerRequirements.Check(settings, CapabilityResolver.Resolve(CapabilityMatrix.Default, settings), source);
        });
    }

    [Fact]
    public void An_ssh_repository_needs_its_key_and_credentials_need_a_bootstrap()
    {
        var ssh = Requirements(v => v["gitOps"] = """{"bootstrap": {"repoUrl": "git@github.com:example/apps.git", "path": "."}}""");
        var problem = Assert.Single(ssh.Problems);
        Assert.Equal("platform:gitOpsRepositoryCredentials", problem.Key);
        Assert.Contains("is required for the SSH repository git@github.com:example/apps.git", problem.Message, StringComparison.Ordinal);

        var orphan = Requirements(v => v["gitOpsRepositoryCredentials"] = """{"username": "a", "password": "b"}""");
        Assert.Contains(orphan.Problems, p => p.Key == "platform:gitOpsRepositoryCredentials" && p.Message.Contains("has no bootstrap repository", StringComparison.Ordinal));

        var off = Requirements(v =>
        {
            v["capabilities"] = """{"gitOps": false}""";
            v["gitOpsRepositoryCredentials"] = """{"username": "a", "password": "b"}""";
        });
        Assert.Contains(off.Problems, p => p.Key == "platform:gitOpsRepositoryCredentials" && p.Message.Contains("the gitOps capability is off", StringComparison.Ordinal));
    }

    [Fact]
    public void A_host_without_the_ingress_capability_is_refused()
    {
        var error = Requirements(v =>
        {
            v["capabilities"] = """{"gitOps": true, "ingress": false}""";
            v["gitOps"] = """{"host": "argocd.example.com"}""";
        });
        Assert.Contains(error.Problems, p => p.Key == "platform:gitOps.host" && p.Message.Contains("the ingress capability is off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_refused_before_any_resource_is_registered()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"gitOps": true}""";
        config["gitOps"] = """{"bootstrap": {"repoUrl": "ssh://git@git.example.com/apps.git", "path": "apps"}}""";
        var mocks = new PlatformMocks();

        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));

        Assert.Contains("platform:gitOpsRepositoryCredentials: is required for the SSH repository", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);
    }

    [Theory]
    [InlineData("not json", "is not JSON")]
    [InlineData("""["a"]""", "is a list, not an object")]
    [InlineData("""{"user": "a"}""", "has the unknown field user")]
    [InlineData("""{"username": "", "password": "b"}""", "username is not a non-empty text")]
    [InlineData("""{"username": "a", "password": "line\nbreak"}""", "password spans several lines")]
    public void Credentials_of_the_wrong_shape_fail_naming_the_key_never_the_value(string json, string expected)
    {
        var error = Assert.Throws<RunException>(() => GitOpsCredentials.Parse(json));

        Assert.StartsWith("platform:gitOpsRepositoryCredentials", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line\nbreak", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_are_read_field_by_field_and_a_private_key_may_span_lines()
    {
        var fields = GitOpsCredentials.Parse("""{"sshPrivateKey": "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n"}""");

        Assert.Equal(["sshPrivateKey"], fields.Keys);
        Assert.Contains('\n', fields["sshPrivateKey"]);
    }
}
