using System.Collections.Immutable;
using Platform.Components.Cluster;
using Platform.Stacks;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using K8sProvider = Pulumi.Kubernetes.Provider;

namespace Platform.Tests.Stacks;

public class PlatformStackTests
{
    [Fact]
    public async Task Builds_the_cluster_core_and_one_shared_kubernetes_provider()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());

        Assert.Single(run.All<ClusterPki>());
        var access = run.Single<ClusterAccess>();
        var provider = run.Single<K8sProvider>();
        Assert.Same(access.Provider, provider);
        var registration = run.Registration("pulumi:providers:kubernetes", "platform-prod-access-kubernetes");
        Assert.Equal("platform-prod", registration.Inputs["clusterIdentifier"]);
        Assert.Contains("server: https://10.0.0.10:6443", (string)registration.Inputs["kubeconfig"]);
        var urns = await run.UrnsAsync();
        Assert.Equal(urns.Count, urns.Distinct().Count());
    }

    [Fact]
    public async Task Exports_the_kubeconfig_as_a_secret_and_the_api_server_url()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var stack = run.Single<PlatformStack>();

        var kubeconfig = await Outputs.SecretValueAsync(stack.Kubeconfig);
        Assert.Contains("current-context: kubernetes-admin@platform-prod", kubeconfig);
        Assert.Equal("https://10.0.0.10:6443", await Outputs.ValueAsync(stack.ApiServerUrl));
        Assert.Equal("medium", await Outputs.ValueAsync(stack.Tier));
        Assert.Equal("prod", await Outputs.ValueAsync(stack.Environment));
        Assert.Equal("1.36.5", await Outputs.ValueAsync(stack.KubernetesVersion));
    }

    [Fact]
    public async Task Capabilities_output_covers_all_21_rows_with_the_reason_for_each()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var capabilities = await Outputs.ValueAsync(run.Single<PlatformStack>().Capabilities);

        Assert.Equal(21, capabilities.Count);
        Assert.Equal(CapabilityMatrix.Default.All.Select(c => c.Id).Order(), capabilities.Keys.Order());
        var tracing = (ImmutableDictionary<string, object>)capabilities["tracing"];
        Assert.Equal(false, tracing["enabled"]);
        Assert.Equal("tierDefault", tracing["reason"]);
        Assert.Equal("optional", tracing["level"]);
        Assert.Contains("Jaeger", ((ImmutableArray<string>)tracing["systems"]).Single(s => s.Contains("Jaeger")));
        var secrets = (ImmutableDictionary<string, object>)capabilities["secretManagement"];
        Assert.Equal("sops", secrets["variant"]);
    }

    [Fact]
    public async Task An_override_that_turns_a_capability_off_is_reported_as_the_reason()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"monitoring": false}""";
        var run = await StackRunner.RunAsync(config);
        var capabilities = await Outputs.ValueAsync(run.Single<PlatformStack>().Capabilities);
        var monitoring = (ImmutableDictionary<string, object>)capabilities["monitoring"];
        Assert.Equal(false, monitoring["enabled"]);
        Assert.Equal("override", monitoring["reason"]);
    }

    [Fact]
    public async Task Asking_for_a_capability_that_is_not_built_fails_naming_it_and_registers_nothing()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"clusterAutoscaler": true, "installation": false}""";
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Contains("platform:capabilities.clusterAutoscaler", error.Message);
        Assert.Contains("clusterAutoscaler (cluster-autoscaler", error.Message);
        Assert.Contains("platform:capabilities.installation", error.Message);
        Assert.Empty(mocks.Registrations);
    }

    [Fact]
    public async Task Bad_configuration_fails_before_any_resource_with_every_problem_listed()
    {
        var config = ValidConfig.Values();
        config.Remove("tier");
        config["podCidr"] = "10.96.0.0/16";
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.StartsWith("Platform configuration has 2 problems", error.Message);
        Assert.Contains("platform:tier", error.Message);
        Assert.Contains("platform:podCidr", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
        Assert.Empty(mocks.Registrations);
    }

    [Fact]
    public async Task A_missing_ssh_key_is_a_configuration_problem()
    {
        var config = ValidConfig.Values();
        config.Remove("sshPrivateKey");
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Contains("platform:sshPrivateKey", error.Message);
        Assert.Empty(mocks.Registrations);
    }

    [Fact]
    public void Every_available_capability_has_a_layer_and_every_layer_an_available_capability()
    {
        var available = CapabilityMatrix.Default.All.Where(c => c.Availability == CapabilityAvailability.Available).Select(c => c.Id);
        Assert.Equal(available.Order(), PlatformLayers.InOrder.Select(l => l.Key).Append(PlatformLayers.Core).Concat(PlatformLayers.InCore).Order());
    }

    [Fact]
    public async Task Installation_is_on_for_every_tier_and_cannot_be_switched_off()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var installation = (ImmutableDictionary<string, object>)(await Outputs.ValueAsync(run.Single<PlatformStack>().Capabilities))["installation"];
        Assert.Equal(true, installation["enabled"]);
        Assert.Equal("tierDefault", installation["reason"]);

        var config = ValidConfig.Values();
        config["capabilities"] = """{"installation": false}""";
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Contains("platform:capabilities.installation: installation cannot be switched off", error.Message);
        Assert.Empty(mocks.Registrations);
    }

    [Theory]
    [InlineData("small")]
    [InlineData("medium")]
    [InlineData("enterprise")]
    public async Task Every_tier_previews(string tier)
    {
        var config = ValidConfig.Values();
        config["tier"] = tier;
        if (tier == "enterprise")
        {
            // Backups are mandatory for the tier, and without Rook-Ceph they need an external target.
            var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config));
            Assert.Contains("platform:backup.target: the backup capability is on but has no target", error.Message);
            Backup.BackupConfigTests.WithExternalTarget(config);
        }
        var run = await StackRunner.RunAsync(config);
        Assert.Equal(tier, await Outputs.ValueAsync(run.Single<PlatformStack>().Tier));
    }
}
