using YamlDotNet.Serialization;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>YAML emission for every YAML file the cluster writes (the kubeadm documents, the API server's files, the
/// kube-vip static pod and kubeconfigs): documents are built as insertion-ordered dictionaries and lists, nulls are
/// never written, an object that appears twice is written twice (no anchors or aliases, which Kubernetes' readers do
/// not expect), and strings that a YAML 1.1 reader (Go's sigs.k8s.io/yaml, which the kubelet, kubeadm, kubectl and the
/// API server use) would take for a boolean, null or number are quoted.</summary>
internal static class KubeadmYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .QuotingGoYamlNonStrings()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .DisableAliases()
        .Build();

    /// <summary>One YAML document.</summary>
    public static string Serialize(object document) => Serializer.Serialize(document);

    /// <summary>Several YAML documents in one stream, separated by <c>---</c>.</summary>
    public static string Stream(IEnumerable<object> documents) => string.Join("---\n", documents.Select(Serialize));

    /// <summary>A mapping with the entries in the given order; entries whose value is null are left out.</summary>
    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
            if (value is not null)
                map.Add(key, value);
        return map;
    }
}
