using Platform.Components.Backup;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Backup;

/// <summary>platform:backup is read strictly, and a target that cannot work (no storage for rook, no credentials for
/// s3, credentials for rook, an unsafe endpoint, a cron or TTL Velero would refuse, CSI snapshots) stops the run, naming
/// the key and the fix, before any resource is registered.</summary>
public class BackupConfigTests
{
    internal const string S3 = """{"target": "s3", "s3": {"endpoint": "https://s3.example.internal:9000", "bucket": "platform-backups", "region": "us-east-1"}}""";

    internal const string Credentials = """{"accessKeyId": "AKIDEXAMPLE", "secretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}""";

    private static readonly string CaPem = SelfSignedCaPem();

    private static string SelfSignedCaPem()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=backup-ca", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem();
    }

    private static async Task<string> FailsBeforeAnyResource(Dictionary<string, string> config)
    {
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Empty(mocks.Registrations);
        return error.Message;
    }

    /// <summary>Sets an external target with its credentials (what an enterprise stack without Rook-Ceph needs).</summary>
    internal static Dictionary<string, string> WithExternalTarget(Dictionary<string, string> config)
    {
        config["backup"] = S3;
        config["backupCredentials"] = Credentials;
        return config;
    }

    internal static Dictionary<string, string> BackupOn(string? backup = null, string? credentials = null, string tier = "medium")
    {
        var config = ValidConfig.Values();
        config["tier"] = tier;
        config["capabilities"] = """{"backup": true}""";
        if (backup is not null) config["backup"] = backup;
        if (credentials is not null) config["backupCredentials"] = credentials;
        return config;
    }

    [Fact]
    public void Unset_backup_leaves_the_target_to_the_storage_and_the_schedules_to_the_tier()
    {
        var backup = ValidConfig.Load(_ => { }).Backup;
        Assert.Null(backup.Target);
        Assert.Null(backup.S3);
        Assert.Null(backup.Schedules);
        Assert.Empty(backup.IncludeNamespaces);
        Assert.Equal(BackupNamespaces.DefaultExcluded, backup.EffectiveExcludedNamespaces);
        Assert.Equal(BackupVolumes.FileSystem, backup.Volumes);
    }

    [Fact]
    public void Every_field_is_read()
    {
        var backup = ValidConfig.Load(v => v["backup"] = $$"""
            {"target": "s3", "s3": {"endpoint": "http://10.40.0.50:9000", "bucket": "platform-backups", "region": "eu-1", "prefix": "clusters/prod",
             "forcePathStyle": false, "caBundle": {{System.Text.Json.JsonSerializer.Serialize(CaPem)}}, "allowHttp": true},
             "schedules": [{"name": "nightly", "cron": "0 2 * * *", "ttl": "720h"}], "includeNamespaces": ["shop"], "excludeNamespaces": ["scratch"],
             "volumes": "none"}
            """).Backup;
        Assert.Equal(BackupTargetKind.S3, backup.Target);
        Assert.Equal(new S3BackupSettings { Endpoint = "http://10.40.0.50:9000", Bucket = "platform-backups", Region = "eu-1", Prefix = "clusters/prod", ForcePathStyle = false, CaBundle = CaPem, AllowHttp = true }, backup.S3);
        Assert.Equal([new BackupSchedule("nightly", "0 2 * * *", "720h")], backup.Schedules);
        Assert.Equal(["shop"], backup.IncludeNamespaces);
        Assert.Equal(["scratch"], backup.EffectiveExcludedNamespaces);
        Assert.Equal(BackupVolumes.None, backup.Volumes);
        var target = backup.ExternalTarget()!;
        Assert.Equal((new Uri("http://10.40.0.50:9000"), "platform-backups", "eu-1", "clusters/prod", false, CaPem, false),
            (target.Endpoint, target.Bucket, target.Region, target.Prefix, target.ForcePathStyle, target.CaBundlePem, target.InCluster));
        Assert.True(ValidConfig.Load(v => v["backup"] = S3).Backup.S3!.ForcePathStyle);
    }

    [Theory]
    [InlineData("""{"target": "gcs"}""", "platform:backup.target", "'gcs' is not a backup target")]
    [InlineData("""{"volumes": "snapshot"}""", "platform:backup", "volumes snapshot needs CSI volume snapshots")]
    [InlineData("""{"volumes": "restic"}""", "platform:backup.volumes", "'restic' is not a volume backup method")]
    [InlineData("""{"target": "s3"}""", "platform:backup", "target s3 needs s3")]
    [InlineData("""{"target": "rook", "s3": {"endpoint": "https://s3.example.internal", "bucket": "b-1", "region": "r"}}""", "platform:backup", "s3 is set but target is rook")]
    [InlineData("""{"target": "s3", "s3": {"bucket": "platform-backups", "region": "us-east-1"}}""", "platform:backup", "s3.endpoint is required")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "s3.example.internal", "bucket": "platform-backups", "region": "us-east-1"}}""", "platform:backup", "is not an http(s) URL")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "http://s3.example.internal", "bucket": "platform-backups", "region": "us-east-1"}}""", "platform:backup", "is plain http")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "https://user:pw@s3.example.internal", "bucket": "platform-backups", "region": "us-east-1"}}""", "platform:backup", "carries a user or password")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "https://s3.example.internal/backups", "bucket": "platform-backups", "region": "us-east-1"}}""", "platform:backup", "has a path or query")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "https://s3.example.internal", "region": "us-east-1"}}""", "platform:backup", "s3.bucket is required")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "https://s3.example.internal", "bucket": "Backups", "region": "us-east-1"}}""", "platform:backup", "is not an S3 bucket name")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "https://s3.example.internal", "bucket": "platform-backups"}}""", "platform:backup", "s3.region is required")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "https://s3.example.internal", "bucket": "platform-backups", "region": "r", "prefix": "/prod/"}}""", "platform:backup", "s3.prefix '/prod/' must not begin or end")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "https://s3.example.internal", "bucket": "platform-backups", "region": "r", "prefix": "prod cluster"}}""", "platform:backup", "s3.prefix 'prod cluster' may hold only letters")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "https://s3.example.internal", "bucket": "platform-backups", "region": "eu_west.1"}}""", "platform:backup", "s3.region 'eu_west.1' may hold only letters")]
    [InlineData("""{"target": "s3", "s3": {"endpoint": "https://s3.example.internal", "bucket": "platform-backups", "region": "r", "caBundle": "not a certificate"}}""", "platform:backup", "s3.caBundle holds no -----BEGIN CERTIFICATE-----")]
    [InlineData("""{"schedules": [{"name": "daily", "cron": "0 1 * * * *", "ttl": "168h"}]}""", "platform:backup", "schedule daily: cron '0 1 * * * *' has 6 fields")]
    [InlineData("""{"schedules": [{"name": "daily", "cron": "0 1 * * *", "ttl": "7d"}]}""", "platform:backup", "schedule daily: ttl '7d' is not a duration")]
    [InlineData("""{"schedules": [{"name": "daily", "cron": "0 1 * * *"}]}""", "platform:backup.schedules[0]", "needs name, cron and ttl")]
    [InlineData("""{"schedules": [{"name": "Daily", "cron": "0 1 * * *", "ttl": "1h"}]}""", "platform:backup", "schedule name 'Daily' is not a DNS-1123 label")]
    [InlineData("""{"schedules": [{"name": "a", "cron": "0 1 * * *", "ttl": "1h"}, {"name": "a", "cron": "0 2 * * *", "ttl": "1h"}]}""", "platform:backup", "schedule name 'a' is used more than once")]
    [InlineData("""{"schedules": []}""", "platform:backup", "schedules is empty")]
    [InlineData("""{"includeNamespaces": ["kube-system"]}""", "platform:backup", "namespace kube-system is both included and excluded (by the default exclusions")]
    [InlineData("""{"excludeNamespaces": ["Shop"]}""", "platform:backup", "excludeNamespaces entry 'Shop' is not a namespace name")]
    [InlineData("""{"target": "rook", "retention": "7d"}""", "platform:backup.retention", "could not be mapped")]
    public void Bad_backup_options_are_reported_at_their_key(string backup, string key, string message)
    {
        var problem = Assert.Single(ValidConfig.Problems(v => v["backup"] = backup).Problems);
        Assert.Equal(key, problem.Key);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_is_accepted_with_its_explicit_switch()
    {
        var backup = ValidConfig.Load(v => v["backup"] = """{"target": "s3", "s3": {"endpoint": "http://minio.lab:9000", "bucket": "lab", "region": "us-east-1", "allowHttp": true}}""").Backup;
        Assert.Equal("http", backup.ExternalTarget()!.Endpoint.Scheme);
    }

    [Fact]
    public async Task Without_rook_ceph_and_without_an_s3_target_there_is_no_target()
    {
        var message = await FailsBeforeAnyResource(BackupOn());
        Assert.Contains("platform:backup.target: the backup capability is on but has no target: the storage capability is off", message);
        Assert.Contains("pulumi config set --path platform:backup.target s3", message);
    }

    [Fact]
    public async Task A_rook_target_needs_the_platforms_rook_ceph_object_store()
    {
        var off = await FailsBeforeAnyResource(BackupOn("""{"target": "rook"}"""));
        Assert.Contains("platform:backup.target: target rook keeps the backups in the platform's Rook object store, but the storage capability is off", off);

        var existing = Storage.StorageLayerTests.Stateful("""{"provider": "existing", "className": "fast-ssd"}""");
        existing["capabilities"] = """{"backup": true}""";
        existing["backup"] = """{"target": "rook"}""";
        Assert.Contains("platform:storage has provider existing, so the platform deploys no Rook object store", await FailsBeforeAnyResource(existing));
    }

    [Fact]
    public async Task An_s3_target_needs_credentials_and_a_rook_target_refuses_them()
    {
        Assert.Contains("platform:backupCredentials: is required for target s3", await FailsBeforeAnyResource(BackupOn(S3)));

        var rook = Storage.StorageLayerTests.Stateful();
        rook["capabilities"] = """{"backup": true}""";
        rook["backupCredentials"] = Credentials;
        Assert.Contains("platform:backupCredentials: is set, but target rook takes the bucket's key from its ObjectBucketClaim", await FailsBeforeAnyResource(rook));
    }

    [Theory]
    [InlineData("""{"accessKeyId": "AKID"}""", "lacks secretAccessKey")]
    [InlineData("""{"accessKeyId": "AKID", "secretAccessKey": "", "region": "x"}""", "has unknown fields region")]
    [InlineData("""["AKID", "secret-value"]""", "is a list, not an object")]
    [InlineData("""{"accessKeyId": "AKID", "secretAccessKey": "secret-value" """, "is not JSON")]
    public async Task Credentials_of_the_wrong_shape_fail_naming_the_key_not_the_value(string credentials, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StackRunner.RunAsync(BackupOn(S3, credentials)));
        var text = error.ToString();
        Assert.Contains($"platform:backupCredentials {message}", text);
        Assert.DoesNotContain("secret-value", text);
    }

    [Fact]
    public void The_examples_and_documentation_keys_are_consistent()
    {
        Assert.True(PlatformConfigKeys.BackupCredentials.Secret);
        Assert.Equal("pulumi config set --secret platform:backupCredentials < backup-credentials.json", PlatformConfigKeys.BackupCredentials.SetCommand);
        Assert.Equal(BackupTargetKind.S3, ValidConfig.Load(v => v["backup"] = PlatformConfigKeys.Backup.Example).Backup.Target);
    }
}
