using System.Text.Json;
using Platform.Components.Networking.Cni;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:cni</c>: the CNI plugin and its options.</summary>
internal static class NetworkingOptionsParser
{
    private const string Example = """{"plugin": "cilium", "encryption": "all", "kubeProxyReplacement": true, "hubble": true}""";

    private static readonly Dictionary<string, CniPlugin> Plugins = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cilium"] = CniPlugin.Cilium,
        ["calico"] = CniPlugin.Calico,
    };

    private static readonly Dictionary<string, CniEncryption> Encryptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = CniEncryption.None,
        ["pod"] = CniEncryption.PodTraffic,
        ["all"] = CniEncryption.AllTraffic,
    };

    private static readonly string[] Fields = ["plugin", "encryption", "kubeProxyReplacement", "hubble"];

    /// <summary>The CNI options; Cilium without encryption, kube-proxy replacement or Hubble when unset.</summary>
    public static CniOptions? ReadCni(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Cni;
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new CniOptions();
        }

        if (!ConfigJson.TryParse(text, key.Name, Example, problems, out var root))
        {
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(key.Name, $"is {ConfigSyntax.Describe(root.ValueKind)}, not an object. Use e.g. `{Example}`.");
            return null;
        }

        var before = problems.Count;
        var options = new CniOptions();
        foreach (var property in ConfigJson.Properties(root, key.Name, problems))
        {
            var path = ConfigSyntax.PathSegment(key.Name, property.Name);
            switch (property.Name)
            {
                case "plugin":
                    if (ConfigJson.Choice(property.Value, Plugins, path, problems) is { } plugin) options = options with { Plugin = plugin };
                    break;
                case "encryption":
                    if (ConfigJson.Choice(property.Value, Encryptions, path, problems) is { } encryption) options = options with { Encryption = encryption };
                    break;
                case "kubeProxyReplacement":
                    if (ConfigJson.Flag(property.Value, path, problems) is { } replace) options = options with { KubeProxyReplacement = replace };
                    break;
                case "hubble":
                    if (ConfigJson.Flag(property.Value, path, problems) is { } hubble) options = options with { Hubble = hubble };
                    break;
                default:
                    problems.Add(path, $"'{property.Name}' is not a CNI setting{ConfigSyntax.DidYouMean(property.Name, Fields)}. Use {string.Join(", ", Fields)}.");
                    break;
            }
        }

        if (problems.Count != before)
        {
            return null;
        }

        foreach (var problem in options.Validate())
        {
            problems.Add(key.Name, problem);
        }

        return problems.Count == before ? options : null;
    }
}
