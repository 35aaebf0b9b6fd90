using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>YAML emission for the kubeadm renderers: documents are built as insertion-ordered dictionaries and lists,
/// nulls are never written, and strings that a YAML 1.1 reader (Go's sigs.k8s.io/yaml, which kubeadm and the API
/// server use) would take for a boolean, null or number are quoted.</summary>
internal static partial class KubeadmYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .WithEventEmitter(next => new Yaml11SafeEmitter(next))
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
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

    [GeneratedRegex(@"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[-+]?(0|[1-9][0-9_]*|0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)|[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Yaml11NonString();

    private sealed class Yaml11SafeEmitter(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Type == typeof(string) && eventInfo.Source.Value is string text
                && eventInfo.Style is ScalarStyle.Any or ScalarStyle.Plain && Yaml11NonString().IsMatch(text))
                eventInfo.Style = ScalarStyle.DoubleQuoted;
            base.Emit(eventInfo, emitter);
        }
    }
}
