using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using Xunit;

namespace Platform.Tests.Configuration;

/// <summary>
/// Load-balancer pools must not take addresses the cluster or its hosts already use: the pod range, the Service range,
/// a node's address, the API endpoint, another pool. Each overlap is a configuration problem with its key, the pool, what
/// it overlaps and the fix, reported with every other problem before anything is registered. The valid configuration
/// (ValidConfig) has pod 10.244.0.0/16, Service 10.96.0.0/12, nodes 10.0.0.11-13 and 10.0.0.21, API endpoint 10.0.0.10.
/// </summary>
public class LoadBalancerPoolAddressTests
{
    private static string MetalLb(params string[] addresses) =>
        $$"""{"provider": "metallb", "pools": [{"name": "public", "addresses": [{{string.Join(", ", addresses.Select(a => $"\"{a}\""))}}]}]}""";

    private static ConfigProblem SingleProblem(string loadBalancer) =>
        Assert.Single(ValidConfig.Problems(v => v["loadBalancer"] = loadBalancer).Problems);

    [Fact]
    public void A_pool_inside_the_service_range_is_refused_naming_the_pool_the_range_and_the_fix()
    {
        var problem = SingleProblem(MetalLb("10.0.2.200-10.0.2.220", "10.96.0.0/28"));

        Assert.Equal("platform:loadBalancer.pools[0].addresses[1]", problem.Key);
        Assert.Equal(
            "'10.96.0.0/28' (pool 'public') overlaps platform:serviceCidr 10.96.0.0/12, the cluster's Service addresses: a " +
            "LoadBalancer address there would collide with Service cluster IPs. Use a free range of the nodes' network outside " +
            "platform:podCidr and platform:serviceCidr, or choose another platform:serviceCidr.",
            problem.Message);
    }

    [Theory]
    [InlineData("10.244.3.0/24")]
    [InlineData("10.243.255.250-10.244.0.5")]
    public void A_pool_overlapping_the_pod_range_is_refused(string addresses)
    {
        var problem = SingleProblem(MetalLb(addresses));

        Assert.Equal("platform:loadBalancer.pools[0].addresses[0]", problem.Key);
        Assert.StartsWith($"'{addresses}' (pool 'public') overlaps platform:podCidr 10.244.0.0/16, the cluster's pod addresses", problem.Message, StringComparison.Ordinal);
        Assert.Contains("or choose another platform:podCidr.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ranges_checked_are_the_configured_ones()
    {
        var settings = ValidConfig.Load(v =>
        {
            v["serviceCidr"] = "10.100.0.0/16";
            v["podCidr"] = "10.200.0.0/16";
            v["loadBalancer"] = MetalLb("10.96.0.0/28", "10.244.0.0/28");
        });
        Assert.Equal(2, settings.LoadBalancer.Pools[0].Addresses.Count);

        var problem = Assert.Single(ValidConfig.Problems(v =>
        {
            v["serviceCidr"] = "10.100.0.0/16";
            v["loadBalancer"] = MetalLb("10.100.255.240/28");
        }).Problems);
        Assert.Contains("overlaps platform:serviceCidr 10.100.0.0/16", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_holding_a_node_address_is_refused_naming_the_node()
    {
        var problem = SingleProblem(MetalLb("10.0.0.20-10.0.0.30"));

        Assert.Equal("platform:loadBalancer.pools[0].addresses[0]", problem.Key);
        Assert.Equal(
            "'10.0.0.20-10.0.0.30' (pool 'public') holds 10.0.0.21, the address of node worker-1 (platform:nodes[3].address): " +
            "a Service would take over the node's own address. Leave that address out of the pool, e.g. split the range around it.",
            problem.Message);
    }

    [Fact]
    public void A_pool_holding_the_api_endpoint_is_refused()
    {
        var problem = SingleProblem(MetalLb("10.0.0.5-10.0.0.10"));

        Assert.Equal("platform:loadBalancer.pools[0].addresses[0]", problem.Key);
        Assert.StartsWith("'10.0.0.5-10.0.0.10' (pool 'public') holds 10.0.0.10, the API endpoint (platform:apiEndpoint, e.g. kube-vip's virtual IP", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("Leave that address out of the pool, e.g. split the range around it.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_that_is_a_nodes_own_address_is_reported_once_as_the_node()
    {
        var problem = Assert.Single(ValidConfig.Problems(v =>
        {
            v["nodes"] = """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}]""";
            v["apiEndpoint"] = "10.0.0.11";
            v["loadBalancer"] = MetalLb("10.0.0.11/32");
        }).Problems);

        Assert.Contains("the address of node cp-1 (platform:nodes[0].address)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_overlap_of_every_pool_is_reported_with_the_other_problems()
    {
        var exception = ValidConfig.Problems(v =>
        {
            v.Remove("tier");
            v["loadBalancer"] = """
                {"provider": "metallb", "pools": [
                  {"name": "public", "addresses": ["10.96.0.0/28", "10.0.0.10-10.0.0.11"]},
                  {"name": "internal", "addresses": ["10.0.2.0/28", "10.0.2.8-10.0.2.20"]}]}
                """;
        });

        Assert.Equal(
            new[]
            {
                "platform:tier",
                "platform:loadBalancer",
                "platform:loadBalancer.pools[0].addresses[0]",
                "platform:loadBalancer.pools[0].addresses[1]",
                "platform:loadBalancer.pools[0].addresses[1]",
            },
            exception.Problems.Select(p => p.Key));
        Assert.Contains("pools['internal']: addresses '10.0.2.0/28' and '10.0.2.8-10.0.2.20' overlap", exception.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("'10.96.0.0/28' (pool 'public') overlaps platform:serviceCidr", exception.Problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("holds 10.0.0.11, the address of node cp-1", exception.Problems[3].Message, StringComparison.Ordinal);
        Assert.Contains("holds 10.0.0.10, the API endpoint", exception.Problems[4].Message, StringComparison.Ordinal);
        Assert.StartsWith("Platform configuration has 5 problems", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pools_overlapping_each_other_are_refused_naming_both()
    {
        var problem = SingleProblem("""
            {"provider": "metallb", "pools": [{"name": "public", "addresses": ["10.0.2.0/28"]}, {"name": "internal", "addresses": ["10.0.2.10-10.0.2.20"]}]}
            """);

        Assert.Equal("platform:loadBalancer", problem.Key);
        Assert.Contains("pools 'public' and 'internal' overlap ('10.0.2.0/28' and '10.0.2.10-10.0.2.20'); an address must belong to one pool", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pools_next_to_the_cluster_ranges_and_hosts_are_accepted()
    {
        var settings = ValidConfig.Load(v => v["loadBalancer"] = MetalLb("10.0.0.14-10.0.0.20", "10.0.0.22-10.0.0.30", "10.95.255.0/24", "10.112.0.0/24", "10.243.255.0/24"));

        Assert.Equal(5, settings.LoadBalancer.Pools[0].Addresses.Count);
    }

    [Fact]
    public void Nodes_and_endpoints_given_by_name_are_not_checked()
    {
        var settings = ValidConfig.Load(v =>
        {
            v["nodes"] = """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "worker-1", "address": "worker-1.example.internal", "role": "worker"}]""";
            v["apiEndpoint"] = "k8s-api.example.internal";
            v["loadBalancer"] = MetalLb("10.0.0.100-10.0.0.120");
        });

        Assert.Single(settings.LoadBalancer.Pools);
    }

    [Fact]
    public void Cilium_l2_pools_are_checked_too()
    {
        var problem = Assert.Single(ValidConfig.Problems(v =>
        {
            v["cni"] = """{"plugin": "cilium", "kubeProxyReplacement": true}""";
            v["loadBalancer"] = """{"provider": "cilium-l2", "pools": [{"name": "l2", "addresses": ["10.96.10.0/28"]}]}""";
        }).Problems);

        Assert.Equal("platform:loadBalancer.pools[0].addresses[0]", problem.Key);
        Assert.Contains("(pool 'l2') overlaps platform:serviceCidr", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pool_in_the_service_range_stops_the_stack_before_any_resource_is_registered()
    {
        var config = ValidConfig.Values();
        config["loadBalancer"] = MetalLb("10.96.0.0/28");
        var mocks = new PlatformMocks();

        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));

        Assert.Contains("platform:loadBalancer.pools[0].addresses[0]: '10.96.0.0/28' (pool 'public') overlaps platform:serviceCidr", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);
    }
}
