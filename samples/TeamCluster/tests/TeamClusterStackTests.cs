using System.Collections.Immutable;
using System.Text.Json;
using Platform.Components.Catalog;
using Pulumi;
using Pulumi.Testing;

namespace TeamCluster.Tests;

/// <summary>The sample stack under Pulumi's mock engine, with the configuration of Pulumi.dev.yaml.</summary>
public class TeamClusterStackTests
{
    private static readonly Dictionary<string, object> DevConfig = new()
    {
        ["team-cluster:clusterName"] = "team-a",
        ["team-cluster:kubernetesVersion"] = "1.36.5",
        ["team-cluster:sandboxImage"] = "registry.k8s.io/pause:3.10.2",
        ["team-cluster:tenant"] = "team-a-apps",
        ["team-cluster:sshPrivateKey"] = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2FtcGxl\n-----END OPENSSH PRIVATE KEY-----\n",
        ["team-cluster:nodes"] = new object[]
        {
            new Dictionary<string, string> { ["name"] = "cp-1", ["address"] = "192.0.2.11", ["role"] = "control-plane" },
            new Dictionary<string, string> { ["name"] = "worker-1", ["address"] = "192.0.2.21", ["role"] = "worker" },
        },
    };

    [Fact]
    public async Task The_stack_builds_the_cluster_then_Cilium_and_the_tenant_namespace_through_the_clusters_provider()
    {
        var (mocks, resources) = await RunAsync(DevConfig);

        Assert.Contains(resources, r => r is Platform.Components.Cluster.Cluster);
        var nodes = resources.OfType<Platform.Components.Cluster.KubernetesNode>().Select(n => n.GetResourceName()).Order().ToList();
        Assert.Equal(2, nodes.Count);

        var provider = mocks.Registrations.Single(r => r.Type == "pulumi:providers:kubernetes");
        var cilium = mocks.Registrations.Single(r => r.Type == "kubernetes:helm.sh/v3:Release");
        Assert.Equal(HelmCharts.Cilium.Name, cilium.Inputs["chart"]);
        Assert.Equal(HelmCharts.Cilium.Version, cilium.Inputs["version"]);
        Assert.EndsWith($"pulumi:providers:kubernetes::{provider.Name}::{provider.Name}-id", cilium.Provider);

        var ns = mocks.Registrations.Single(r => r.Type == "kubernetes:core/v1:Namespace");
        var metadata = (ImmutableDictionary<string, object>)ns.Inputs["metadata"];
        Assert.Equal("team-a-apps", metadata["name"]);
        var labels = (ImmutableDictionary<string, object>)metadata["labels"];
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/enforce"]);
        Assert.Equal(cilium.Provider, ns.Provider);
        Assert.Contains(mocks.Registrations, r => r.Type == "kubernetes:networking.k8s.io/v1:NetworkPolicy");
    }

    [Fact]
    public async Task A_bad_configuration_names_every_key_and_registers_nothing()
    {
        var config = new Dictionary<string, object>(DevConfig)
        {
            ["team-cluster:kubernetesVersion"] = "1.30.0",
            ["team-cluster:tenant"] = "Team_A",
        };
        config.Remove("team-cluster:sandboxImage");

        var mocks = new SampleMocks();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(config, mocks));

        Assert.Contains("team-cluster:kubernetesVersion '1.30.0'", error.Message);
        Assert.Contains("team-cluster:tenant 'Team_A'", error.Message);
        Assert.Contains("team-cluster:sandboxImage is not set", error.Message);
        Assert.Empty(mocks.Registrations);
    }

    private static async Task<(SampleMocks Mocks, ImmutableArray<Resource> Resources)> RunAsync(Dictionary<string, object> config, SampleMocks? mocks = null)
    {
        mocks ??= new SampleMocks();
        var values = config.ToDictionary(kv => kv.Key, kv => kv.Value as string ?? JsonSerializer.Serialize(kv.Value));
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(values));
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", JsonSerializer.Serialize(new[] { "team-cluster:sshPrivateKey" }));
        try
        {
            var resources = await Deployment.TestAsync<TeamClusterStack>(mocks,
                new TestOptions { IsPreview = true, ProjectName = "team-cluster", StackName = "dev" });
            return (mocks, resources);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
        }
    }
}
