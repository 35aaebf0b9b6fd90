using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Tests.Validation;

/// <summary>
/// A systemd unit file decoded by systemd's own rules (systemd.syntax(7)): <c>[Section]</c> headers, <c>Key=Value</c>
/// assignments with the whitespace around the key and the value dropped, comments on lines starting with <c>#</c> or
/// <c>;</c>, a trailing backslash joining a line with the next one (as a space), keys repeated into lists and an empty
/// assignment resetting the list. Anything else (an assignment before any section, a line that is neither, a section
/// given twice) is an error, where systemd would ignore it with a warning: a unit Platform renders has none.
/// Time spans are read as systemd.time(7) reads them.
/// </summary>
public sealed partial class SystemdUnit
{
    private readonly Dictionary<string, Dictionary<string, List<string>>> _sections;

    private SystemdUnit(Dictionary<string, Dictionary<string, List<string>>> sections) => _sections = sections;

    /// <summary>The sections, in no particular order.</summary>
    public IReadOnlyCollection<string> Sections => _sections.Keys;

    /// <summary>Decodes <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">A line systemd would not read as a section or an assignment.</exception>
    public static SystemdUnit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        Dictionary<string, List<string>>? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var number = i + 1;
            // A comment line is never continued; an assignment ending in a backslash is.
            if (line.TrimStart().StartsWith('#') || line.TrimStart().StartsWith(';')) continue;
            while (line.EndsWith('\\') && i + 1 < lines.Length)
                line = line[..^1] + " " + lines[++i].TrimEnd('\r');
            line = line.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('['))
            {
                var header = SectionHeader().Match(line);
                if (!header.Success) throw new FormatException($"line {number}: '{line}' is not a section header");
                var name = header.Groups[1].Value;
                if (sections.ContainsKey(name)) throw new FormatException($"line {number}: section [{name}] is given twice");
                sections[name] = current = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new FormatException($"line {number}: '{line}' is neither a section header nor an assignment");
            if (current is null) throw new FormatException($"line {number}: '{line}' comes before any section");
            var key = line[..equals].Trim();
            if (!KeyName().IsMatch(key)) throw new FormatException($"line {number}: '{key}' is not a key name");
            var value = line[(equals + 1)..].Trim();
            if (!current.TryGetValue(key, out var values)) current[key] = values = [];
            if (value.Length == 0) values.Clear();
            else values.Add(value);
        }
        return new SystemdUnit(sections);
    }

    /// <summary>Every value of <paramref name="key"/> in <paramref name="section"/>, in order (empty when it is not set).</summary>
    public IReadOnlyList<string> All(string section, string key) =>
        _sections.TryGetValue(section, out var keys) && keys.TryGetValue(key, out var values) ? values : [];

    /// <summary>The keys set in <paramref name="section"/>.</summary>
    public IReadOnlyCollection<string> Keys(string section) =>
        _sections.TryGetValue(section, out var keys) ? keys.Keys : throw new KeyNotFoundException($"no section [{section}]");

    /// <summary>The single value of <paramref name="key"/> in <paramref name="section"/>; fails when it is unset or repeated.</summary>
    public string Single(string section, string key) => Assert.Single(All(section, key));

    /// <summary>A time span as systemd.time(7) reads it: numbers with units (<c>us</c>, <c>ms</c>, <c>s</c>, <c>min</c>,
    /// <c>h</c>, <c>d</c>, <c>w</c> and their long forms), summed; a bare number is seconds.</summary>
    /// <exception cref="FormatException">Not a time span.</exception>
    public static TimeSpan TimeSpanOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        var matches = SpanPart().Matches(trimmed);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)).Replace(" ", "", StringComparison.Ordinal) != trimmed.Replace(" ", "", StringComparison.Ordinal))
            throw new FormatException($"'{value}' is not a systemd time span");
        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Value switch
            {
                "us" or "usec" => TimeSpan.FromMicroseconds(amount),
                "ms" or "msec" => TimeSpan.FromMilliseconds(amount),
                "s" or "sec" or "second" or "seconds" => TimeSpan.FromSeconds(amount),
                "m" or "min" or "minute" or "minutes" => TimeSpan.FromMinutes(amount),
                "h" or "hr" or "hour" or "hours" => TimeSpan.FromHours(amount),
                "d" or "day" or "days" => TimeSpan.FromDays(amount),
                "w" or "week" or "weeks" => TimeSpan.FromDays(7 * amount),
                var unit => throw new FormatException($"'{unit}' in '{value}' is not a systemd time unit"),
            };
        }
        return total;
    }

    [GeneratedRegex(@"^\[([^\[\]]+)\]$")]
    private static partial Regex SectionHeader();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex KeyName();

    [GeneratedRegex(@"\s*([0-9]+(?:\.[0-9]+)?)\s*([a-z]+)")]
    private static partial Regex SpanPart();
}
