using Platform.Stacks.Capabilities;
using Platform.Stacks.Configuration;
using Xunit;

namespace Platform.Tests.Capabilities;

public class CapabilityResolverTests
{
    private static readonly Dictionary<string, bool> NoOverrides = [];

    private static CapabilityMatrix AllAvailable { get; } =
        CapabilityMatrix.Default.WithAvailability(CapabilityAvailability.Available, CapabilityMatrix.Default.Ids);

    [Theory]
    [InlineData(PlatformTier.Small)]
    [InlineData(PlatformTier.Medium)]
    [InlineData(PlatformTier.Enterprise)]
    public void PlannedCapabilitiesAreOffAsNotAvailable(PlatformTier tier)
    {
        var decisions = CapabilityResolver.Resolve(CapabilityMatrix.Default, tier, NoOverrides, statefulWorkloads: true);

        Assert.Equal(CapabilityMatrixTests.TableOrder, decisions.Select(decision => decision.Id));
        var available = CapabilityMatrix.Default.All.Where(c => c.Availability == CapabilityAvailability.Available).Select(c => c.Id).ToList();
        Assert.All(decisions.Where(decision => !available.Contains(decision.Id)), decision =>
        {
            Assert.False(decision.Enabled);
            Assert.Equal(CapabilityReason.NotAvailable, decision.Reason);
            Assert.Equal("off: not available in this version of Platform (planned)", decision.Explanation);
        });
    }

    [Fact]
    public void EnablingAPlannedCapabilityIsAConfigurationError()
    {
        var overrides = new Dictionary<string, bool> { ["clusterAutoscaler"] = true };

        var exception = Assert.Throws<PlatformConfigException>(
            () => CapabilityResolver.Resolve(CapabilityMatrix.Default, PlatformTier.Small, overrides, statefulWorkloads: false));

        var problem = Assert.Single(exception.Problems);
        Assert.Equal("platform:capabilities.clusterAutoscaler", problem.Key);
        Assert.Equal("clusterAutoscaler (cluster-autoscaler (Cluster API provider)) is not available in this version of Platform. Remove the override or set it to false.", problem.Message);
    }

    [Fact]
    public void EveryInvalidOverrideIsReportedAtOnce()
    {
        var overrides = new Dictionary<string, bool> { ["clusterAutoscaler"] = true, ["tracing"] = false, ["gitops"] = true, ["installation"] = false };

        var exception = Assert.Throws<PlatformConfigException>(
            () => CapabilityResolver.Resolve(CapabilityMatrix.Default, PlatformTier.Enterprise, overrides, statefulWorkloads: false));

        Assert.Equal(
            ["platform:capabilities.gitops", "platform:capabilities.installation", "platform:capabilities.clusterAutoscaler"],
            exception.Problems.Select(problem => problem.Key));
        Assert.Contains("'gitops' is not a capability (did you mean 'gitOps'?)", exception.Problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("Platform configuration has 3 problems", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DisablingAPlannedCapabilityIsAnOverride()
    {
        var overrides = new Dictionary<string, bool> { ["tracing"] = false };

        var decisions = CapabilityResolver.Resolve(CapabilityMatrix.Default, PlatformTier.Enterprise, overrides, statefulWorkloads: false);

        var tracing = Assert.Single(decisions, decision => decision.Id == "tracing");
        Assert.False(tracing.Enabled);
        Assert.Equal(CapabilityReason.Override, tracing.Reason);
        Assert.Equal("off: set by platform:capabilities.tracing", tracing.Explanation);
    }

    [Fact]
    public void UnknownOverrideIsRejectedEvenWithAnAvailableMatrix()
    {
        var overrides = new Dictionary<string, bool> { ["mesh"] = false };

        var exception = Assert.Throws<PlatformConfigException>(
            () => CapabilityResolver.Resolve(AllAvailable, PlatformTier.Small, overrides, statefulWorkloads: false));

        var problem = Assert.Single(exception.Problems);
        Assert.Equal("platform:capabilities.mesh", problem.Key);
        Assert.Contains("Use one of installation, clusterAutoscaler, cni", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlatformTier.Small, "installation", true, CapabilityLevel.Mandatory)]
    [InlineData(PlatformTier.Small, "nonRootContainers", true, CapabilityLevel.Recommended)]
    [InlineData(PlatformTier.Small, "securityAudits", false, CapabilityLevel.Optional)]
    [InlineData(PlatformTier.Small, "userInterface", false, CapabilityLevel.Optional)]
    [InlineData(PlatformTier.Small, "backup", false, CapabilityLevel.Optional)]
    [InlineData(PlatformTier.Small, "clusterMetrics", true, CapabilityLevel.Mandatory)]
    [InlineData(PlatformTier.Medium, "securityAudits", true, CapabilityLevel.Mandatory)]
    [InlineData(PlatformTier.Medium, "userInterface", true, CapabilityLevel.Mandatory)]
    [InlineData(PlatformTier.Medium, "policyEnforcement", false, CapabilityLevel.Optional)]
    [InlineData(PlatformTier.Medium, "tracing", false, CapabilityLevel.Optional)]
    [InlineData(PlatformTier.Medium, "logging", true, CapabilityLevel.Mandatory)]
    [InlineData(PlatformTier.Enterprise, "clusterAutoscaler", true, CapabilityLevel.Recommended)]
    [InlineData(PlatformTier.Enterprise, "tracing", true, CapabilityLevel.Recommended)]
    [InlineData(PlatformTier.Enterprise, "backup", true, CapabilityLevel.Mandatory)]
    [InlineData(PlatformTier.Enterprise, "policyEnforcement", true, CapabilityLevel.Mandatory)]
    [InlineData(PlatformTier.Enterprise, "gitOps", true, CapabilityLevel.Recommended)]
    [InlineData(PlatformTier.Enterprise, "serviceMesh", false, CapabilityLevel.Optional)]
    [InlineData(PlatformTier.Enterprise, "certificates", false, CapabilityLevel.Optional)]
    public void TierDefaultsFollowTheTable(PlatformTier tier, string id, bool enabled, CapabilityLevel level)
    {
        var decisions = CapabilityResolver.Resolve(AllAvailable, tier, NoOverrides, statefulWorkloads: false);

        var decision = Assert.Single(decisions, d => d.Id == id);
        Assert.Equal(enabled, decision.Enabled);
        Assert.Equal(level, decision.Level);
        Assert.Equal(CapabilityReason.TierDefault, decision.Reason);
    }

    [Theory]
    [InlineData(PlatformTier.Small)]
    [InlineData(PlatformTier.Medium)]
    [InlineData(PlatformTier.Enterprise)]
    public void EveryCapabilityIsDecidedByItsLevel(PlatformTier tier)
    {
        var decisions = CapabilityResolver.Resolve(AllAvailable, tier, NoOverrides, statefulWorkloads: false);

        Assert.Equal(CapabilityMatrixTests.TableOrder, decisions.Select(decision => decision.Id));
        var available = CapabilityMatrix.Default.All.Where(c => c.Availability == CapabilityAvailability.Available).Select(c => c.Id).ToList();
        Assert.All(decisions.Where(decision => !available.Contains(decision.Id)), decision =>
        {
            var capability = AllAvailable.Find(decision.Id)!;
            Assert.Equal(capability.LevelFor(tier), decision.Level);
            Assert.Equal(decision.Level is CapabilityLevel.Mandatory or CapabilityLevel.Recommended, decision.Enabled);
            Assert.Equal(capability.Title, decision.Title);
            Assert.Equal(capability.Systems, decision.Systems);
        });
    }

    [Fact]
    public void ExplanationsSayWhyAndHowToChange()
    {
        var small = CapabilityResolver.Resolve(AllAvailable, PlatformTier.Small, NoOverrides, statefulWorkloads: false);
        var enterprise = CapabilityResolver.Resolve(AllAvailable, PlatformTier.Enterprise, NoOverrides, statefulWorkloads: false);

        Assert.Equal(
            "off: optional for the small tier; enable with `pulumi config set --path platform:capabilities.tracing true`",
            Assert.Single(small, d => d.Id == "tracing").Explanation);
        Assert.Equal(
            "on: recommended for the small tier; disable with `pulumi config set --path platform:capabilities.nonRootContainers false`",
            Assert.Single(small, d => d.Id == "nonRootContainers").Explanation);
        Assert.Equal("on: mandatory for the enterprise tier", Assert.Single(enterprise, d => d.Id == "backup").Explanation);
    }

    [Theory]
    [InlineData("cni", false)]
    [InlineData("serviceMesh", true)]
    [InlineData("nonRootContainers", false)]
    [InlineData("storage", true)]
    public void OverrideWins(string id, bool value)
    {
        var overrides = new Dictionary<string, bool> { [id] = value };

        var decisions = CapabilityResolver.Resolve(AllAvailable, PlatformTier.Small, overrides, statefulWorkloads: false);

        var decision = Assert.Single(decisions, d => d.Id == id);
        Assert.Equal(value, decision.Enabled);
        Assert.Equal(CapabilityReason.Override, decision.Reason);
        Assert.Equal($"{(value ? "on" : "off")}: set by platform:capabilities.{id}", decision.Explanation);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WhenStatefulFollowsStatefulWorkloads(bool statefulWorkloads)
    {
        var decisions = CapabilityResolver.Resolve(AllAvailable, PlatformTier.Medium, NoOverrides, statefulWorkloads);

        var storage = Assert.Single(decisions, d => d.Id == "storage");
        Assert.Equal(statefulWorkloads, storage.Enabled);
        Assert.Equal(CapabilityReason.StatefulWorkloads, storage.Reason);
        Assert.Equal(CapabilityLevel.WhenStateful, storage.Level);
        Assert.Equal(
            statefulWorkloads
                ? "on: stateful workloads are planned (platform:statefulWorkloads)"
                : "off: needed only when stateful workloads are planned; enable with `pulumi config set platform:statefulWorkloads true`",
            storage.Explanation);
    }

    [Theory]
    [InlineData(PlatformTier.Small, "sops", CapabilityLevel.Recommended)]
    [InlineData(PlatformTier.Medium, "sops", CapabilityLevel.Recommended)]
    [InlineData(PlatformTier.Enterprise, "vault", CapabilityLevel.Mandatory)]
    public void SecretManagementVariantFollowsTheTier(PlatformTier tier, string variant, CapabilityLevel level)
    {
        var decisions = CapabilityResolver.Resolve(AllAvailable, tier, NoOverrides, statefulWorkloads: false);

        var secrets = Assert.Single(decisions, d => d.Id == "secretManagement");
        Assert.True(secrets.Enabled);
        Assert.Equal(variant, secrets.Variant);
        Assert.Equal(level, secrets.Level);
        Assert.Contains($"tier ({variant})", secrets.Explanation, StringComparison.Ordinal);
        Assert.All(decisions.Where(d => d.Id != "secretManagement"), d => Assert.Null(d.Variant));
    }

    [Fact]
    public void PartlyAvailableMatrixMixesReasons()
    {
        var matrix = CapabilityMatrix.Default
            .WithAvailability(CapabilityAvailability.Planned, CapabilityMatrix.Default.Ids)
            .WithAvailability(CapabilityAvailability.Available, ["installation", "cni", "tracing"]);
        var overrides = new Dictionary<string, bool> { ["tracing"] = true };

        var decisions = CapabilityResolver.Resolve(matrix, PlatformTier.Small, overrides, statefulWorkloads: false);

        Assert.Equal(["installation", "cni", "tracing"], decisions.Where(d => d.Enabled).Select(d => d.Id));
        Assert.Equal(CapabilityReason.TierDefault, Assert.Single(decisions, d => d.Id == "cni").Reason);
        Assert.Equal(CapabilityReason.Override, Assert.Single(decisions, d => d.Id == "tracing").Reason);
        Assert.Equal(CapabilityReason.NotAvailable, Assert.Single(decisions, d => d.Id == "monitoring").Reason);
    }

    [Fact]
    public void ResolvesLoadedSettings()
    {
        var settings = new PlatformSettings
        {
            Tier = PlatformTier.Enterprise,
            Environment = "prod",
            ClusterName = "platform-prod",
            KubernetesVersion = new KubernetesVersion(1, 36, 5),
            ApiEndpoint = ApiEndpoint.Parse("10.0.0.10"),
            ApiLoadBalancer = Platform.Components.Cluster.ApiEndpointMode.KubeVip,
            Nodes = [],
            Monitoring = new Platform.Components.Observability.Monitoring.MonitoringOptions
            {
                Prometheus = MonitoringTierSizing.Prometheus(PlatformTier.Enterprise),
                Alertmanager = MonitoringTierSizing.Alertmanager(PlatformTier.Enterprise),
            },
            Logging = LoggingTierSizing.For(PlatformTier.Enterprise),
            Tracing = TracingTierSizing.Defaults(PlatformTier.Enterprise),
            StatefulWorkloads = true,
            CapabilityOverrides = new Dictionary<string, bool> { ["gitOps"] = false },
        };

        var decisions = CapabilityResolver.Resolve(AllAvailable, settings);

        Assert.True(Assert.Single(decisions, d => d.Id == "storage").Enabled);
        Assert.False(Assert.Single(decisions, d => d.Id == "gitOps").Enabled);
        Assert.True(Assert.Single(decisions, d => d.Id == "tracing").Enabled);
    }
}
