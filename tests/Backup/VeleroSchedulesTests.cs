using Platform.Components.Backup;
using Platform.Components.Catalog;
using Platform.Tests.Harness;

namespace Platform.Tests.Backup;

/// <summary>The Schedule objects: valid against Velero's Schedule CRD of the pinned release, field by field, with the
/// namespaces and volume backup they are given; the ObjectBucketClaim against Rook's CRD.</summary>
public class VeleroSchedulesTests
{
    private static readonly string VeleroCrds = Path.Combine(RepoRoot.Path, "..", "shared", "charts", "velero", HelmCharts.Velero.Version, "crds");

    private static readonly string RookCrds = Path.Combine(RepoRoot.Path, "..", "shared", "charts", "rook-ceph", HelmCharts.RookCeph.Version, "crds");

    [Theory]
    [InlineData(BackupVolumes.FileSystem)]
    [InlineData(BackupVolumes.None)]
    public void A_schedule_is_valid_against_the_schedule_crd(BackupVolumes volumes)
    {
        var spec = VeleroSchedules.Spec(new BackupSchedule("daily", "0 1 * * *", "168h"), ["shop", "billing"], BackupNamespaces.DefaultExcluded, volumes);
        Assert.Empty(VeleroChart.SpecErrors(VeleroCrds, "schedules.velero.io", "v1", spec));
        Assert.Empty(ValuesTree.Problems(spec));
    }

    [Fact]
    public void The_crd_check_catches_a_misspelt_field_and_a_missing_one()
    {
        var spec = new Dictionary<string, object> { ["schedule"] = "0 1 * * *", ["template"] = new Dictionary<string, object> { ["tll"] = "1h" } };
        Assert.Contains("spec.template.tll is not a field of the CRD", VeleroChart.SpecErrors(VeleroCrds, "schedules.velero.io", "v1", spec));
        Assert.Contains("spec.template is required", VeleroChart.SpecErrors(VeleroCrds, "schedules.velero.io", "v1", new Dictionary<string, object> { ["schedule"] = "0 1 * * *" }));
    }

    [Fact]
    public void A_schedule_backs_up_every_namespace_but_the_excluded_ones_to_the_default_location_without_native_snapshots()
    {
        var spec = VeleroSchedules.Spec(new BackupSchedule("hourly", "30 * * * *", "48h"), [], ["kube-system", "velero"], BackupVolumes.FileSystem);
        Assert.Equal("30 * * * *", spec["schedule"]);
        Assert.Equal(false, spec["useOwnerReferencesInBackup"]);
        var template = (IReadOnlyDictionary<string, object>)spec["template"];
        Assert.Equal("48h", template["ttl"]);
        Assert.Equal(VeleroValues.StorageLocation, template["storageLocation"]);
        Assert.Equal(new object[] { "*" }, template["includedNamespaces"]);
        Assert.Equal(new object[] { "kube-system", "velero" }, template["excludedNamespaces"]);
        Assert.Equal(true, template["defaultVolumesToFsBackup"]);
        Assert.Equal(false, template["snapshotVolumes"]);

        var objectsOnly = (IReadOnlyDictionary<string, object>)VeleroSchedules.Spec(new BackupSchedule("daily", "0 1 * * *", "1h"), ["shop"], [], BackupVolumes.None)["template"];
        Assert.Equal(new object[] { "shop" }, objectsOnly["includedNamespaces"]);
        Assert.False(objectsOnly.ContainsKey("excludedNamespaces"));
        Assert.Equal(false, objectsOnly["defaultVolumesToFsBackup"]);
    }

    [Fact]
    public void The_bucket_claim_is_valid_against_rooks_crd()
    {
        var spec = new Dictionary<string, object> { ["bucketName"] = RookBackupBucket.BucketName, ["storageClassName"] = "ceph-bucket" };
        Assert.Empty(VeleroChart.SpecErrors(RookCrds, "objectbucketclaims.objectbucket.io", "v1alpha1", spec));
        Assert.Null(BackupSyntax.BucketProblem(RookBackupBucket.BucketName));
    }
}
