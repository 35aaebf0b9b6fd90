using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;

namespace Platform.Tests.Configuration;

public class ControlPlaneOptionsTests
{
    private const string OneControlPlane = """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}]""";

    [Theory]
    [InlineData("10.0.0.10", null, ApiEndpointMode.KubeVip)]
    [InlineData("k8s-api.example.internal", null, ApiEndpointMode.External)]
    [InlineData("10.0.0.10", "external", ApiEndpointMode.External)]
    [InlineData("10.0.0.10", "KUBE-VIP", ApiEndpointMode.KubeVip)]
    public void The_endpoint_mode_is_derived_or_taken_from_the_key(string endpoint, string? mode, ApiEndpointMode expected)
    {
        var settings = ValidConfig.Load(v =>
        {
            v["apiEndpoint"] = endpoint;
            ValidConfig.Set(v, "apiLoadBalancer", mode);
        });
        Assert.Equal(expected, settings.ApiLoadBalancer);
    }

    [Fact]
    public void A_single_control_plane_reached_at_its_own_address_needs_no_load_balancer()
    {
        var settings = ValidConfig.Load(v =>
        {
            v["nodes"] = OneControlPlane;
            v["apiEndpoint"] = "10.0.0.11";
        });
        Assert.Equal(ApiEndpointMode.Direct, settings.ApiLoadBalancer);
    }

    [Theory]
    [InlineData("10.0.0.10", "haproxy", "'haproxy' is not a load balancer mode")]
    [InlineData("k8s-api.example.internal", "kube-vip", "kube-vip needs an IPv4 address")]
    [InlineData("10.0.0.11", "kube-vip", "is a node's address")]
    [InlineData("10.0.0.10:8443", "kube-vip", "cannot use port 8443")]
    [InlineData("10.0.0.11", "none", "works with one control-plane node, not 3")]
    public void Endpoint_modes_that_cannot_work_are_refused(string endpoint, string mode, string message)
    {
        var problem = Assert.Single(ValidConfig.Problems(v =>
        {
            v["apiEndpoint"] = endpoint;
            v["apiLoadBalancer"] = mode;
        }).Problems);
        Assert.Equal("platform:apiLoadBalancer", problem.Key);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void No_load_balancer_needs_the_endpoint_to_be_the_control_plane_node()
    {
        var problem = Assert.Single(ValidConfig.Problems(v =>
        {
            v["nodes"] = OneControlPlane;
            v["apiEndpoint"] = "10.0.0.99";
            v["apiLoadBalancer"] = "none";
        }).Problems);
        Assert.Contains("needs platform:apiEndpoint to be the control-plane node's address 10.0.0.11", problem.Message);
    }

    [Theory]
    [InlineData("none")]
    [InlineData(null)]
    public void No_load_balancer_refuses_an_endpoint_port_the_api_server_does_not_listen_on(string? mode)
    {
        var problem = Assert.Single(ValidConfig.Problems(v =>
        {
            v["nodes"] = OneControlPlane;
            v["apiEndpoint"] = "10.0.0.11:7443";
            ValidConfig.Set(v, "apiLoadBalancer", mode);
        }).Problems);
        Assert.Equal("platform:apiLoadBalancer", problem.Key);
        Assert.Contains($"listens on port {KubeadmConfigRenderer.ApiServerBindPort}, so platform:apiEndpoint cannot use port 7443", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Set platform:apiEndpoint to 10.0.0.11 (port 6443), or set platform:apiLoadBalancer to external", problem.Message, StringComparison.Ordinal);
        Assert.Equal(mode is null, problem.Message.Contains("derived", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("10.0.0.11")]
    [InlineData("10.0.0.11:6443")]
    public void No_load_balancer_accepts_the_node_address_on_the_api_server_port(string endpoint)
    {
        var settings = ValidConfig.Load(v =>
        {
            v["nodes"] = OneControlPlane;
            v["apiEndpoint"] = endpoint;
            v["apiLoadBalancer"] = "none";
        });
        Assert.Equal(ApiEndpointMode.Direct, settings.ApiLoadBalancer);
        Assert.Equal(KubeadmConfigRenderer.ApiServerBindPort, settings.ApiEndpoint.Port);
    }

    [Fact]
    public async Task No_load_balancer_on_another_port_registers_nothing()
    {
        var config = ValidConfig.Values();
        config["nodes"] = OneControlPlane;
        config["apiEndpoint"] = "10.0.0.11:7443";
        config["apiLoadBalancer"] = "none";
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<Pulumi.RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Contains("platform:apiLoadBalancer: none (no load balancer) sends clients straight to the node's API server", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);
    }

    [Fact]
    public void Hardening_exceptions_need_a_known_switch_and_a_reason()
    {
        var problems = ValidConfig.Problems(v => v["hardeningExceptions"] = """{"auditLogs": "typo", "strongTls": "", "profiling": true}""").Problems;
        Assert.Contains(problems, p => p.Key == "platform:hardeningExceptions.auditLogs" && p.Message.Contains("did you mean 'auditLog'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Key == "platform:hardeningExceptions.strongTls" && p.Message.Contains("needs the reason", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Key == "platform:hardeningExceptions.profiling");
    }

    [Fact]
    public void Hardening_exceptions_switch_off_exactly_what_they_name()
    {
        var settings = ValidConfig.Load(v => v["hardeningExceptions"] = """{"auditLog": "collected by the SIEM agent"}""");
        Assert.Equal("collected by the SIEM agent", settings.HardeningExceptions["auditLog"]);
        var hardening = HardeningSwitches.Apply(settings.HardeningExceptions.Keys);
        Assert.False(hardening.AuditLog);
        Assert.True(hardening.EncryptionAtRest);
    }

    [Fact]
    public void Every_hardening_setting_has_a_switch()
    {
        var properties = typeof(Platform.Components.Cluster.Kubeadm.KubeadmHardening).GetProperties()
            .Where(p => p.PropertyType == typeof(bool)).Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
        Assert.Equal(properties.Order(), HardeningSwitches.Ids.Order());
        foreach (var id in HardeningSwitches.Ids)
            Assert.NotEqual(new Platform.Components.Cluster.Kubeadm.KubeadmHardening(), HardeningSwitches.Apply(new[] { id }));
    }

    [Fact]
    public void A_control_plane_node_needs_an_ipv4_address_and_a_worker_may_have_a_dns_name()
    {
        var problem = Assert.Single(ValidConfig.Problems(v => v["nodes"] =
            """[{"name": "cp-1", "address": "cp-1.example.internal", "role": "control-plane"}, {"name": "w-1", "address": "w-1.example.internal", "role": "worker"}]""").Problems);
        Assert.Equal("platform:nodes[0].address", problem.Key);
        Assert.Contains("advertised on an IPv4 address", problem.Message, StringComparison.Ordinal);
    }
}
