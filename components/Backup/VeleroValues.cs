using System.Text;
using Platform.Components.Networking;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Backup;

/// <summary>Helm values for Velero (<see cref="Catalog.HelmCharts.Velero"/>). Every key is one the chart of the pinned
/// version reads (checked against its values.schema.json and values-paths by the tests and chart-check). The tree holds
/// only string, bool, int, nested <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null, and nothing
/// secret: the S3 key is in a Secret the chart only names.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>The chart's CRD hook Jobs are off (<c>upgradeCRDs</c>, <c>cleanUpCRDs</c>): the platform registers the CRDs of
/// the release itself (<see cref="Catalog.CrdInstall.Manifests"/>).</item>
/// <item>No VolumeSnapshotLocation (<c>snapshotsEnabled</c> false): the AWS plugin's snapshotter snapshots EBS volumes
/// only; every backup sets <c>snapshotVolumes</c> false.</item>
/// <item>One BackupStorageLocation, <c>default</c>, through the AWS plugin.</item>
/// <item>The server container runs without privilege escalation, capabilities or a writable root filesystem; the node
/// agent runs as root, as it must to read every pod's volumes under the kubelet's directory.</item>
/// </list></remarks>
public static class VeleroValues
{
    /// <summary>The BackupStorageLocation's name, the default location of every backup.</summary>
    public const string StorageLocation = "default";

    /// <summary>The Secret with the S3 key of an external target, in the AWS credentials file format under the key
    /// <see cref="CredentialsKey"/>.</summary>
    public const string CredentialsSecretName = "velero-s3-credentials";

    /// <summary>The key of <see cref="CredentialsSecretName"/> the chart mounts as <c>/credentials/cloud</c>
    /// (AWS_SHARED_CREDENTIALS_FILE).</summary>
    public const string CredentialsKey = "cloud";

    /// <summary>The port the server and the node agent serve metrics on (<c>http-monitoring</c>).</summary>
    public const int MetricsPort = 8085;

    /// <summary>The values for a target. <paramref name="volumes"/> chooses the node agent and file-system backup;
    /// <paramref name="monitoring"/> the ServiceMonitor and PodMonitor (they need the Prometheus Operator's CRDs).</summary>
    public static IReadOnlyDictionary<string, object> Render(BackupTarget target, BackupVolumes volumes, bool monitoring)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (volumes == BackupVolumes.Snapshot)
            throw new ArgumentException("CSI snapshot data movement needs the CSI snapshot CRDs and controller, which the platform does not deploy.", nameof(volumes));
        var fileSystem = volumes == BackupVolumes.FileSystem;
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["initContainers"] = new object[]
            {
                Map(("name", "velero-plugin-for-aws"), ("image", VeleroImages.AwsPlugin), ("imagePullPolicy", "IfNotPresent"),
                    ("volumeMounts", new object[] { Map(("mountPath", "/target"), ("name", "plugins")) })),
            },
            ["containerSecurityContext"] = RestrictedSecurityContext.Container(),
            ["upgradeCRDs"] = false,
            ["cleanUpCRDs"] = false,
            ["backupsEnabled"] = true,
            ["snapshotsEnabled"] = false,
            ["deployNodeAgent"] = fileSystem,
            ["configuration"] = Map(
                ("backupStorageLocation", new object[] { StorageLocationValues(target) }),
                ("uploaderType", "kopia"),
                ("defaultVolumesToFsBackup", fileSystem)),
            ["credentials"] = Credentials(target),
            ["metrics"] = Map(
                ("enabled", true),
                ("serviceMonitor", Map(("enabled", monitoring))),
                ("nodeAgentPodMonitor", Map(("enabled", monitoring && fileSystem)))),
        };
    }

    /// <summary>The AWS credentials file Velero and its node agent read (the chart mounts it and points
    /// AWS_SHARED_CREDENTIALS_FILE at it): a <c>[default]</c> profile with the access key. A pure function of the secret
    /// values; the caller keeps the result secret.</summary>
    public static string CredentialsFile(string accessKeyId, string secretAccessKey)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        ArgumentNullException.ThrowIfNull(secretAccessKey);
        if (accessKeyId.Length == 0 || secretAccessKey.Length == 0 || (accessKeyId + secretAccessKey).Any(c => c is '\n' or '\r'))
            throw new ArgumentException("An S3 access key id and secret access key are non-empty and on one line.");
        return $"[default]\naws_access_key_id={accessKeyId}\naws_secret_access_key={secretAccessKey}\n";
    }

    /// <summary>The folder of the bucket (under the target's prefix) that Velero keeps to itself: Velero refuses a
    /// storage location whose root holds any folder but its own (backups, restores, kopia, ...), and the control planes'
    /// etcd snapshots go to a folder beside it (<c>etcd-snapshots</c>).</summary>
    public const string KeyFolder = "velero";

    /// <summary>Velero's prefix in the bucket: <c>&lt;prefix&gt;/velero</c>, or <c>velero</c> without a prefix.</summary>
    public static string Prefix(BackupTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var prefix = target.Prefix.Trim('/');
        return prefix.Length == 0 ? KeyFolder : $"{prefix}/{KeyFolder}";
    }

    private static Dictionary<string, object> StorageLocationValues(BackupTarget target)
    {
        var config = Map(
            ("region", target.Region),
            ("s3ForcePathStyle", target.ForcePathStyle ? "true" : "false"),
            ("s3Url", target.Endpoint.GetLeftPart(UriPartial.Authority)));
        // Ceph's gateway refuses the AWS SDK's default trailing checksums (XAmzContentSHA256Mismatch); the plugin's README
        // lists checksumAlgorithm "" for Ceph S3 ("Non-AWS S3 compatible provider known issues").
        if (target.InCluster) config["checksumAlgorithm"] = "";
        var location = Map(("name", StorageLocation), ("provider", "aws"), ("bucket", target.Bucket), ("default", true));
        location["prefix"] = Prefix(target);
        if (target.CaBundlePem is { } pem) location["caCert"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        location["config"] = config;
        return location;
    }

    // An external target's key comes from the Secret the layer writes (mounted as a credentials file); the in-cluster
    // bucket's from the Secret its ObjectBucketClaim gets, as environment variables (envFrom), which the AWS plugin and
    // Kopia both read when no credentials file is set (velero pull request #6283: without a file Velero leaves the
    // repository's credentials to Kopia's own chain).
    private static Dictionary<string, object> Credentials(BackupTarget target) => target.InCluster
        ? Map(("useSecret", false), ("extraSecretRef", RookBackupBucket.ClaimName))
        : Map(("useSecret", true), ("existingSecret", CredentialsSecretName));
}
