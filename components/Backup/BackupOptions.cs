using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Components.Backup;

/// <summary>The user's backup choices (<c>platform:backup</c>): where backups go, when they run and how long they are
/// kept, which namespaces they hold, and how volume data is copied. <see cref="Validate"/> reports what is wrong in the
/// options themselves; what depends on other keys (the storage the Rook target needs, the credentials of an S3 target)
/// is checked by the composition.</summary>
public sealed record BackupOptions
{
    /// <summary>Where backups go; null (the default) lets the composition decide: the Rook object store when the platform
    /// deploys Rook-Ceph, otherwise the configuration must say <see cref="BackupTargetKind.S3"/>.</summary>
    public BackupTargetKind? Target { get; init; }

    /// <summary>The external endpoint; required with <see cref="BackupTargetKind.S3"/>, refused otherwise. Default
    /// none.</summary>
    public S3BackupSettings? S3 { get; init; }

    /// <summary>The recurring backups; null (the default) takes the tier's (small: daily kept 7 days; medium: daily
    /// kept 14 days; enterprise: hourly kept 48 hours and daily kept 30 days).</summary>
    public IReadOnlyList<BackupSchedule>? Schedules { get; init; }

    /// <summary>The namespaces every backup holds; empty (the default) means every namespace not excluded.</summary>
    public IReadOnlyList<string> IncludeNamespaces { get; init; } = [];

    /// <summary>The namespaces no backup holds; null (the default) excludes the platform's own namespaces that hold no
    /// state (<see cref="BackupNamespaces.DefaultExcluded"/>).</summary>
    public IReadOnlyList<string>? ExcludeNamespaces { get; init; }

    /// <summary>How volume data is backed up. Default <see cref="BackupVolumes.FileSystem"/>.</summary>
    public BackupVolumes Volumes { get; init; } = BackupVolumes.FileSystem;

    /// <summary>The namespaces excluded, the configured ones or the default list.</summary>
    public IReadOnlyList<string> EffectiveExcludedNamespaces => ExcludeNamespaces ?? BackupNamespaces.DefaultExcluded;

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Target == BackupTargetKind.S3 && S3 is null)
            problems.Add("target s3 needs s3: {\"endpoint\": \"https://...\", \"bucket\": \"...\", \"region\": \"...\"}.");
        if (Target != BackupTargetKind.S3 && S3 is not null)
            problems.Add($"s3 is set but target is {(Target is null ? "not s3" : TargetText(Target.Value))}, so it would be ignored. Set target s3, or remove s3.");
        if (S3 is { } s3) problems.AddRange(S3Problems(s3));
        if (Schedules is { } schedules)
        {
            if (schedules.Count == 0)
                problems.Add("schedules is empty: no backup would ever run. Remove it for the tier's schedules, list at least one, or switch the backup capability off.");
            foreach (var schedule in schedules)
            {
                if (!BackupSyntax.IsDns1123Label(schedule.Name))
                    problems.Add($"schedule name '{schedule.Name}' is not a DNS-1123 label (lowercase letters, digits and '-'), e.g. daily.");
                if (BackupSyntax.CronProblem(schedule.Cron) is { } cron)
                    problems.Add($"schedule {schedule.Name}: cron {cron}.");
                if (BackupSyntax.DurationProblem(schedule.Ttl) is { } ttl)
                    problems.Add($"schedule {schedule.Name}: ttl {ttl}.");
            }
            foreach (var duplicate in schedules.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
                problems.Add($"schedule name '{duplicate.Key}' is used more than once; each schedule needs its own name.");
        }
        foreach (var (field, names) in new[] { ("includeNamespaces", IncludeNamespaces), ("excludeNamespaces", ExcludeNamespaces ?? []) })
        {
            foreach (var name in names.Where(n => !BackupSyntax.IsDns1123Label(n)))
                problems.Add($"{field} entry '{name}' is not a namespace name (a DNS-1123 label).");
        }
        foreach (var both in IncludeNamespaces.Intersect(EffectiveExcludedNamespaces, StringComparer.Ordinal))
            problems.Add($"namespace {both} is both included and excluded{(ExcludeNamespaces is null ? " (by the default exclusions: set excludeNamespaces to override them)" : "")}. Keep it in one list.");
        if (Volumes == BackupVolumes.Snapshot)
            problems.Add("volumes snapshot needs CSI volume snapshots (the snapshot.storage.k8s.io CRDs, the snapshot controller and a VolumeSnapshotClass for the storage), which this version of Platform does not deploy. Use fileSystem (Kopia file-system backup, the default) or none.");
        return problems;
    }

    /// <summary>The target of an external endpoint (<see cref="S3"/>), or null without one.</summary>
    public BackupTarget? ExternalTarget() => S3 is not { } s3 ? null : new BackupTarget
    {
        Endpoint = new Uri(s3.Endpoint.TrimEnd('/'), UriKind.Absolute),
        Bucket = s3.Bucket,
        Region = s3.Region,
        Prefix = s3.Prefix,
        ForcePathStyle = s3.ForcePathStyle,
        CaBundlePem = s3.CaBundle,
        InCluster = false,
    };

    /// <summary>The target as written in configuration: rook or s3.</summary>
    public static string TargetText(BackupTargetKind kind) => kind == BackupTargetKind.Rook ? "rook" : "s3";

    private static IEnumerable<string> S3Problems(S3BackupSettings s3)
    {
        if (string.IsNullOrWhiteSpace(s3.Endpoint))
            yield return "s3.endpoint is required: the S3 server's URL, e.g. https://s3.example.internal:9000.";
        else if (!Uri.TryCreate(s3.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
            yield return $"s3.endpoint '{s3.Endpoint}' is not an http(s) URL. Use https://host[:port], e.g. https://s3.example.internal:9000.";
        else if (uri.UserInfo.Length > 0)
            yield return "s3.endpoint carries a user or password in the URL, where it would be stored and shown in plain text. Remove it and put the access key in the secret platform:backupCredentials.";
        else if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            yield return $"s3.endpoint '{s3.Endpoint}' has a path or query; give the server only (https://host[:port]) and the bucket in s3.bucket, a folder in s3.prefix.";
        else if (uri.Scheme == "http" && !s3.AllowHttp)
            yield return $"s3.endpoint '{s3.Endpoint}' is plain http: the access key and every backup would cross the network unencrypted. Use https, or set s3.allowHttp true for a test endpoint on a trusted network.";
        if (string.IsNullOrWhiteSpace(s3.Bucket))
            yield return "s3.bucket is required: the name of an existing bucket, e.g. platform-backups.";
        else if (BackupSyntax.BucketProblem(s3.Bucket) is { } bucket)
            yield return $"s3.bucket {bucket}.";
        if (string.IsNullOrWhiteSpace(s3.Region))
            yield return "s3.region is required: the region requests are signed for (us-east-1 for most MinIO and Ceph servers).";
        // The control planes sign their etcd uploads with the region and put them under the prefix, in their scripts.
        else if (!s3.Region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            yield return $"s3.region '{s3.Region}' may hold only letters, digits and hyphens, e.g. us-east-1.";
        if (s3.Prefix.StartsWith('/') || s3.Prefix.EndsWith('/') || s3.Prefix.Contains("//", StringComparison.Ordinal))
            yield return $"s3.prefix '{s3.Prefix}' must not begin or end with '/' or hold '//', e.g. clusters/prod.";
        else if (!s3.Prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/'))
            yield return $"s3.prefix '{s3.Prefix}' may hold only letters, digits and . _ - /, e.g. clusters/prod.";
        if (s3.CaBundle is { } pem && CaBundleProblem(pem) is { } ca)
            yield return $"s3.caBundle {ca}";
    }

    private static string? CaBundleProblem(string pem)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            return $"is not PEM certificates ({e.Message}). Paste the CA's -----BEGIN CERTIFICATE----- block(s).";
        }
        return certificates.Count == 0 ? "holds no -----BEGIN CERTIFICATE----- block. Paste the CA certificate(s) in PEM." : null;
    }
}
