using System.Collections.Immutable;
using Platform.Components.Backup;
using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Storage;
using Platform.Stacks;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace Platform.Tests.Backup;

/// <summary>What the backup capability registers: Velero's CRDs, release and Schedules in the privileged namespace
/// <c>velero</c>, to the Rook object store's claimed bucket (after the Ceph cluster) or to an external endpoint whose key
/// is a secret Secret, never in the values; per-tier schedules; the target as a stack output.</summary>
public class BackupLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string ScheduleType = "kubernetes:velero.io/v1:Schedule";
    private const string ClaimType = "kubernetes:objectbucket.io/v1alpha1:ObjectBucketClaim";
    private const string Release = "platform-prod-backup-velero";
    private const string Claim = "platform-prod-backup-bucket";
    private const string CephCluster = "platform-prod-storage-rook-ceph-cluster";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static ImmutableArray<object> List(object value) => (ImmutableArray<object>)value;

    private static Dictionary<string, string> Rook(string tier = "enterprise")
    {
        var config = Storage.StorageLayerTests.Stateful();
        config["tier"] = tier;
        if (tier != "enterprise") config["capabilities"] = """{"backup": true}""";
        return config;
    }

    [Fact]
    public async Task Backup_is_on_for_the_enterprise_tier_and_off_for_the_others_unless_switched_on()
    {
        Assert.Empty((await StackRunner.RunAsync(Storage.StorageLayerTests.Stateful())).All<BackupLayer>());
        var small = Storage.StorageLayerTests.Stateful();
        small["tier"] = "small";
        Assert.Empty((await StackRunner.RunAsync(small)).All<BackupLayer>());
        Assert.Single((await StackRunner.RunAsync(Rook())).All<BackupLayer>());
        Assert.Equal(CapabilityAvailability.Available, CapabilityMatrix.Default.Find(CapabilityIds.Backup)!.Availability);
    }

    [Fact]
    public async Task The_rook_target_claims_a_protected_bucket_after_the_ceph_cluster_and_velero_waits_for_the_claim()
    {
        var run = await StackRunner.RunAsync(Rook());
        var claim = run.Registration(ClaimType, Claim);
        Assert.Equal(("objectbucket.io/v1alpha1", "ObjectBucketClaim"), ((string)claim.Inputs["apiVersion"], (string)claim.Inputs["kind"]));
        Assert.Equal((RookBackupBucket.ClaimName, BackupNamespaces.Velero), ((string)Map(claim.Inputs["metadata"])["name"], (string)Map(claim.Inputs["metadata"])["namespace"]));
        Assert.Equal((RookBackupBucket.BucketName, RookCephValues.BucketClass), ((string)Map(claim.Inputs["spec"])["bucketName"], (string)Map(claim.Inputs["spec"])["storageClassName"]));
        Assert.True(run.Options[Claim].Protect);
        Assert.True(run.Options[Claim].RetainOnDelete);
        Assert.DoesNotContain(run.Registrations, r => r.Type == "kubernetes:core/v1:Secret" && r.Name!.StartsWith("platform-prod-backup", StringComparison.Ordinal));

        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains(CephCluster, graph.Direct(Claim));
        Assert.Contains(Claim, graph.Direct(Release));
        Assert.Contains("platform-prod-cni-cilium", graph.Direct(Release));
        Assert.Contains("platform-prod-storage-3-register", graph.Direct(Release));
        var values = Map(run.Registration(ReleaseType, Release).Inputs["values"]);
        Assert.Equal(RookBackupBucket.ClaimName, Map(values["credentials"])["extraSecretRef"]);
        Assert.Equal("http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc", Map(Map(List(Map(values["configuration"])["backupStorageLocation"]).Single())["config"])["s3Url"]);
    }

    [Fact]
    public async Task The_release_is_the_pinned_chart_after_its_own_crds_and_the_schedules_wait_for_it()
    {
        var run = await StackRunner.RunAsync(Rook());
        var release = run.Registration(ReleaseType, Release);
        Assert.Equal((HelmCharts.Velero.Name, HelmCharts.Velero.Version, HelmCharts.Velero.Repository, BackupNamespaces.Velero),
            ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)Map(release.Inputs["repositoryOpts"])["repo"], (string)release.Inputs["namespace"]));
        Assert.Equal(true, release.Inputs["skipCrds"]);
        var graph = await DependencyGraph.OfAsync(run);
        var crds = ChartCrds.Of(HelmCharts.Velero).Select(crd => $"{Release}-crd-{crd.Name}").ToList();
        Assert.Equal(13, crds.Count);
        Assert.All(crds, crd => Assert.Contains(crd, graph.Direct(Release)));
        Assert.All(crds, crd => Assert.True(run.Options[crd].RetainOnDelete));
        foreach (var schedule in run.RegistrationsOf(ScheduleType))
            Assert.Contains(Release, graph.Direct(schedule.Name!));
    }

    [Theory]
    [InlineData("small", new[] { "daily|0 1 * * *|168h" })]
    [InlineData("medium", new[] { "daily|0 1 * * *|336h" })]
    [InlineData("enterprise", new[] { "hourly|30 * * * *|48h", "daily|0 1 * * *|720h" })]
    public async Task Each_tier_has_its_schedules_as_velero_schedule_objects(string tier, string[] expected)
    {
        var run = await StackRunner.RunAsync(Rook(tier));
        var schedules = run.RegistrationsOf(ScheduleType);
        // The engine registers them in no particular order.
        Assert.Equal(expected.Order(StringComparer.Ordinal), schedules.Select(s =>
        {
            var spec = Map(s.Inputs["spec"]);
            return $"{Map(s.Inputs["metadata"])["name"]}|{spec["schedule"]}|{Map(spec["template"])["ttl"]}";
        }).Order(StringComparer.Ordinal));
        Assert.All(schedules, s => Assert.Equal(BackupNamespaces.Velero, Map(s.Inputs["metadata"])["namespace"]));
        Assert.Equal(expected.Length, PlatformBackup.DefaultSchedules(PlatformTierText.TryParse(tier, out var t) ? t : throw new ArgumentException(tier)).Count);
    }

    [Fact]
    public async Task Configured_schedules_and_namespaces_replace_the_defaults()
    {
        var config = Rook("medium");
        config["backup"] = """{"schedules": [{"name": "nightly", "cron": "0 2 * * *", "ttl": "720h"}], "includeNamespaces": ["shop"], "excludeNamespaces": ["scratch"], "volumes": "none"}""";
        var run = await StackRunner.RunAsync(config);
        var schedule = Assert.Single(run.RegistrationsOf(ScheduleType));
        var template = Map(Map(schedule.Inputs["spec"])["template"]);
        Assert.Equal(["shop"], List(template["includedNamespaces"]).Cast<string>());
        Assert.Equal(["scratch"], List(template["excludedNamespaces"]).Cast<string>());
        Assert.Equal(false, template["defaultVolumesToFsBackup"]);
        Assert.Equal(false, Map(run.Registration(ReleaseType, Release).Inputs["values"])["deployNodeAgent"]);
    }

    [Fact]
    public async Task An_external_target_gets_its_key_from_a_secret_secret_and_never_from_the_values()
    {
        var config = BackupConfigTests.BackupOn(BackupConfigTests.S3, BackupConfigTests.Credentials);
        var run = await StackRunner.RunAsync(config);
        const string secretName = "platform-prod-backup-s3-credentials";
        var secret = run.Registration("kubernetes:core/v1:Secret", secretName);
        Assert.Equal((VeleroValues.CredentialsSecretName, BackupNamespaces.Velero), ((string)Map(secret.Inputs["metadata"])["name"], (string)Map(secret.Inputs["metadata"])["namespace"]));
        Assert.Equal(VeleroValues.CredentialsFile("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), Map(secret.Inputs["stringData"])[VeleroValues.CredentialsKey]);
        Assert.True(await Outputs.IsSecretAsync(((SecretArgs)run.Args[secretName]).StringData.ToOutput()));
        Assert.Contains("stringData", ((CustomResourceOptions)run.Options[secretName]).AdditionalSecretOutputs);
        Assert.Contains("data", ((CustomResourceOptions)run.Options[secretName]).AdditionalSecretOutputs);
        Assert.DoesNotContain(run.Registrations, r => r.Type == ClaimType);

        var release = run.Registration(ReleaseType, Release);
        var values = ValuesTree.Serialize(release.Inputs["values"]);
        Assert.DoesNotContain("AKIDEXAMPLE", values);
        Assert.DoesNotContain("wJalrXUtnFEMI", values);
        Assert.Equal(VeleroValues.CredentialsSecretName, Map(Map(release.Inputs["values"])["credentials"])["existingSecret"]);
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains(secretName, graph.Direct(Release));
        Assert.DoesNotContain(CephCluster, graph.Transitive(Release));
    }

    [Fact]
    public async Task The_namespace_is_privileged_for_the_node_agent_and_lets_velero_reach_only_its_target()
    {
        var rook = await StackRunner.RunAsync(Rook());
        var ns = rook.Registration("kubernetes:core/v1:Namespace", "platform-prod-backup-namespace");
        Assert.Equal("privileged", Map(Map(ns.Inputs["metadata"])["labels"])["pod-security.kubernetes.io/enforce"]);
        var toRook = Map(rook.Registration("kubernetes:networking.k8s.io/v1:NetworkPolicy", "platform-prod-backup-namespace-allow-backup-target").Inputs["spec"]);
        var rule = Map(List(toRook["egress"]).Single());
        Assert.Equal(RookCephValues.Namespace, Map(Map(Map(List(rule["to"]).Single())["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"]);
        Assert.Equal(8080.0, Map(List(rule["ports"]).Single())["port"]);
        var metrics = Map(rook.Registration("kubernetes:networking.k8s.io/v1:NetworkPolicy", "platform-prod-backup-namespace-allow-metrics-from-monitoring").Inputs["spec"]);
        Assert.Equal(8085.0, Map(List(Map(List(metrics["ingress"]).Single())["ports"]).Single())["port"]);

        var config = BackupConfigTests.BackupOn("""{"target": "s3", "s3": {"endpoint": "https://10.40.0.50:9443", "bucket": "platform-backups", "region": "us-east-1"}}""", BackupConfigTests.Credentials);
        var external = await StackRunner.RunAsync(config);
        var toS3 = Map(List(Map(external.Registration("kubernetes:networking.k8s.io/v1:NetworkPolicy", "platform-prod-backup-namespace-allow-backup-target").Inputs["spec"])["egress"]).Single());
        Assert.Equal("10.40.0.50/32", Map(Map(List(toS3["to"]).Single())["ipBlock"])["cidr"]);
        Assert.Equal(9443.0, Map(List(toS3["ports"]).Single())["port"]);
    }

    [Fact]
    public async Task The_target_is_a_stack_output_and_the_enterprise_tier_is_warned_about_an_in_cluster_target()
    {
        var run = await StackRunner.RunAsync(Rook());
        var stack = run.Single<PlatformStack>();
        var output = await Outputs.ValueAsync(stack.BackupTarget);
        Assert.Equal(("http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc/", RookBackupBucket.BucketName, true),
            ((string)output["endpoint"], (string)output["bucket"], (bool)output["inCluster"]));
        var warning = Assert.Single(stack.Warnings, w => w.StartsWith("platform:backup:", StringComparison.Ordinal));
        Assert.Contains("losing the cluster (or its Ceph) loses them with it", warning);

        var medium = await StackRunner.RunAsync(Rook("medium"));
        Assert.DoesNotContain(medium.Single<PlatformStack>().Warnings, w => w.StartsWith("platform:backup:", StringComparison.Ordinal));
        var off = await StackRunner.RunAsync(Storage.StorageLayerTests.Stateful());
        Assert.Empty(await Outputs.ValueAsync(off.Single<PlatformStack>().BackupTarget));
    }

    [Fact]
    public async Task The_credentials_for_other_backups_are_secret_outputs_of_the_secret_config()
    {
        var target = new BackupOptions
        {
            Target = BackupTargetKind.S3,
            S3 = new S3BackupSettings { Endpoint = "https://s3.example.internal:9000", Bucket = "platform-backups", Region = "us-east-1" },
        }.ExternalTarget();
        BackupCredentials? credentials = null;
        var mocks = new PlatformMocks();
        await Deployment.TestAsync(mocks.Mock.Object, new Pulumi.Testing.TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" },
            () => { credentials = PlatformBackup.Credentials(target, Output.CreateSecret(BackupConfigTests.Credentials)); });
        Assert.NotNull(credentials);
        Assert.True(await Outputs.IsSecretAsync(credentials!.AccessKeyId));
        Assert.True(await Outputs.IsSecretAsync(credentials.SecretAccessKey));
        Assert.Equal("AKIDEXAMPLE", await Outputs.SecretValueAsync(credentials.AccessKeyId));
        Assert.Null(PlatformBackup.Credentials(RookBackupBucket.Target, Output.CreateSecret(BackupConfigTests.Credentials)));
    }
}
