using System.Runtime.CompilerServices;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Cluster.Kubeadm;

/// <summary>Sample specs and helpers to parse and query rendered kubeadm documents.</summary>
public static class KubeadmDocuments
{
    public const string Token = "abcdef.0123456789abcdef";
    public const string CaCertHash = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    public static readonly string EncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string LegacyEncryptionKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public static KubeadmClusterSpec ClusterSpec(string version = "1.33.5", KubeadmHardening? hardening = null) => new()
    {
        ClusterName = "prod",
        KubernetesVersion = version,
        ControlPlaneEndpoint = "10.0.0.10:6443",
        PodSubnet = "10.244.0.0/16",
        ServiceSubnet = "10.96.0.0/12",
        ApiServerCertSans = ["api.prod.example.com"],
        Hardening = hardening ?? new KubeadmHardening(),
    };

    public static KubeadmNodeSpec ControlPlane(params NodeTaint[] taints) =>
        new() { Name = "cp-1", AdvertiseAddress = "10.0.0.11", IsControlPlane = true, Taints = taints };

    public static KubeadmNodeSpec Worker(params NodeTaint[] taints) =>
        new() { Name = "worker-1", AdvertiseAddress = "10.0.0.21", Taints = taints };

    public static KubeadmJoinDiscovery Discovery() =>
        new() { ApiServerEndpoint = "10.0.0.10:6443", Token = Token, CaCertHash = CaCertHash };

    /// <summary>The four documents of <c>RenderInit</c>: Init, Cluster, Kubelet, KubeProxy.</summary>
    public static IReadOnlyList<YamlMappingNode> Init(string version = "1.33.5", KubeadmHardening? hardening = null) =>
        Parse(KubeadmConfigRenderer.RenderInit(ClusterSpec(version, hardening), ControlPlane(), Token));

    public static YamlMappingNode Join(KubeadmNodeSpec node, string version = "1.33.5") =>
        Parse(KubeadmConfigRenderer.RenderJoin(ClusterSpec(version), node, Discovery())).Single();

    public static IReadOnlyList<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    public static YamlMappingNode ParseOne(string yaml) => Parse(yaml).Single();

    /// <summary>The node at a dotted path (a number steps into a sequence), or null when absent.</summary>
    public static YamlNode? Find(YamlNode node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            switch (node)
            {
                case YamlSequenceNode seq when int.TryParse(step, out var i):
                    if (i >= seq.Children.Count) return null;
                    node = seq.Children[i];
                    break;
                case YamlMappingNode map when map.Children.TryGetValue(new YamlScalarNode(step), out var child):
                    node = child;
                    break;
                default:
                    return null;
            }
        }
        return node;
    }

    public static string Scalar(YamlNode node, string path) =>
        ((YamlScalarNode)(Find(node, path) ?? throw new KeyNotFoundException(path))).Value!;

    public static YamlScalarNode ScalarNode(YamlNode node, string path) =>
        (YamlScalarNode)(Find(node, path) ?? throw new KeyNotFoundException(path));

    public static IReadOnlyList<string> Scalars(YamlNode node, string path) =>
        Find(node, path) is YamlSequenceNode seq ? seq.Children.Cast<YamlScalarNode>().Select(s => s.Value!).ToList() : [];

    /// <summary>A component's extraArgs in either form (v1beta3 map or v1beta4 list of name/value).</summary>
    public static IReadOnlyDictionary<string, string> ExtraArgs(YamlNode clusterConfiguration, string component)
    {
        var args = new Dictionary<string, string>();
        switch (Find(clusterConfiguration, component + ".extraArgs"))
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children) args.Add(((YamlScalarNode)k).Value!, ((YamlScalarNode)v).Value!);
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children) args.Add(Scalar(item, "name"), Scalar(item, "value"));
                break;
        }
        return args;
    }

    public static IReadOnlyList<YamlMappingNode> ApiServerVolumes(YamlNode clusterConfiguration) =>
        Find(clusterConfiguration, "apiServer.extraVolumes") is YamlSequenceNode seq ? seq.Children.Cast<YamlMappingNode>().ToList() : [];

    /// <summary>Every field path in a document: <c>a.b</c>, <c>a[].b</c> for sequences; the keys of an
    /// <c>extraArgs</c> map are collapsed to <c>*</c>.</summary>
    public static ISet<string> FieldPaths(YamlNode node)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Walk(node, "", paths);
        return paths;
    }

    private static void Walk(YamlNode node, string prefix, ISet<string> paths)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    var key = prefix.EndsWith("extraArgs", StringComparison.Ordinal) ? "*" : ((YamlScalarNode)k).Value!;
                    var path = prefix.Length == 0 ? key : prefix + "." + key;
                    paths.Add(path);
                    Walk(v, path, paths);
                }
                break;
            case YamlSequenceNode seq:
                paths.Add(prefix + "[]");
                foreach (var item in seq.Children) Walk(item, prefix + "[]", paths);
                break;
        }
    }

    /// <summary>The repository root (the folder with Pulumi.yaml), from the test binaries or else this source file.</summary>
    public static string RepoRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                    return dir.FullName;
        throw new InvalidOperationException("No repository root (a folder with Pulumi.yaml) found.");
    }
}
