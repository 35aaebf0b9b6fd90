using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Platform.Components.Networking;
using Platform.Renderer;
using Platform.Tests.Harness;
using Platform.Tests.Render;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.Networking;

/// <summary>What each platform namespace lets through: metrics to the monitoring namespace, and egress narrowed to what
/// its pods need (the API server's ports, DNS, their upstreams), never everything to everyone.</summary>
public class NamespaceTrafficTests
{
    private const string PolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

    private static async Task<IReadOnlyList<MockResourceArgs>> Policies(PlatformNamespaceArgs args)
    {
        var mocks = new PlatformMocks();
        await Deployment.TestAsync(mocks.Mock.Object, new TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" },
            () => { _ = new PlatformNamespace("ns", args); });
        return mocks.Registrations.Where(r => r.Type == PolicyType).ToList();
    }

    private static JsonObject Spec(MockResourceArgs policy) => (JsonObject)WireJson.Object(policy.Inputs)["spec"]!;

    [Fact]
    public async Task Declared_metrics_ports_are_open_to_the_monitoring_namespace_only()
    {
        var policies = await Policies(new PlatformNamespaceArgs { Name = "web", MetricsPorts = [(9100, "TCP"), (9101, "TCP")] });

        var metrics = Spec(Assert.Single(policies, p => p.Name == "ns-allow-metrics-from-monitoring"));
        Assert.Equal(["Ingress"], metrics["policyTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        var rule = Assert.Single(metrics["ingress"]!.AsArray())!;
        var from = Assert.Single(rule["from"]!.AsArray())!;
        Assert.Equal(PlatformNamespace.MonitoringNamespace, from["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
        Assert.Null(from["podSelector"]);
        Assert.Equal([9100, 9101], rule["ports"]!.AsArray().Select(p => p!["port"]!.GetValue<long>()));

        Assert.DoesNotContain(await Policies(new PlatformNamespaceArgs { Name = "quiet" }), p => p.Name == "ns-allow-metrics-from-monitoring");
    }

    [Fact]
    public async Task Bad_metrics_ports_and_peers_are_refused()
    {
        await Assert.ThrowsAsync<RunException>(() => Policies(new PlatformNamespaceArgs { Name = "web", MetricsPorts = [(0, "TCP")] }));
        await Assert.ThrowsAsync<RunException>(() => Policies(new PlatformNamespaceArgs
        {
            Name = "web",
            Allowances = [new NetworkAllowance { Name = "two", Direction = TrafficDirection.Egress, AnyNamespace = true, AnyPeer = true }],
        }));
    }

    [Fact]
    public async Task Every_namespace_selects_every_pod_of_the_cluster_with_an_empty_namespace_selector()
    {
        var policies = await Policies(new PlatformNamespaceArgs
        {
            Name = "web",
            Allowances = [new NetworkAllowance { Name = "allow-backends", Direction = TrafficDirection.Egress, AnyNamespace = true }],
        });

        var to = Assert.Single(Assert.Single(Spec(Assert.Single(policies, p => p.Name == "ns-allow-backends"))["egress"]!.AsArray())!["to"]!.AsArray())!;
        Assert.Equal(new JsonObject { ["namespaceSelector"] = new JsonObject() }.ToJsonString(), to.ToJsonString());
    }

    /// <summary>The platform namespaces of a plan, each with its policies' specs.</summary>
    private static Dictionary<string, List<JsonObject>> NamespacePolicies(Plan plan)
    {
        var result = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var policy in plan.OfType(PolicyType))
        {
            var ns = policy.Inputs["metadata"]!["namespace"]!.GetValue<string>();
            (result.TryGetValue(ns, out var list) ? list : result[ns] = []).Add(policy.Inputs);
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task No_platform_namespace_lets_its_pods_reach_everything(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);

        foreach (var (ns, policies) in NamespacePolicies(plan))
        {
            foreach (var policy in policies)
            {
                foreach (var rule in policy["spec"]!["egress"]?.AsArray() ?? [])
                {
                    var hasPorts = rule!["ports"] is JsonArray { Count: > 0 };
                    var hasPeers = rule["to"] is JsonArray { Count: > 0 };
                    Assert.True(hasPorts || hasPeers, $"{ns}/{policy["metadata"]!["name"]}: an egress rule allows every port to every address");
                }
            }
        }
    }

    [Theory]
    [InlineData("fixture-full", "cert-manager", new[] { 9402 })]
    [InlineData("fixture-full", "external-dns", new[] { 7979 })]
    [InlineData("fixture-full", "traefik", new[] { 9100 })]
    [InlineData("fixture-full", "contour", new[] { 8000, 8002 })]
    [InlineData("fixture-full-calico", "metallb-system", new[] { 9120 })]
    [InlineData("fixture-full-calico", "ingress-nginx", new[] { 10254 })]
    public async Task Each_layer_namespace_opens_its_metrics_ports_to_monitoring(string stack, string ns, int[] ports)
    {
        var plan = await RenderedStacks.PlanAsync(stack);

        var metrics = Assert.Single(NamespacePolicies(plan)[ns], p => p["metadata"]!["name"]!.GetValue<string>() == "allow-metrics-from-monitoring");
        var rule = Assert.Single(metrics["spec"]!["ingress"]!.AsArray())!;
        Assert.Equal(ports.Select(p => (long)p), rule["ports"]!.AsArray().Select(p => p!["port"]!.GetValue<long>()));
    }

    [Fact]
    public async Task External_dns_reaches_its_rfc2136_server_only_and_cert_manager_only_acme_and_dns_ports()
    {
        var plan = await RenderedStacks.PlanAsync("fixture-full");
        var policies = NamespacePolicies(plan);

        var provider = Assert.Single(policies["external-dns"], p => p["metadata"]!["name"]!.GetValue<string>() == "allow-dns-provider");
        var rule = Assert.Single(provider["spec"]!["egress"]!.AsArray())!;
        Assert.Equal("10.40.0.53/32", Assert.Single(rule["to"]!.AsArray())!["ipBlock"]!["cidr"]!.GetValue<string>());
        Assert.Equal(["53/UDP", "53/TCP"], rule["ports"]!.AsArray().Select(p => $"{p!["port"]}/{p["protocol"]}"));

        var acme = Assert.Single(policies["cert-manager"], p => p["metadata"]!["name"]!.GetValue<string>() == "allow-acme-and-dns");
        Assert.Equal(["443/TCP", "80/TCP", "53/UDP", "53/TCP"],
            Assert.Single(acme["spec"]!["egress"]!.AsArray())!["ports"]!.AsArray().Select(p => $"{p!["port"]}/{p["protocol"]}"));
        var api = Assert.Single(policies["cert-manager"], p => p["metadata"]!["name"]!.GetValue<string>() == "allow-api-server");
        Assert.Equal(NetworkAllowance.ApiServerPorts.Select(p => $"{p.Port}/{p.Protocol}"),
            Assert.Single(api["spec"]!["egress"]!.AsArray())!["ports"]!.AsArray().Select(p => $"{p!["port"]}/{p["protocol"]}"));
    }

    [Fact]
    public async Task With_http01_cert_manager_reaches_the_default_controllers_pod_ports_for_its_self_check()
    {
        var calico = NamespacePolicies(await RenderedStacks.PlanAsync("fixture-full-calico"));
        var selfCheck = Assert.Single(calico["cert-manager"], p => p["metadata"]!["name"]!.GetValue<string>() == "allow-http01-self-check");
        var rule = Assert.Single(selfCheck["spec"]!["egress"]!.AsArray())!;
        // The domain resolves to the load balancer; the Service translation delivers to the pods' own ports, which
        // NetworkPolicy then sees.
        Assert.Equal("ingress-nginx", Assert.Single(rule["to"]!.AsArray())!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
        // Only its HTTP port: not the metrics or admission webhook ports.
        Assert.Equal(["80/TCP"], rule["ports"]!.AsArray().Select(p => $"{p!["port"]}/{p["protocol"]}"));

        var dns01 = NamespacePolicies(await RenderedStacks.PlanAsync("fixture-full"));
        Assert.DoesNotContain(dns01["cert-manager"], p => p["metadata"]!["name"]!.GetValue<string>() == "allow-http01-self-check");
    }

    [Fact]
    public async Task Cert_manager_reaches_an_rfc2136_server_on_its_own_port()
    {
        var config = Platform.Tests.Configuration.ValidConfig.Values();
        config["capabilities"] = """{"certificates": true}""";
        config["certificates"] = """{"acmeEmail": "a@example.com", "challenge": "dns01", "rfc2136": {"nameserver": "10.0.0.53:5353", "tsigKeyName": "acme"}}""";
        config["rfc2136TsigSecret"] = "c2VjcmV0";
        var run = await StackRunner.RunAsync(config);

        var acme = run.Registration(PolicyType, "platform-prod-certificates-namespace-allow-acme-and-dns");
        var ports = Spec(acme)["egress"]![0]!["ports"]!.AsArray().Select(p => $"{p!["port"]}/{p["protocol"]}");
        Assert.Contains("5353/UDP", ports);
        Assert.Contains("5353/TCP", ports);
    }

    [Theory]
    [InlineData(Components.Networking.Ingress.IngressControllerKind.Traefik, 8000)]
    [InlineData(Components.Networking.Ingress.IngressControllerKind.IngressNginx, 80)]
    [InlineData(Components.Networking.Ingress.IngressControllerKind.Contour, 8080)]
    [InlineData(Components.Networking.Ingress.IngressControllerKind.HAProxy, 8080)]
    [InlineData(Components.Networking.Ingress.IngressControllerKind.Emissary, 8080)]
    public void Each_controllers_http_port_is_the_container_port_its_values_serve_http_on(Components.Networking.Ingress.IngressControllerKind kind, int port)
    {
        Assert.Equal((port, "TCP"), Components.Networking.Ingress.IngressPorts.Http(kind));
    }
}
