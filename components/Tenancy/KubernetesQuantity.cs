using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Components.Tenancy;

/// <summary>
/// A Kubernetes resource quantity (<c>500m</c>, <c>2</c>, <c>1.5Gi</c>, <c>1e3</c>), read by the grammar of
/// k8s.io/apimachinery/pkg/api/resource/quantity.go: a signed decimal number, then a binary suffix (Ki, Mi, Gi, Ti, Pi,
/// Ei), a decimal suffix (m, k, M, G, T, P, E or none) or a decimal exponent (e or E and a whole number). The platform's
/// own sizing fields (a component's CPU and memory requests and limits) read a narrower grammar: <see cref="SizingValue"/>.
/// </summary>
public static partial class KubernetesQuantity
{
    /// <summary>The quantity's value (in the resource's base unit: cores, bytes, objects), or null when
    /// <paramref name="text"/> is not a Kubernetes quantity.</summary>
    /// <param name="text">The quantity as written, e.g. <c>512Mi</c>.</param>
    public static double? Value(string? text)
    {
        if (text is null) return null;
        var match = Grammar().Match(text);
        if (!match.Success) return null;
        var number = match.Groups["number"].Value;
        if (!double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return null;
        if (match.Groups["exponent"].Success)
            return value * Math.Pow(10, int.Parse(match.Groups["exponent"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        return value * Multiplier(match.Groups["suffix"].Value);
    }

    /// <summary>The value (cores, bytes) of a sizing quantity, or null when <paramref name="text"/> is not one. A sizing
    /// quantity is an unsigned decimal number (digits, then optionally a point and digits) with at most one suffix of
    /// m, k, M, G, T, Ki, Mi, Gi or Ti: the quantities the platform's sizing options accept (e.g. <c>500m</c>, <c>2</c>,
    /// <c>1.5Gi</c>; not <c>.5</c>, <c>-1</c>, <c>1e3</c> or <c>1Pi</c>, which <see cref="Value"/> reads).</summary>
    /// <param name="text">The quantity as written, e.g. <c>512Mi</c>.</param>
    public static double? SizingValue(string? text)
    {
        if (text is null) return null;
        var match = SizingGrammar().Match(text);
        if (!match.Success) return null;
        return double.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            * Multiplier(match.Groups["suffix"].Value);
    }

    /// <summary>Whether <paramref name="text"/> is a sizing quantity (<see cref="SizingValue"/>).</summary>
    /// <param name="text">The quantity as written.</param>
    public static bool IsSizing(string? text) => SizingValue(text) is not null;

    private static double Multiplier(string suffix) => suffix switch
    {
        "Ki" => 1024d, "Mi" => Math.Pow(1024, 2), "Gi" => Math.Pow(1024, 3), "Ti" => Math.Pow(1024, 4),
        "Pi" => Math.Pow(1024, 5), "Ei" => Math.Pow(1024, 6),
        "m" => 1e-3, "k" => 1e3, "M" => 1e6, "G" => 1e9, "T" => 1e12, "P" => 1e15, "E" => 1e18,
        _ => 1d,
    };

    /// <summary>Whether <paramref name="text"/> is a Kubernetes quantity that is not negative.</summary>
    /// <param name="text">The quantity as written.</param>
    public static bool IsNonNegative(string? text) => Value(text) is >= 0;

    [GeneratedRegex(@"^(?<number>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)|[eE](?<exponent>[+-]?[0-9]{1,3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    [GeneratedRegex(@"^(?<number>[0-9]+(?:\.[0-9]+)?)(?<suffix>m|k|M|G|T|Ki|Mi|Gi|Ti)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SizingGrammar();
}
