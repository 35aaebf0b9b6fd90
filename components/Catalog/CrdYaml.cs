using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Platform.Components.Cluster.Kubeadm;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Platform.Components.Catalog;

/// <summary>Reads a vendored CRD file into the values a resource input carries: read-only, insertion-ordered maps
/// (<see cref="ReadOnlyDictionary{TKey, TValue}"/> of string to object), read-only lists, strings, booleans, numbers
/// (<see cref="int"/>, or <see cref="double"/> when an integer does not fit in 32 bits or the scalar is a float: the
/// Pulumi SDK sends no other number types, and its wire carries every number as a double).
/// A plain scalar is typed by the YAML 1.2 core schema; one that Go's YAML reader behind sigs.k8s.io/yaml (goyaml.v2,
/// a YAML 1.1 reader, which Helm and kubectl read these files with) would type differently is refused rather than
/// guessed at: <c>yes</c>, <c>on</c>, <c>0755</c>, <c>1_000</c>, <c>0b1</c>, ... (<see cref="GoYamlScalars"/>). So are
/// what a resource input cannot carry as written: nulls (the SDK drops them from maps), <c>.inf</c> and <c>.nan</c>,
/// anchors, aliases, tags, duplicate keys, keys that are not strings, and a file that is not exactly one document.</summary>
internal static partial class CrdYaml
{
    /// <summary>The file's only document, which must be a mapping.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">Where the text comes from, for error messages.</param>
    /// <exception cref="InvalidDataException">The text is not one YAML mapping, or uses something refused above.</exception>
    public static IReadOnlyDictionary<string, object> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            parser.Consume<DocumentStart>();
            var root = Node(parser, source) as IReadOnlyDictionary<string, object>
                ?? throw new InvalidDataException($"{source}: the document is not a mapping.");
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                throw new InvalidDataException($"{source}: more than one YAML document.");
            return root;
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{source}: not valid YAML: {e.Message}", e);
        }
    }

    private static object Node(IParser parser, string source)
    {
        if (parser.Current is AnchorAlias alias)
            throw Refused(source, alias.Start, $"alias *{alias.Value}");
        var node = parser.Current as NodeEvent
            ?? throw Refused(source, parser.Current!.Start, $"unexpected YAML event {parser.Current.GetType().Name}");
        if (!node.Anchor.IsEmpty)
            throw Refused(source, node.Start, $"anchor &{node.Anchor}");
        if (!node.Tag.IsEmpty && node.Tag.Value is not ("!" or "?"))
            throw Refused(source, node.Start, $"tag {node.Tag.Value}");
        parser.MoveNext();
        switch (node)
        {
            case Scalar scalar:
                return Value(scalar, source);
            case SequenceStart:
            {
                var items = new List<object>();
                while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(Node(parser, source));
                return new ReadOnlyCollection<object>(items);
            }
            case MappingStart:
            {
                var map = new Dictionary<string, object>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = parser.Current as Scalar ?? throw Refused(source, parser.Current!.Start, "a key that is not a scalar");
                    if (!key.Tag.IsEmpty && key.Tag.Value is not ("!" or "?")) throw Refused(source, key.Start, $"tag {key.Tag.Value}");
                    if (!key.Anchor.IsEmpty) throw Refused(source, key.Start, $"anchor &{key.Anchor}");
                    if (Value(key, source) is not string name) throw Refused(source, key.Start, $"the key '{key.Value}', which is not a string");
                    parser.MoveNext();
                    if (!map.TryAdd(name, Node(parser, source))) throw Refused(source, key.Start, $"the duplicate key '{name}'");
                }
                return new ReadOnlyDictionary<string, object>(map);
            }
            default:
                throw Refused(source, node.Start, $"unexpected YAML event {node.GetType().Name}");
        }
    }

    private static object Value(Scalar scalar, string source)
    {
        if (scalar.Style is not ScalarStyle.Plain) return scalar.Value;
        var text = scalar.Value;
        if (text is "" or "~" or "null" or "Null" or "NULL") throw Refused(source, scalar.Start, "a null value");
        if (text is "true" or "True" or "TRUE") return true;
        if (text is "false" or "False" or "FALSE") return false;
        if (CoreInteger().Match(text) is { Success: true } integer)
        {
            if (integer.Groups["decimal"].Success && integer.Groups["decimal"].Value is ['0', _, ..])
                throw Refused(source, scalar.Start, $"'{text}', a decimal number with a leading zero (YAML 1.1 reads it as octal or a float)");
            var digits = integer.Groups["decimal"].Success ? integer.Groups["decimal"].Value
                : integer.Groups["hex"].Success ? integer.Groups["hex"].Value : integer.Groups["octal"].Value;
            var radix = integer.Groups["decimal"].Success ? 10 : integer.Groups["hex"].Success ? 16 : 8;
            var value = digits.Aggregate(BigInteger.Zero, (sum, digit) => sum * radix + Convert.ToInt32(digit.ToString(), 16));
            if (text[0] == '-') value = -value;
            return value >= int.MinValue && value <= int.MaxValue ? (object)(int)value : (double)value;
        }
        if (CoreFloat().IsMatch(text)) return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (NotANumber().IsMatch(text)) throw Refused(source, scalar.Start, $"'{text}', a float that JSON cannot carry");
        if (GoYamlScalars.ReadsAsNonString(text))
            throw Refused(source, scalar.Start, $"the plain scalar '{text}', which YAML 1.1 readers take for a boolean, null or number and YAML 1.2 for a string (quote it)");
        return text;
    }

    private static InvalidDataException Refused(string source, Mark at, string what)
        => new($"{source}, line {at.Line}, column {at.Column}: {what} is not accepted in a vendored CRD file.");

    [GeneratedRegex("^[-+]?((?<decimal>[0-9]+)|0o(?<octal>[0-7]+)|0x(?<hex>[0-9a-fA-F]+))$", RegexOptions.CultureInvariant)]
    private static partial Regex CoreInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CoreFloat();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex NotANumber();
}
