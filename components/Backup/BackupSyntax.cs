using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Components.Backup;

/// <summary>The syntax checks of the backup settings, as the programs that read them parse them: Velero's schedules
/// (robfig/cron's standard five-field parser, <c>cron.ParseStandard</c>), its durations (Go's
/// <c>time.ParseDuration</c>) and S3's bucket names. Each returns why the text is wrong, or null when it is fine.</summary>
public static partial class BackupSyntax
{
    private static readonly (string Name, int Min, int Max, string[]? Names)[] CronFields =
    [
        ("minute", 0, 59, null),
        ("hour", 0, 23, null),
        ("day of month", 1, 31, null),
        ("month", 1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
        ("day of week", 0, 6, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
    ];

    /// <summary>Why <paramref name="cron"/> is not five cron fields Velero accepts, or null. robfig/cron's standard
    /// parser reads each field as a comma-separated list of <c>*</c>, <c>?</c>, a value or a range <c>a-b</c>, each with an
    /// optional step <c>/n</c>; months and weekdays also by their three-letter English names; weekdays are 0 (Sunday) to
    /// 6. Its descriptors (<c>@daily</c>, <c>@every 1h</c>) are refused here so that every schedule reads the same
    /// way.</summary>
    public static string? CronProblem(string cron)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
            return $"'{cron}' has {fields.Length} field{(fields.Length == 1 ? "" : "s")}; a schedule is five cron fields: minute hour day-of-month month day-of-week (UTC), e.g. '0 1 * * *' for 01:00 every day";
        for (var i = 0; i < fields.Length; i++)
        {
            if (FieldProblem(fields[i], CronFields[i]) is { } problem)
                return $"'{cron}': the {CronFields[i].Name} field '{fields[i]}' {problem}";
        }
        return null;
    }

    private static string? FieldProblem(string field, (string Name, int Min, int Max, string[]? Names) spec)
    {
        foreach (var part in field.Split(','))
        {
            var slash = part.Split('/');
            if (slash.Length > 2) return "has more than one step ('/')";
            if (slash.Length == 2 && (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1))
                return $"has the step '{slash[1]}', which is not a positive number";
            var range = slash[0];
            if (range is "*" or "?") continue;
            var ends = range.Split('-');
            if (ends.Length > 2) return $"has the range '{range}' with more than one '-'";
            var first = Value(ends[0], spec);
            var last = ends.Length == 2 ? Value(ends[1], spec) : first;
            if (first is null || last is null)
                return $"has '{range}', which is not {spec.Min}-{spec.Max}{(spec.Names is null ? "" : $" or a name such as {spec.Names[0]}")}";
            if (first > last) return $"has the range '{range}', which ends before it starts";
        }
        return null;
    }

    private static int? Value(string text, (string Name, int Min, int Max, string[]? Names) spec)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value >= spec.Min && value <= spec.Max ? value : null;
        var index = spec.Names is null ? -1 : Array.IndexOf(spec.Names, text.ToLowerInvariant());
        return index < 0 ? null : index + spec.Min;
    }

    /// <summary>Why <paramref name="duration"/> is not a positive Go duration (<c>time.ParseDuration</c>: one or more
    /// decimal numbers, each with a unit ns, us, µs, ms, s, m or h, e.g. <c>168h</c> or <c>1h30m</c>), or null.</summary>
    public static string? DurationProblem(string duration)
    {
        ArgumentNullException.ThrowIfNull(duration);
        if (!GoDuration().IsMatch(duration))
            return $"'{duration}' is not a duration: use numbers with units h, m or s (Go's syntax), e.g. 168h for 7 days or 48h0m0s";
        var total = GoDurationPart().Matches(duration).Sum(m => double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture));
        return total > 0 ? null : $"'{duration}' is zero; a backup must be kept for some time, e.g. 168h";
    }

    /// <summary>Why <paramref name="bucket"/> is not an S3 bucket name (3 to 63 lowercase letters, digits, '.' and '-',
    /// beginning and ending with a letter or digit, not an IP address), or null.</summary>
    public static string? BucketProblem(string bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (!BucketName().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal) || IpLike().IsMatch(bucket))
            return $"'{bucket}' is not an S3 bucket name: use 3 to 63 lowercase letters, digits, '.' or '-', beginning and ending with a letter or digit, e.g. platform-backups";
        return null;
    }

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label (a namespace's or a Schedule's name).</summary>
    public static bool IsDns1123Label(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length <= 63 && Dns1123Label().IsMatch(name);
    }

    [GeneratedRegex(@"^((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"(?<n>\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex GoDurationPart();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex IpLike();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();
}
