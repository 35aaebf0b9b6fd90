namespace Platform.Components.Backup;

/// <summary>One recurring backup: a Velero Schedule that starts a backup at every <see cref="Cron"/> time (UTC) and
/// keeps each backup for <see cref="Ttl"/>.</summary>
/// <param name="Name">The Schedule's name, a DNS-1123 label unique among the schedules (e.g. <c>daily</c>); the backups
/// it starts are named <c>&lt;name&gt;-&lt;timestamp&gt;</c>.</param>
/// <param name="Cron">When a backup starts: five cron fields (minute hour day-of-month month day-of-week), in UTC, as
/// Velero's parser reads them (<see cref="BackupSyntax.CronProblem"/>), e.g. <c>0 1 * * *</c>.</param>
/// <param name="Ttl">How long each backup is kept before Velero deletes it, a Go duration (e.g. <c>168h</c>,
/// <c>48h0m0s</c>).</param>
public sealed record BackupSchedule(string Name, string Cron, string Ttl);
