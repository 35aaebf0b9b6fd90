using Platform.Components.Backup;
using Platform.Tests.Render;

namespace Platform.Tests.Backup;

/// <summary>Backups in the rendered stacks: the enterprise example and the full fixture back up to external endpoints
/// (chart-check covers their releases and Schedules in CI), and the default exclusions keep up with the namespaces the
/// platform's layers create.</summary>
public class BackupRenderTests
{
    // The platform's namespaces that hold state of their own, so that backups keep them (README: Backups with Velero).
    // argocd keeps the Applications, AppProjects and repository Secrets made through its UI, CLI or kubectl.
    private static readonly string[] HoldState = ["cert-manager", Components.Security.ImageScanningLayer.HarborNamespace, Components.GitOps.GitOpsLayer.Namespace, Components.ServiceMesh.ServiceMeshLayer.ConsulNamespace];

    [Theory]
    [InlineData("fixture-full")]
    [InlineData("fixture-full-calico")]
    [InlineData("example-enterprise")]
    [InlineData("example-medium")]
    [InlineData("example-small")]
    public async Task Every_namespace_a_layer_creates_is_excluded_by_default_unless_it_holds_state(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);
        // Teams' namespaces hold their applications' state: backed up, like every namespace the platform does not own.
        var namespaces = plan.OfType("kubernetes:core/v1:Namespace")
            .Where(r => r.Inputs["metadata"]!["labels"]?["platform/tenant"]?.ToString() != "true")
            .Select(r => (string)r.Inputs["metadata"]!["name"]!).ToList();
        Assert.NotEmpty(namespaces);
        Assert.All(namespaces, ns => Assert.True(BackupNamespaces.DefaultExcluded.Contains(ns) || HoldState.Contains(ns),
            $"{stack}: the platform creates the namespace {ns}; decide whether backups keep it (it holds state) or leave it out (BackupNamespaces.DefaultExcluded)"));
        Assert.DoesNotContain(HoldState, BackupNamespaces.DefaultExcluded.Contains);
    }

    [Fact]
    public async Task The_enterprise_example_backs_up_outside_the_cluster_with_its_key_as_a_secret()
    {
        var plan = await RenderedStacks.PlanAsync("example-enterprise");
        Assert.Contains("backupCredentials", plan.Stack.SecretKeys.Select(k => k.Split(':')[1]));
        var secret = Assert.Single(plan.OfType("kubernetes:core/v1:Secret"), r => r.Name == "enterprise-prod-backup-s3-credentials");
        Assert.Equal(VeleroValues.CredentialsSecretName, (string)secret.Inputs["metadata"]!["name"]!);
        Assert.Empty(plan.OfType("kubernetes:objectbucket.io/v1alpha1:ObjectBucketClaim"));
        Assert.DoesNotContain(plan.Warnings, w => w.StartsWith("platform:backup:", StringComparison.Ordinal));
        var release = Assert.Single(plan.OfType("kubernetes:helm.sh/v3:Release"), r => r.Name == "enterprise-prod-backup-velero");
        var location = release.Inputs["values"]!["configuration"]!["backupStorageLocation"]![0]!;
        Assert.Equal("enterprise-prod-backups", (string)location["bucket"]!);
        Assert.Equal("https://s3.backup.example.internal", (string)location["config"]!["s3Url"]!);
        Assert.Equal(["hourly", "daily"], plan.OfType("kubernetes:velero.io/v1:Schedule").Select(r => (string)r.Inputs["metadata"]!["name"]!));
    }

    [Fact]
    public async Task The_full_fixture_sets_every_backup_option()
    {
        var plan = await RenderedStacks.PlanAsync("fixture-full");
        var release = Assert.Single(plan.OfType("kubernetes:helm.sh/v3:Release"), r => r.Name == "full-backup-velero");
        var location = release.Inputs["values"]!["configuration"]!["backupStorageLocation"]![0]!;
        Assert.Equal(("platform-fixture", "clusters/full/velero"), ((string)location["bucket"]!, (string)location["prefix"]!));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)location["caCert"]!)));
        var schedules = plan.OfType("kubernetes:velero.io/v1:Schedule").ToList();
        Assert.Equal(["hourly", "weekly"], schedules.Select(r => (string)r.Inputs["metadata"]!["name"]!));
        Assert.All(schedules, s => Assert.Contains("scratch", s.Inputs["spec"]!["template"]!["excludedNamespaces"]!.AsArray().Select(n => (string)n!)));
    }
}
