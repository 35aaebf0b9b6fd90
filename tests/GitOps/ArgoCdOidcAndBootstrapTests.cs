using Platform.Components.GitOps;
using Platform.Tests.Backup;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.GitOps;

/// <summary>The <c>oidc.config</c> document decoded, the app-of-apps Application against the vendored CRD's schema, and
/// the repository Secret's data.</summary>
public class ArgoCdOidcAndBootstrapTests
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private static string SharedCrds => Path.Combine(RepoRoot.Path, "..", "shared", "charts", "argo-cd", Platform.Components.Catalog.HelmCharts.ArgoCd.Version, "crds");

    [Fact]
    public void The_oidc_config_names_the_client_secret_by_reference_and_carries_the_internal_ca()
    {
        var document = KubeYaml.Single(ArgoCdOidc.Config("https://dex.example.com", "argocd", ["openid", "email", "profile", "groups"], Pem))!.AsObject();

        Assert.Equal(["name", "issuer", "clientID", "clientSecret", "requestedScopes", "rootCA"], document.Select(kv => kv.Key));
        Assert.Equal("https://dex.example.com", document["issuer"]!.GetValue<string>());
        Assert.Equal("argocd", document["clientID"]!.GetValue<string>());
        // Argo CD resolves $<Secret>:<key> from a Secret labelled part-of argocd.
        Assert.Equal("$argocd-oidc:clientSecret", document["clientSecret"]!.GetValue<string>());
        Assert.Equal(("app.kubernetes.io/part-of", "argocd"), ArgoCdOidc.SecretLabels.Single().Let(kv => (kv.Key, kv.Value)));
        Assert.Equal(["openid", "email", "profile", "groups"], document["requestedScopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(Pem, document["rootCA"]!.GetValue<string>());

        var publicIssuer = KubeYaml.Single(ArgoCdOidc.Config("https://dex.example.com", "argocd", ["openid"], null))!.AsObject();
        Assert.False(publicIssuer.ContainsKey("rootCA"));
    }

    [Theory]
    [InlineData("http://dex.example.com", Pem, "is not https")]
    [InlineData("https://dex.example.com", "not a certificate", "not a PEM certificate")]
    public void An_oidc_config_that_argo_cd_could_not_use_is_refused(string issuer, string ca, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ArgoCdOidc.Config(issuer, "argocd", ["openid"], ca));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_redirect_uri_is_the_callback_under_argo_cds_host()
    {
        Assert.Equal("https://argocd.example.com/auth/callback", GitOpsLayer.OidcRedirectUri("argocd.example.com"));
    }

    [Theory]
    [InlineData("https://git.example.com/platform/apps.git", "clusters/prod", "main")]
    [InlineData("git@github.com:example/platform.git", ".", "HEAD")]
    [InlineData("ssh://git@git.example.com:2222/platform/apps.git", "apps/base", "v1.2.0")]
    public void The_application_is_valid_against_the_vendored_application_crd(string repoUrl, string path, string revision)
    {
        var spec = ArgoCdBootstrap.ApplicationSpec(new GitOpsBootstrap { RepoUrl = repoUrl, Path = path, TargetRevision = revision }, GitOpsLayer.Namespace);

        Assert.Empty(VeleroChart.SpecErrors(SharedCrds, "applications.argoproj.io", "v1alpha1", spec));
        var source = (IReadOnlyDictionary<string, object>)spec["source"];
        Assert.Equal((repoUrl, path, revision), ((string)source["repoURL"], (string)source["path"], (string)source["targetRevision"]));
        var automated = (IReadOnlyDictionary<string, object>)((IReadOnlyDictionary<string, object>)spec["syncPolicy"])["automated"];
        Assert.Equal((true, true), ((bool)automated["prune"], (bool)automated["selfHeal"]));
        var destination = (IReadOnlyDictionary<string, object>)spec["destination"];
        Assert.Equal(("https://kubernetes.default.svc", "argocd"), ((string)destination["server"], (string)destination["namespace"]));
    }

    [Fact]
    public void The_schema_check_would_catch_a_field_the_crd_does_not_have()
    {
        var spec = ArgoCdBootstrap.ApplicationSpec(new GitOpsBootstrap { RepoUrl = "https://git.example.com/a.git", Path = "." }, "argocd")
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        spec["sourceRepo"] = "https://git.example.com/a.git";

        Assert.Contains("spec.sourceRepo is not a field of the CRD", VeleroChart.SpecErrors(SharedCrds, "applications.argoproj.io", "v1alpha1", spec));
    }

    [Theory]
    [InlineData("ftp://git.example.com/a.git", ".", "HEAD", "repoUrl")]
    [InlineData("https://git.example.com/a.git", "/clusters", "HEAD", "path")]
    [InlineData("https://git.example.com/a.git", "clusters/../secrets", "HEAD", "path")]
    [InlineData("https://git.example.com/a.git", "clusters//prod", "HEAD", "path")]
    [InlineData("https://git.example.com/a.git", ".", "main branch", "targetRevision")]
    public void A_bootstrap_that_argo_cd_could_not_follow_is_refused(string repoUrl, string path, string revision, string field)
    {
        var bootstrap = new GitOpsBootstrap { RepoUrl = repoUrl, Path = path, TargetRevision = revision };
        var problem = Assert.Single(bootstrap.Validate());
        Assert.StartsWith(field + " ", problem, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ArgoCdBootstrap.ApplicationSpec(bootstrap, "argocd"));
    }

    [Fact]
    public void The_repository_secret_holds_the_url_and_the_credentials_of_its_scheme()
    {
        var https = new GitOpsBootstrap { RepoUrl = "https://git.example.com/a.git", Path = "." };
        var data = ArgoCdBootstrap.RepositoryData(https, new Dictionary<string, string> { ["username"] = "argocd", ["password"] = "t0ken" });
        Assert.Equal(new Dictionary<string, string> { ["type"] = "git", ["url"] = https.RepoUrl, ["username"] = "argocd", ["password"] = "t0ken" }, data);
        Assert.Equal(("argocd.argoproj.io/secret-type", "repository"), ArgoCdBootstrap.RepositoryLabels.Single().Let(kv => (kv.Key, kv.Value)));

        var ssh = new GitOpsBootstrap { RepoUrl = "git@github.com:example/a.git", Path = "." };
        var key = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n";
        Assert.Equal(key, ArgoCdBootstrap.RepositoryData(ssh, new Dictionary<string, string> { ["sshPrivateKey"] = key })["sshPrivateKey"]);
    }

    [Fact]
    public void Credentials_of_the_other_scheme_are_refused_without_their_values_in_the_message()
    {
        var ssh = new GitOpsBootstrap { RepoUrl = "git@github.com:example/a.git", Path = "." };
        var error = Assert.Throws<ArgumentException>(() =>
            ArgoCdBootstrap.RepositoryData(ssh, new Dictionary<string, string> { ["username"] = "argocd", ["password"] = "t0ken" }));
        Assert.Contains("reached over SSH, so its credentials are sshPrivateKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("t0ken", error.Message, StringComparison.Ordinal);
    }
}

internal static class GitOpsLetExtensions
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
