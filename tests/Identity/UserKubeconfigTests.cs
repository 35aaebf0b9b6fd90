using System.Text;
using k8s;
using Platform.Components.Identity;
using Platform.Tests.Validation;

namespace Platform.Tests.Identity;

/// <summary>The user kubeconfig, decoded strictly as client-go reads it and loaded by KubernetesClient: the cluster with
/// its CA inline, and kubelogin's exec plugin against Dex as the public kubernetes client, Dex's CA as
/// <c>--certificate-authority-data</c> only when it is the internal CA.</summary>
public class UserKubeconfigTests
{
    private static string Text(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    [Fact]
    public void It_decodes_with_the_cluster_ca_inline_and_kubelogins_exec_plugin()
    {
        var config = StrictJson.DecodeYaml<UserKubeconfigDocument>(
            UserKubeconfig.Render("prod", "https://10.0.0.10:6443", "CLUSTER CA", "https://dex.example.com", "DEX CA"));

        var cluster = Assert.Single(config.Clusters);
        Assert.Equal(("prod", "https://10.0.0.10:6443", "CLUSTER CA"), (cluster.Name, cluster.Cluster.Server, Text(cluster.Cluster.CertificateAuthorityData)));
        var user = Assert.Single(config.Users);
        Assert.Equal("oidc", user.Name);
        var exec = user.User.Exec;
        Assert.Equal(("client.authentication.k8s.io/v1beta1", "kubectl", "IfAvailable", false), (exec.ApiVersion, exec.Command, exec.InteractiveMode, exec.ProvideClusterInfo));
        Assert.Equal(
            ["oidc-login", "get-token", "--oidc-issuer-url=https://dex.example.com", "--oidc-client-id=kubernetes",
                "--oidc-extra-scope=email", "--oidc-extra-scope=profile", "--oidc-extra-scope=groups", "--oidc-extra-scope=offline_access",
                "--certificate-authority-data=" + Convert.ToBase64String(Encoding.UTF8.GetBytes("DEX CA"))],
            exec.Args);
        Assert.Equal(("oidc@prod", "prod", "oidc"), (config.CurrentContext, config.Contexts.Single().Context.Cluster, config.Contexts.Single().Context.User));
    }

    [Fact]
    public void A_publicly_trusted_issuer_needs_no_ca_argument()
    {
        var config = StrictJson.DecodeYaml<UserKubeconfigDocument>(
            UserKubeconfig.Render("prod", "https://10.0.0.10:6443", "CLUSTER CA", "https://dex.example.com", null));
        Assert.DoesNotContain(config.Users.Single().User.Exec.Args, a => a.StartsWith("--certificate-authority", StringComparison.Ordinal));
    }

    [Fact]
    public void KubernetesClient_loads_it_with_the_exec_provider()
    {
        var yaml = UserKubeconfig.Render("prod", "https://10.0.0.10:6443", "CLUSTER CA", "https://dex.example.com", null);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(yaml));
        var loaded = KubernetesClientConfiguration.LoadKubeConfig(stream);
        var exec = Assert.Single(loaded.Users).UserCredentials.ExternalExecution;
        Assert.Equal("kubectl", exec.Command);
        Assert.Equal("oidc-login", exec.Arguments[0]);
        Assert.Equal("client.authentication.k8s.io/v1beta1", exec.ApiVersion);
    }

    [Theory]
    [InlineData("http://10.0.0.10:6443", "https://dex.example.com")]
    [InlineData("https://10.0.0.10:6443", "http://dex.example.com")]
    public void Plain_http_is_refused(string server, string issuer) =>
        Assert.Throws<ArgumentException>(() => UserKubeconfig.Render("prod", server, "CA", issuer, null));
}
