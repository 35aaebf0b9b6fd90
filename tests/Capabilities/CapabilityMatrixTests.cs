using Platform.Stacks.Capabilities;
using Platform.Stacks.Configuration;
using Xunit;
using static Platform.Stacks.Capabilities.CapabilityLevel;

namespace Platform.Tests.Capabilities;

public class CapabilityMatrixTests
{
    public static readonly string[] TableOrder =
    [
        "installation", "clusterAutoscaler", "cni", "ingress", "monitoring", "logging", "tracing", "backup", "storage",
        "nonRootContainers", "policyEnforcement", "authentication", "secretManagement", "securityAudits",
        "imageScanning", "userInterface", "serviceMesh", "externalDns", "certificates", "clusterMetrics", "gitOps",
    ];

    [Fact]
    public void DefaultHasTheTwentyOneRowsInTableOrder()
    {
        var matrix = CapabilityMatrix.Default;

        Assert.Equal(TableOrder, matrix.All.Select(capability => capability.Id));
        Assert.Equal(21, matrix.Ids.Count);
        Assert.All(TableOrder, id => Assert.Contains(id, matrix.Ids));
    }

    [Theory]
    [InlineData("installation", "Installation", Mandatory, Mandatory, Mandatory)]
    [InlineData("clusterAutoscaler", "Cluster autoscaler", Optional, Optional, Recommended)]
    [InlineData("cni", "Network (CNI)", Mandatory, Mandatory, Mandatory)]
    [InlineData("ingress", "Ingress", Mandatory, Mandatory, Mandatory)]
    [InlineData("monitoring", "Monitoring", Mandatory, Mandatory, Mandatory)]
    [InlineData("logging", "Logging", Mandatory, Mandatory, Mandatory)]
    [InlineData("tracing", "Tracing", Optional, Optional, Recommended)]
    [InlineData("backup", "Backup", Optional, Optional, Mandatory)]
    [InlineData("storage", "Storage", WhenStateful, WhenStateful, WhenStateful)]
    [InlineData("nonRootContainers", "Non-root containers", Recommended, Mandatory, Mandatory)]
    [InlineData("policyEnforcement", "Policy enforcement", Optional, Optional, Mandatory)]
    [InlineData("authentication", "Authentication", Mandatory, Mandatory, Mandatory)]
    [InlineData("secretManagement", "Secret management", Recommended, Recommended, Mandatory)]
    [InlineData("securityAudits", "Security audits", Optional, Mandatory, Mandatory)]
    [InlineData("imageScanning", "Image scanning", Mandatory, Mandatory, Mandatory)]
    [InlineData("userInterface", "User interface", Optional, Mandatory, Mandatory)]
    [InlineData("serviceMesh", "Service mesh", Optional, Optional, Optional)]
    [InlineData("externalDns", "External DNS", Optional, Optional, Optional)]
    [InlineData("certificates", "Certificates", Optional, Optional, Optional)]
    [InlineData("clusterMetrics", "Cluster metrics", Mandatory, Mandatory, Mandatory)]
    [InlineData("gitOps", "GitOps", Optional, Optional, Recommended)]
    public void RowsMatchTheDesignTierTable(string id, string title, CapabilityLevel small, CapabilityLevel medium, CapabilityLevel enterprise)
    {
        var capability = CapabilityMatrix.Default.Find(id);

        Assert.NotNull(capability);
        Assert.Equal(title, capability.Title);
        Assert.Equal(small, capability.LevelFor(PlatformTier.Small));
        Assert.Equal(medium, capability.LevelFor(PlatformTier.Medium));
        Assert.Equal(enterprise, capability.LevelFor(PlatformTier.Enterprise));
        Assert.NotEmpty(capability.Systems);
        Assert.EndsWith(".", capability.Purpose, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemsUseTodaysNames()
    {
        var matrix = CapabilityMatrix.Default;

        Assert.Equal(
            ["OpenSearch (successor of Open Distro)", "Fluent Bit", "OpenSearch Dashboards (Kibana)"],
            matrix.Find(CapabilityIds.Logging)?.Systems);
        Assert.Equal(["Jaeger"], matrix.Find(CapabilityIds.Tracing)?.Systems);
        Assert.Contains("Pod Security admission", matrix.Find(CapabilityIds.NonRootContainers)!.Systems[0], StringComparison.Ordinal);
        Assert.StartsWith("Headlamp", matrix.Find(CapabilityIds.UserInterface)!.Systems[0], StringComparison.Ordinal);
        Assert.DoesNotContain(matrix.Find(CapabilityIds.Ingress)!.Systems[0], "ingress-nginx", StringComparison.Ordinal);
    }

    [Fact]
    public void OnlySecretManagementHasVariants()
    {
        var secrets = CapabilityMatrix.Default.Find(CapabilityIds.SecretManagement)!;

        Assert.Equal("sops", secrets.VariantFor(PlatformTier.Small));
        Assert.Equal("sops", secrets.VariantFor(PlatformTier.Medium));
        Assert.Equal("vault", secrets.VariantFor(PlatformTier.Enterprise));
        Assert.All(
            CapabilityMatrix.Default.All.Where(capability => capability.Id != CapabilityIds.SecretManagement),
            capability => Assert.Empty(capability.Variants));
    }

    [Fact]
    public void TheClusterAndItsNetworkingAreAvailableInThisVersion()
    {
        Assert.Equal(
            [CapabilityIds.Installation, CapabilityIds.Cni, CapabilityIds.Ingress, CapabilityIds.Monitoring, CapabilityIds.Logging, CapabilityIds.Tracing, CapabilityIds.Backup, CapabilityIds.Storage, CapabilityIds.NonRootContainers, CapabilityIds.PolicyEnforcement, CapabilityIds.Authentication, CapabilityIds.SecretManagement, CapabilityIds.SecurityAudits, CapabilityIds.ImageScanning, CapabilityIds.UserInterface, CapabilityIds.ServiceMesh, CapabilityIds.ExternalDns, CapabilityIds.Certificates, CapabilityIds.ClusterMetrics, CapabilityIds.GitOps],
            CapabilityMatrix.Default.All.Where(capability => capability.Availability == CapabilityAvailability.Available).Select(c => c.Id));
    }

    [Fact]
    public void WithAvailabilityFlipsOnlyTheGivenRows()
    {
        // The cluster autoscaler is a row no layer of this version deploys; gitOps is available, and stays so.
        var matrix = CapabilityMatrix.Default.WithAvailability(CapabilityAvailability.Available, [CapabilityIds.ClusterAutoscaler, CapabilityIds.GitOps]);

        Assert.Equal(CapabilityAvailability.Available, matrix.Find(CapabilityIds.ClusterAutoscaler)?.Availability);
        Assert.Equal(CapabilityAvailability.Available, matrix.Find(CapabilityIds.GitOps)?.Availability);
        Assert.Equal(
            CapabilityMatrix.Default.All.Count(capability => capability.Availability == CapabilityAvailability.Planned) - 1,
            matrix.All.Count(capability => capability.Availability == CapabilityAvailability.Planned));
        Assert.Equal(CapabilityAvailability.Planned, CapabilityMatrix.Default.Find(CapabilityIds.ClusterAutoscaler)?.Availability);
        Assert.Equal(TableOrder, matrix.All.Select(capability => capability.Id));
    }

    [Fact]
    public void WithAvailabilityRejectsUnknownIds()
    {
        Assert.Throws<ArgumentException>(() => CapabilityMatrix.Default.WithAvailability(CapabilityAvailability.Available, ["nope"]));
    }

    [Fact]
    public void FindIsExactAndReturnsNullForUnknownIds()
    {
        Assert.Null(CapabilityMatrix.Default.Find("Tracing"));
        Assert.Null(CapabilityMatrix.Default.Find("mesh"));
    }

    [Fact]
    public void ConstructorRejectsDuplicateIds()
    {
        var row = CapabilityMatrix.Default.All[0];

        var exception = Assert.Throws<ArgumentException>(() => new CapabilityMatrix([row, row]));

        Assert.Contains("'installation' appears more than once", exception.Message, StringComparison.Ordinal);
    }
}
