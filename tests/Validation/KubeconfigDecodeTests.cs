using System.Text;
using Platform.Components.Cluster;
using Platform.Tests.Validation.Kubeconfig;

namespace Platform.Tests.Validation;

/// <summary>Kubeconfigs from <see cref="KubeconfigRenderer"/>, read as client-go reads them (YAML 1.1 scalars, then a
/// strict decode into the fields the platform writes).</summary>
public class KubeconfigDecodeTests
{
    private static string Text(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    [Fact]
    public void A_kubeconfig_decodes_strictly_with_one_cluster_user_and_context()
    {
        var config = StrictJson.DecodeYaml<KubeconfigDocument>(
            KubeconfigRenderer.Render("prod", "https://10.0.0.10:6443", "CA PEM", "CERT PEM", "KEY PEM"));

        Assert.Equal(("v1", "Config"), (config.ApiVersion, config.Kind));
        var cluster = Assert.Single(config.Clusters);
        Assert.Equal(("prod", "https://10.0.0.10:6443"), (cluster.Name, cluster.Cluster.Server));
        Assert.Equal("CA PEM", Text(cluster.Cluster.CertificateAuthorityData));
        var user = Assert.Single(config.Users);
        Assert.Equal("kubernetes-admin", user.Name);
        Assert.Equal(("CERT PEM", "KEY PEM"), (Text(user.User.ClientCertificateData), Text(user.User.ClientKeyData)));
        var context = Assert.Single(config.Contexts);
        Assert.Equal(new KubeconfigNamedContext("kubernetes-admin@prod", new KubeconfigContext("prod", "kubernetes-admin")), context);
        Assert.Equal(context.Name, config.CurrentContext);
        Assert.Equal(new KubeconfigPreferences(), config.Preferences);
    }

    /// <summary>Cluster names are DNS-1123 labels, and <c>on</c>, <c>no</c>, <c>null</c>, <c>123</c> or <c>1e3</c> are
    /// valid labels that a YAML 1.1 reader would take for a boolean, null or number unless they are quoted.</summary>
    [Theory]
    [InlineData("on", "kubernetes-admin")]
    [InlineData("no", "kubernetes-admin")]
    [InlineData("null", "kubernetes-admin")]
    [InlineData("123", "kubernetes-admin")]
    [InlineData("1e3", "kubernetes-admin")]
    [InlineData("0x1f", "kubernetes-admin")]
    [InlineData("prod", "true")]
    [InlineData("prod", "6443")]
    public void Names_that_look_like_other_scalars_stay_strings(string clusterName, string userName)
    {
        var config = StrictJson.DecodeYaml<KubeconfigDocument>(
            KubeconfigRenderer.Render(clusterName, "https://10.0.0.10:6443", "CA PEM", "CERT PEM", "KEY PEM", userName));

        Assert.Equal(clusterName, config.Clusters.Single().Name);
        Assert.Equal(clusterName, config.Contexts.Single().Context.Cluster);
        Assert.Equal(userName, config.Users.Single().Name);
        Assert.Equal(userName, config.Contexts.Single().Context.User);
    }
}
