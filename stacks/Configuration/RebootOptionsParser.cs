using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Platform.Components.Cluster.Reboots;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:reboots</c>: whether kured reboots the nodes that need it, and when.</summary>
internal static partial class RebootOptionsParser
{
    private static readonly string[] Fields = ["enabled", "days", "startTime", "endTime", "timeZone", "drainTimeout"];

    // kured's day names (pkg/timewindow/days.go), which the window passes to it.
    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["su"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday,
        ["mo"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday,
        ["tu"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday,
        ["we"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["th"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday,
        ["fr"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday,
        ["sa"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday,
    };

    private static readonly TimeSpan MinDrain = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxDrain = TimeSpan.FromHours(24);

    /// <summary>The reboot options; the defaults when unset, null (with problems) when a field is wrong.</summary>
    public static NodeRebootOptions? Read(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Reboots;
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text)) return new NodeRebootOptions();
        if (!ConfigJson.TryParse(text, key.Name, key.Example, problems, out var root)) return null;
        if (root.ValueKind == JsonValueKind.Null) return new NodeRebootOptions();
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(key.Name, $"is {ConfigSyntax.Describe(root.ValueKind)}, not an object. Use e.g. `{key.Example}`.");
            return null;
        }

        var before = problems.Count;
        var fields = ConfigJson.Fields(root, key.Name, Fields, problems);
        var options = new NodeRebootOptions();
        if (Present(fields, "enabled") is { } enabled && ConfigJson.Flag(enabled, Path("enabled"), problems) is { } on)
            options = options with { Enabled = on };
        if (Present(fields, "days") is { } days && ReadDays(days, problems) is { } list)
            options = options with { Days = list };
        if (Present(fields, "startTime") is { } start && ReadTime(start, Path("startTime"), problems) is { } startTime)
            options = options with { StartTime = startTime };
        if (Present(fields, "endTime") is { } end && ReadTime(end, Path("endTime"), problems) is { } endTime)
            options = options with { EndTime = endTime };
        if (Present(fields, "timeZone") is { } zone && ReadZone(zone, problems) is { } timeZone)
            options = options with { TimeZone = timeZone };
        if (Present(fields, "drainTimeout") is { } drain && ReadDuration(drain, problems) is { } drainTimeout)
            options = options with { DrainTimeout = drainTimeout };
        if (problems.Count == before && options.StartTime == options.EndTime)
        {
            problems.Add(Path("endTime"), $"is the same as startTime ({Text(options.StartTime)}): the window would be empty. " +
                "Give an end time after the start (or before it, for a window over midnight); for the whole day use 00:00 to 23:59:59.");
        }

        return problems.Count == before ? options : null;
    }

    private static string Path(string field) => ConfigSyntax.PathSegment(PlatformConfigKeys.Reboots.Name, field);

    private static JsonElement? Present(Dictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static IReadOnlyList<DayOfWeek>? ReadDays(JsonElement value, ProblemCollector problems)
    {
        const string Fix = "Use a list of day names, e.g. [\"sat\", \"sun\"] (su, mo, tu, we, th, fr, sa, or their three-letter or full English names).";
        var path = Path("days");
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(path, $"is {ConfigSyntax.Describe(value.ValueKind)}, not a list. {Fix}");
            return null;
        }

        var before = problems.Count;
        var days = new List<DayOfWeek>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.String || !DayNames.TryGetValue(item.GetString()!.Trim(), out var day))
            {
                var shown = item.ValueKind == JsonValueKind.String ? $"'{item.GetString()}'" : item.GetRawText();
                problems.Add(itemPath, $"{shown} is not a day of the week{(item.ValueKind == JsonValueKind.String ? ConfigSyntax.DidYouMean(item.GetString()!, DayNames.Keys) : "")}. {Fix}");
                continue;
            }

            if (days.Contains(day))
            {
                problems.Add(itemPath, $"'{item.GetString()}' repeats {day}. List each day once.");
                continue;
            }

            days.Add(day);
        }

        if (problems.Count == before && days.Count == 0)
            problems.Add(path, $"is empty: nodes would never reboot. {Fix} To stop reboots, set enabled to false instead.");
        return problems.Count == before ? days.Order().ToList() : null;
    }

    private static TimeOnly? ReadTime(JsonElement value, string path, ProblemCollector problems)
    {
        const string Fix = "Use a 24-hour time of day as text, HH:MM or HH:MM:SS, e.g. \"02:00\" or \"23:59:59\".";
        if (value.ValueKind == JsonValueKind.String &&
            TimeOnly.TryParseExact(value.GetString()!.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        problems.Add(path, $"{value.GetRawText()} is not a time of day. {Fix}");
        return null;
    }

    private static string? ReadZone(JsonElement value, ProblemCollector problems)
    {
        var path = Path("timeZone");
        var zone = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        // NodaTime's own copy of the IANA tz database, the one Go (kured) reads, whatever this machine has installed.
        if (zone is { Length: > 0 } && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null) return zone;
        var hint = zone is null ? "" : ConfigSyntax.DidYouMean(zone, DateTimeZoneProviders.Tzdb.Ids);
        problems.Add(path, $"{value.GetRawText()} is not an IANA time zone{hint}. Use a tz database name as text, e.g. \"UTC\" or \"Europe/Berlin\".");
        return null;
    }

    private static TimeSpan? ReadDuration(JsonElement value, ProblemCollector problems)
    {
        const string Fix = "Use hours, minutes and seconds as text, e.g. \"15m\", \"1h30m\" or \"90s\", from 1m to 24h.";
        var path = Path("drainTimeout");
        var match = value.ValueKind == JsonValueKind.String ? Duration().Match(value.GetString()!.Trim()) : null;
        if (match is not { Success: true } || match.Value.Length == 0)
        {
            problems.Add(path, $"{value.GetRawText()} is not a duration. {Fix}");
            return null;
        }

        static long Part(Group group) => group.Success ? long.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        var seconds = Part(match.Groups["h"]) * 3600 + Part(match.Groups["m"]) * 60 + Part(match.Groups["s"]);
        if (seconds < MinDrain.TotalSeconds || seconds > MaxDrain.TotalSeconds)
        {
            problems.Add(path, $"{value.GetRawText()} is outside 1m to 24h: kured would give up on every drain, or (at 0) wait for ever. {Fix}");
            return null;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static string Text(TimeOnly time) => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:(?<h>\d{1,5})h)?(?:(?<m>\d{1,5})m)?(?:(?<s>\d{1,6})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
