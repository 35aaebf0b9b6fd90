using System.Text;
using Platform.Components.Cluster;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Cluster;

public class KubeconfigRendererTests
{
    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string Scalar(YamlNode node, params string[] path)
    {
        foreach (var step in path)
            node = int.TryParse(step, out var i) ? ((YamlSequenceNode)node)[i] : ((YamlMappingNode)node)[step];
        return ((YamlScalarNode)node).Value!;
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    [Fact]
    public void Renders_one_cluster_user_and_context_with_embedded_certificates()
    {
        var root = Parse(KubeconfigRenderer.Render("prod", "https://10.0.0.10:6443", "CA PEM", "CERT PEM", "KEY PEM"));

        Assert.Equal("Config", Scalar(root, "kind"));
        Assert.Equal("prod", Scalar(root, "clusters", "0", "name"));
        Assert.Equal("https://10.0.0.10:6443", Scalar(root, "clusters", "0", "cluster", "server"));
        Assert.Equal("CA PEM", Decode(Scalar(root, "clusters", "0", "cluster", "certificate-authority-data")));
        Assert.Equal("kubernetes-admin", Scalar(root, "users", "0", "name"));
        Assert.Equal("CERT PEM", Decode(Scalar(root, "users", "0", "user", "client-certificate-data")));
        Assert.Equal("KEY PEM", Decode(Scalar(root, "users", "0", "user", "client-key-data")));
        Assert.Equal("kubernetes-admin@prod", Scalar(root, "current-context"));
        Assert.Equal("prod", Scalar(root, "contexts", "0", "context", "cluster"));
    }

    [Fact]
    public void Refuses_a_plain_http_server()
    {
        var e = Assert.Throws<ArgumentException>(() => KubeconfigRenderer.Render("prod", "http://10.0.0.10:6443", "a", "b", "c"));
        Assert.Contains("https", e.Message);
    }
}
