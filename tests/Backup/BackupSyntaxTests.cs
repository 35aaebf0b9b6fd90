using Platform.Components.Backup;

namespace Platform.Tests.Backup;

/// <summary>Schedules, TTLs and bucket names are checked as Velero (robfig/cron, Go's time.ParseDuration) and S3 read
/// them.</summary>
public class BackupSyntaxTests
{
    [Theory]
    [InlineData("0 1 * * *")]
    [InlineData("30 * * * *")]
    [InlineData("*/15 0-6,22-23 * * mon-fri")]
    [InlineData("0 3 1,15 JAN-jun ?")]
    [InlineData("5 4 * * 0")]
    [InlineData("0 0 31 12 6")]
    public void Cron_of_five_fields_velero_reads_is_accepted(string cron) => Assert.Null(BackupSyntax.CronProblem(cron));

    [Theory]
    [InlineData("0 1 * *", "has 4 fields")]
    [InlineData("0 0 1 * * *", "has 6 fields")]
    [InlineData("@daily", "has 1 field;")]
    [InlineData("60 * * * *", "the minute field '60'")]
    [InlineData("0 24 * * *", "the hour field '24'")]
    [InlineData("0 0 0 * *", "the day of month field '0'")]
    [InlineData("0 0 * 13 *", "the month field '13'")]
    [InlineData("0 0 * * 7", "the day of week field '7'")]
    [InlineData("0 0 * * L", "the day of week field 'L'")]
    [InlineData("*/0 * * * *", "step '0'")]
    [InlineData("0 6-2 * * *", "ends before it starts")]
    [InlineData("0 1-2-3 * * *", "more than one '-'")]
    public void Cron_velero_would_refuse_is_refused(string cron, string message)
        => Assert.Contains(message, BackupSyntax.CronProblem(cron), StringComparison.Ordinal);

    [Theory]
    [InlineData("168h")]
    [InlineData("48h0m0s")]
    [InlineData("1h30m")]
    [InlineData("1.5h")]
    [InlineData("90m")]
    public void Go_durations_are_accepted(string ttl) => Assert.Null(BackupSyntax.DurationProblem(ttl));

    [Theory]
    [InlineData("7d", "is not a duration")]
    [InlineData("168", "is not a duration")]
    [InlineData("-1h", "is not a duration")]
    [InlineData("1h 30m", "is not a duration")]
    [InlineData("", "is not a duration")]
    [InlineData("0s", "is zero")]
    [InlineData("0h0m", "is zero")]
    public void Other_ttls_are_refused(string ttl, string message)
        => Assert.Contains(message, BackupSyntax.DurationProblem(ttl), StringComparison.Ordinal);

    [Theory]
    [InlineData("platform-backups", true)]
    [InlineData("a.b-c", true)]
    [InlineData("ab", false)]
    [InlineData("Backups", false)]
    [InlineData("-backups", false)]
    [InlineData("my..bucket", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("my_bucket", false)]
    public void Bucket_names_follow_s3s_rules(string bucket, bool valid) => Assert.Equal(valid, BackupSyntax.BucketProblem(bucket) is null);
}
