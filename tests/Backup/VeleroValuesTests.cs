using System.Text;
using Platform.Components.Backup;
using Platform.Components.Catalog;
using Platform.Tests.Harness;

namespace Platform.Tests.Backup;

/// <summary>Velero's values: valid against the pinned chart's values.schema.json once coalesced with its values.yaml,
/// every leaf a path the chart reads, nothing secret in them, and the storage location, credentials and volume backup
/// each target and setting asks for.</summary>
public class VeleroValuesTests
{
    private static readonly BackupTarget External = new()
    {
        Endpoint = new Uri("https://s3.example.internal:9000"),
        Bucket = "platform-backups",
        Region = "eu-central-1",
        Prefix = "clusters/prod",
        ForcePathStyle = false,
        CaBundlePem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    };

    public static TheoryData<bool, BackupVolumes, bool> Variants() => new()
    {
        { true, BackupVolumes.FileSystem, false },
        { true, BackupVolumes.None, true },
        { false, BackupVolumes.FileSystem, true },
        { false, BackupVolumes.None, false },
    };

    private static BackupTarget Target(bool inCluster) => inCluster ? RookBackupBucket.Target : External;

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_values_pass_the_charts_schema_and_hold_only_plain_nodes(bool inCluster, BackupVolumes volumes, bool monitoring)
    {
        var values = VeleroValues.Render(Target(inCluster), volumes, monitoring);
        Assert.Equal([], VeleroChart.SchemaErrors(values));
        Assert.Equal([], ValuesTree.Problems(values));
    }

    [Fact]
    public void The_schema_check_catches_a_wrong_type()
    {
        var values = new Dictionary<string, object>(VeleroValues.Render(External, BackupVolumes.FileSystem, false)) { ["deployNodeAgent"] = "yes" };
        Assert.Contains(VeleroChart.SchemaErrors(values), e => e.Contains("/deployNodeAgent", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_leaf_is_a_path_the_chart_reads(bool inCluster, BackupVolumes volumes, bool monitoring)
    {
        var (paths, freeForm) = VeleroChart.Paths();
        var values = VeleroValues.Render(Target(inCluster), volumes, monitoring);
        // The storage location list is ranged over by the chart (free-form, values-freeform.txt); its entries are the
        // fields of values.yaml's own entry, which the schema above checks by name.
        Assert.All(VeleroChart.Leaves(values), leaf => Assert.True(
            paths.Contains(leaf) || freeForm.Any(f => leaf == f || leaf.StartsWith(f + ".", StringComparison.Ordinal)),
            $"{leaf} is not read by velero {HelmCharts.Velero.Version}"));
        var location = Map(((object[])Map(values["configuration"])["backupStorageLocation"]).Single());
        var known = new[] { "name", "provider", "bucket", "caCert", "prefix", "default", "config" };
        Assert.All(location.Keys, key => Assert.Contains(key, known));
    }

    [Fact]
    public void An_external_target_is_reached_through_its_url_with_the_key_from_the_mounted_secret()
    {
        var values = VeleroValues.Render(External, BackupVolumes.FileSystem, monitoring: false);
        var location = Map(((object[])ValuesTree.At(values, "configuration.backupStorageLocation")).Single());
        Assert.Equal(("default", "aws", "platform-backups", "clusters/prod/velero", true),
            ((string)location["name"], (string)location["provider"], (string)location["bucket"], (string)location["prefix"], (bool)location["default"]));
        Assert.Equal(External.CaBundlePem, Encoding.UTF8.GetString(Convert.FromBase64String((string)location["caCert"])));
        var config = Map(location["config"]);
        Assert.Equal(new Dictionary<string, object> { ["region"] = "eu-central-1", ["s3ForcePathStyle"] = "false", ["s3Url"] = "https://s3.example.internal:9000" }, config);
        Assert.Equal(true, ValuesTree.At(values, "credentials.useSecret"));
        Assert.Equal(VeleroValues.CredentialsSecretName, ValuesTree.At(values, "credentials.existingSecret"));
        Assert.False(ValuesTree.Has(values, "credentials.secretContents"));
        Assert.False(ValuesTree.Has(values, "credentials.extraSecretRef"));
    }

    [Fact]
    public void The_in_cluster_bucket_is_the_gateway_service_with_the_claims_secret_as_environment_and_no_checksums()
    {
        var values = VeleroValues.Render(RookBackupBucket.Target, BackupVolumes.FileSystem, monitoring: false);
        var location = Map(((object[])ValuesTree.At(values, "configuration.backupStorageLocation")).Single());
        Assert.Equal(RookBackupBucket.BucketName, location["bucket"]);
        Assert.Equal("velero", location["prefix"]);
        Assert.False(location.ContainsKey("caCert"));
        Assert.Equal(new Dictionary<string, object>
        {
            ["region"] = "us-east-1",
            ["s3ForcePathStyle"] = "true",
            ["s3Url"] = "http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc",
            ["checksumAlgorithm"] = "",
        }, Map(location["config"]));
        Assert.Equal(false, ValuesTree.At(values, "credentials.useSecret"));
        Assert.Equal(RookBackupBucket.ClaimName, ValuesTree.At(values, "credentials.extraSecretRef"));
    }

    [Theory]
    [InlineData(BackupVolumes.FileSystem, true)]
    [InlineData(BackupVolumes.None, false)]
    public void File_system_backup_runs_the_node_agent_with_kopia(BackupVolumes volumes, bool fileSystem)
    {
        var values = VeleroValues.Render(External, volumes, monitoring: true);
        Assert.Equal(fileSystem, values["deployNodeAgent"]);
        Assert.Equal(fileSystem, ValuesTree.At(values, "configuration.defaultVolumesToFsBackup"));
        Assert.Equal("kopia", ValuesTree.At(values, "configuration.uploaderType"));
        Assert.Equal(true, ValuesTree.At(values, "metrics.serviceMonitor.enabled"));
        Assert.Equal(fileSystem, ValuesTree.At(values, "metrics.nodeAgentPodMonitor.enabled"));
        Assert.Equal(false, values["snapshotsEnabled"]);
        Assert.Throws<ArgumentException>(() => VeleroValues.Render(External, BackupVolumes.Snapshot, false));
    }

    [Fact]
    public void The_aws_plugin_is_the_pinned_image_copied_into_the_plugin_folder_and_the_crd_jobs_are_off()
    {
        var values = VeleroValues.Render(External, BackupVolumes.FileSystem, monitoring: false);
        var plugin = Map(((object[])values["initContainers"]).Single());
        Assert.Equal(VeleroImages.AwsPlugin, plugin["image"]);
        Assert.Matches(@"^docker\.io/velero/velero-plugin-for-aws:v1\.14\.\d+$", (string)plugin["image"]);
        Assert.Equal(("/target", "plugins"), ((string)Map(((object[])plugin["volumeMounts"]).Single())["mountPath"], (string)Map(((object[])plugin["volumeMounts"]).Single())["name"]));
        Assert.Equal(false, values["upgradeCRDs"]);
        Assert.Equal(false, values["cleanUpCRDs"]);
        Assert.Equal(true, ValuesTree.At(values, "containerSecurityContext.readOnlyRootFilesystem"));
        Assert.Equal(false, ValuesTree.At(values, "containerSecurityContext.allowPrivilegeEscalation"));
    }

    [Fact]
    public void The_credentials_file_is_an_aws_default_profile_and_refuses_what_would_break_it()
    {
        Assert.Equal("[default]\naws_access_key_id=AKID\naws_secret_access_key=s3cr3t/+x\n", VeleroValues.CredentialsFile("AKID", "s3cr3t/+x"));
        Assert.Throws<ArgumentException>(() => VeleroValues.CredentialsFile("", "x"));
        Assert.Throws<ArgumentException>(() => VeleroValues.CredentialsFile("AKID", "two\nlines"));
    }

    // Velero refuses a storage location whose root holds folders of anything else ("Backup store contains invalid
    // top-level directories"): the etcd snapshots the control planes upload to the same bucket stay beside its folder.
    [Theory]
    [InlineData("")]
    [InlineData("clusters/prod")]
    public void Velero_and_the_etcd_snapshots_have_folders_of_their_own_in_the_bucket(string prefix)
    {
        var target = External with { Prefix = prefix };
        var velero = VeleroValues.Prefix(target) + "/";
        var etcd = Platform.Components.Cluster.EtcdBackup.EtcdBackupScripts.KeyPrefix(target);
        Assert.False(etcd.StartsWith(velero, StringComparison.Ordinal), $"{etcd} is inside Velero's {velero}");
        Assert.False(velero.StartsWith(etcd, StringComparison.Ordinal));
        Assert.Equal(prefix.Length == 0 ? "velero/" : $"{prefix}/velero/", velero);
    }
}
