using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.Backup;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:backup</c>; unknown fields are errors. What depends on other keys (the storage a Rook
/// target needs, the credentials of an S3 target) is checked by the composition's <c>LayerRequirements</c>.</summary>
internal static class BackupOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private sealed record S3Json(
        [property: JsonPropertyName("endpoint")] string? Endpoint,
        [property: JsonPropertyName("bucket")] string? Bucket,
        [property: JsonPropertyName("region")] string? Region,
        [property: JsonPropertyName("prefix")] string? Prefix,
        [property: JsonPropertyName("forcePathStyle")] bool? ForcePathStyle,
        [property: JsonPropertyName("caBundle")] string? CaBundle,
        [property: JsonPropertyName("allowHttp")] bool? AllowHttp);

    private sealed record ScheduleJson(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("cron")] string? Cron,
        [property: JsonPropertyName("ttl")] string? Ttl);

    private sealed record BackupJson(
        [property: JsonPropertyName("target")] string? Target,
        [property: JsonPropertyName("s3")] S3Json? S3,
        [property: JsonPropertyName("schedules")] ScheduleJson[]? Schedules,
        [property: JsonPropertyName("includeNamespaces")] string[]? IncludeNamespaces,
        [property: JsonPropertyName("excludeNamespaces")] string[]? ExcludeNamespaces,
        [property: JsonPropertyName("volumes")] string? Volumes);

    private static readonly Dictionary<string, BackupTargetKind> Targets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rook"] = BackupTargetKind.Rook, ["s3"] = BackupTargetKind.S3,
    };

    private static readonly Dictionary<string, BackupVolumes> Volumes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fileSystem"] = BackupVolumes.FileSystem, ["snapshot"] = BackupVolumes.Snapshot, ["none"] = BackupVolumes.None,
    };

    /// <summary>The backup options: the defaults (target decided by the storage, the tier's schedules) when the key is
    /// unset, or null when it is wrong (see the problems).</summary>
    public static BackupOptions? Read(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Backup;
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text))
            return new BackupOptions();
        BackupJson json;
        try
        {
            json = JsonSerializer.Deserialize<BackupJson>(text, Strict) ?? throw new JsonException("the value is null");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
            problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
            return null;
        }

        var before = problems.Count;
        BackupTargetKind? target = null;
        if (json.Target is not null)
        {
            if (Targets.TryGetValue(json.Target, out var kind)) target = kind;
            else problems.Add($"{key.Name}.target", $"'{json.Target}' is not a backup target. Use rook (the platform's Rook-Ceph object store) or s3 (an external endpoint).");
        }
        var volumes = BackupVolumes.FileSystem;
        if (json.Volumes is not null && !Volumes.TryGetValue(json.Volumes, out volumes))
            problems.Add($"{key.Name}.volumes", $"'{json.Volumes}' is not a volume backup method. Use fileSystem (the default) or none.");
        var schedules = json.Schedules?.Select((s, i) =>
        {
            if (s is null || s.Name is null || s.Cron is null || s.Ttl is null)
                problems.Add($"{key.Name}.schedules[{i}]", "needs name, cron and ttl, e.g. {\"name\": \"daily\", \"cron\": \"0 1 * * *\", \"ttl\": \"168h\"}.");
            return new BackupSchedule(s?.Name ?? "", s?.Cron ?? "", s?.Ttl ?? "");
        }).ToList();
        if (problems.Count > before)
            return null;

        var options = new BackupOptions
        {
            Target = target,
            S3 = json.S3 is { } s3 ? new S3BackupSettings
            {
                Endpoint = s3.Endpoint ?? "",
                Bucket = s3.Bucket ?? "",
                Region = s3.Region ?? "",
                Prefix = s3.Prefix ?? "",
                ForcePathStyle = s3.ForcePathStyle ?? true,
                CaBundle = s3.CaBundle,
                AllowHttp = s3.AllowHttp ?? false,
            } : null,
            Schedules = schedules,
            IncludeNamespaces = json.IncludeNamespaces ?? [],
            ExcludeNamespaces = json.ExcludeNamespaces,
            Volumes = volumes,
        };
        var found = options.Validate();
        foreach (var problem in found)
            problems.Add(key.Name, problem);
        return found.Count == 0 ? options : null;
    }
}
