using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Platform.Tests.Validation;

/// <summary>
/// Reads YAML the way Kubernetes' own readers do before they decode: sigs.k8s.io/yaml's <c>YAMLToJSON</c>, which the
/// kubelet (static pods), kubeadm and the API server's configuration loaders use. A plain scalar becomes a boolean,
/// null or number by its spelling under YAML 1.1 (goyaml.v2's resolver: <c>yes</c>, <c>on</c>, <c>true</c>, <c>6443</c>,
/// <c>0x1F</c>, <c>0o17</c>, <c>1_000</c>, <c>08</c> (a float), <c>1.5</c>, <c>~</c>, ...; numbers only after a leading
/// digit, sign or dot); a quoted scalar stays a string, and a key is written as its value's JSON text. So <c>value: true</c> reaches the decoder as a
/// JSON boolean, exactly as it reaches the kubelet. Anchors, aliases and tags are refused: the platform never emits them.
/// </summary>
public static partial class KubeYaml
{
    /// <summary>Every document of the stream, as JSON (an empty document is null).</summary>
    /// <exception cref="YamlException">The text is not YAML, or uses an anchor, alias or tag.</exception>
    public static IReadOnlyList<JsonNode?> Documents(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<JsonNode?>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            documents.Add(parser.Accept<DocumentEnd>(out _) ? null : Node(parser));
            parser.Consume<DocumentEnd>();
        }
        parser.Consume<StreamEnd>();
        return documents;
    }

    /// <summary>The only document of the stream, as JSON.</summary>
    /// <exception cref="YamlException">The text is not exactly one YAML document, or uses an anchor, alias or tag.</exception>
    public static JsonNode? Single(string yaml)
    {
        var documents = Documents(yaml);
        return documents.Count == 1 ? documents[0] : throw new YamlException($"Expected one YAML document, found {documents.Count}.");
    }

    /// <summary>Whether the text has any anchor (<c>&amp;a</c>) or alias (<c>*a</c>).</summary>
    public static bool HasAnchorsOrAliases(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        while (parser.MoveNext())
        {
            if (parser.Current is AnchorAlias) return true;
            if (parser.Current is NodeEvent { Anchor.IsEmpty: false }) return true;
        }
        return false;
    }

    private static JsonNode? Node(IParser parser)
    {
        if (parser.Current is AnchorAlias alias)
            throw new YamlException(alias.Start, alias.End, $"Alias *{alias.Value} at {alias.Start}: the platform's YAML must not use anchors or aliases.");
        var node = (NodeEvent)parser.Current!;
        if (!node.Anchor.IsEmpty)
            throw new YamlException(node.Start, node.End, $"Anchor &{node.Anchor} at {node.Start}: the platform's YAML must not use anchors or aliases.");
        if (!node.Tag.IsEmpty && node.Tag.Value is not ("!" or "?"))
            throw new YamlException(node.Start, node.End, $"Tag {node.Tag} at {node.Start}: the platform's YAML does not use tags.");
        switch (node)
        {
            case Scalar scalar:
                parser.MoveNext();
                return ScalarValue(scalar);
            case SequenceStart:
            {
                parser.MoveNext();
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(Node(parser));
                return array;
            }
            case MappingStart start:
            {
                parser.MoveNext();
                var map = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current as Scalar
                        ?? throw new YamlException(start.Start, start.End, $"Mapping at {start.Start} has a key that is not a scalar.");
                    // YAMLToJSON turns every key into its JSON text (yes -> "true", 0x10 -> "16").
                    var key = KeyText(keyEvent);
                    parser.MoveNext();
                    if (map.ContainsKey(key))
                        throw new YamlException(keyEvent.Start, keyEvent.End, $"Duplicate key '{key}' at {keyEvent.Start}.");
                    map[key] = Node(parser);
                }
                return map;
            }
            default:
                throw new YamlException(node.Start, node.End, $"Unexpected YAML event {node.GetType().Name} at {node.Start}.");
        }
    }

    private static JsonNode? ScalarValue(Scalar scalar)
    {
        if (scalar.Style is not ScalarStyle.Plain) return JsonValue.Create(scalar.Value);
        var text = scalar.Value;
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (Yaml11True().IsMatch(text)) return JsonValue.Create(true);
        if (Yaml11False().IsMatch(text)) return JsonValue.Create(false);
        if (text is ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN")
            throw new YamlException(scalar.Start, scalar.End, $"'{text}' at {scalar.Start} is a YAML float that JSON cannot carry.");
        // goyaml.v2 tries numbers only after a leading digit or sign (with underscores removed) or a leading dot.
        if (text[0] == '.')
            return Yaml11DotFloat().IsMatch(text) ? JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)) : JsonValue.Create(text);
        if (text[0] is not ('+' or '-') && !char.IsAsciiDigit(text[0])) return JsonValue.Create(text);
        var digits = text.Replace("_", "", StringComparison.Ordinal);
        if (Yaml11Integer().IsMatch(digits) && TryInteger(digits, out var integer)) return JsonValue.Create(integer);
        if (Yaml11Float().IsMatch(digits)) return JsonValue.Create(double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture));
        return JsonValue.Create(text);
    }

    /// <summary>The key as YAMLToJSON writes it: a plain key that resolves to a boolean, null or integer becomes that
    /// value's JSON text (<c>yes</c> becomes <c>true</c>, <c>0x10</c> becomes <c>16</c>).</summary>
    private static string KeyText(Scalar key)
    {
        if (key.Style is not ScalarStyle.Plain) return key.Value;
        return ScalarValue(key) switch
        {
            null => "null",
            JsonValue value when value.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue value when value.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
            _ => key.Value,
        };
    }

    private static bool TryInteger(string text, out long value)
    {
        var negative = text.StartsWith('-');
        var body = text.TrimStart('-', '+');
        var prefix = body.Length > 1 && body[0] == '0' ? char.ToLowerInvariant(body[1]) : '\0';
        var ok = prefix == 'x' ? long.TryParse(body[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value)
            : prefix == 'b' ? TryBase(body[2..], 2, out value)
            : prefix == 'o' ? TryBase(body[2..], 8, out value)
            : body.Length > 1 && body[0] == '0' ? TryBase(body[1..], 8, out value)
            : long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (negative) value = -value;
        return ok;
    }

    private static bool TryBase(string digits, int radix, out long value)
    {
        try
        {
            value = Convert.ToInt64(digits, radix);
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            value = 0;
            return false;
        }
    }

    [GeneratedRegex("^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$", RegexOptions.CultureInvariant)]
    private static partial Regex Yaml11True();

    [GeneratedRegex("^(n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$", RegexOptions.CultureInvariant)]
    private static partial Regex Yaml11False();

    [GeneratedRegex("^[-+]?(0[bB][01]+|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[0-7]+|0|[1-9][0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Yaml11Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Yaml11Float();

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Yaml11DotFloat();
}
