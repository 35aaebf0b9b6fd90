using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>How Go's YAML reader behind sigs.k8s.io/yaml (goyaml.v2; the kubelet, kubeadm, kubectl, the API server and
/// Helm read YAML with it) types an unquoted scalar, and a serializer setting that quotes every string it would retype,
/// so a string is always read back as a string.</summary>
public static partial class GoYamlScalars
{
    /// <summary>Quotes (double quotes) every string value or key that <see cref="ReadsAsNonString"/> says a Go YAML
    /// reader would take for a boolean, null or number.</summary>
    public static SerializerBuilder QuotingGoYamlNonStrings(this SerializerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithEventEmitter(next => new QuotingEmitter(next));
    }

    /// <summary>Whether a YAML 1.1 reader would take the plain (unquoted) scalar <paramref name="text"/> for something
    /// other than a string. Follows goyaml.v2's resolver behind sigs.k8s.io/yaml: the words of its table (booleans such
    /// as <c>yes</c>/<c>on</c>, nulls, <c>.inf</c>, <c>.nan</c>); after a leading digit or sign, whatever Go's
    /// <c>strconv.ParseInt(s, 0, 64)</c> or its float pattern accepts once underscores are removed (<c>6443</c>,
    /// <c>0x1F</c>, <c>0O17</c>, <c>0b1</c>, <c>08</c>, <c>1e5</c>, <c>1_000</c>); after a leading dot, a float
    /// (<c>.5</c>). Base-60 numbers (<c>1:30</c>), which other YAML 1.1 readers take for numbers, are included.</summary>
    public static bool ReadsAsNonString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || Yaml11Word().IsMatch(text)) return true;
        var first = text[0];
        if (first == '.') return DotFloat().IsMatch(text);
        if (first is not ('+' or '-') && !char.IsAsciiDigit(first)) return false;
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        return GoInteger().IsMatch(plain) || YamlStyleFloat().IsMatch(plain) || Sexagesimal().IsMatch(text);
    }

    [GeneratedRegex(@"^(~|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Yaml11Word();

    [GeneratedRegex("^[-+]?(0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex GoInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DotFloat();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Sexagesimal();

    private sealed class QuotingEmitter(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Type == typeof(string) && eventInfo.Source.Value is string text
                && eventInfo.Style is ScalarStyle.Any or ScalarStyle.Plain && ReadsAsNonString(text))
                eventInfo.Style = ScalarStyle.DoubleQuoted;
            base.Emit(eventInfo, emitter);
        }
    }
}
