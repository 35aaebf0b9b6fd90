using System.Collections.Immutable;
using Platform.Components.Networking;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.Networking;

public class PlatformNamespaceTests
{
    private static readonly TestOptions Run = new() { IsPreview = true, ProjectName = "platform", StackName = "test" };

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static object[] List(object value) => ((ImmutableArray<object>)value).ToArray();

    private static async Task<PlatformMocks> Create(PlatformNamespaceArgs args)
    {
        var mocks = new PlatformMocks();
        await Deployment.TestAsync(mocks.Mock.Object, Run, () => { _ = new PlatformNamespace("ns", args); });
        return mocks;
    }

    [Fact]
    public async Task The_namespace_carries_pod_security_labels_and_denies_all_traffic_but_dns()
    {
        var mocks = await Create(new PlatformNamespaceArgs { Name = "monitoring" });

        var ns = Map(Assert.Single(mocks.Registrations, r => r.Type == "kubernetes:core/v1:Namespace").Inputs["metadata"]);
        Assert.Equal("monitoring", ns["name"]);
        var labels = Map(ns["labels"]);
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/enforce"]);
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/audit"]);
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/warn"]);

        var policies = mocks.Registrations.Where(r => r.Type == "kubernetes:networking.k8s.io/v1:NetworkPolicy").ToDictionary(r => r.Name!);
        Assert.Equal(new[] { "ns-allow-dns", "ns-default-deny" }, policies.Keys.Order());
        var deny = Map(policies["ns-default-deny"].Inputs["spec"]);
        Assert.Empty(Map(deny["podSelector"]));
        Assert.Equal(new object[] { "Ingress", "Egress" }, List(deny["policyTypes"]));
        Assert.False(deny.ContainsKey("ingress"));
        Assert.Equal("monitoring", Map(policies["ns-default-deny"].Inputs["metadata"])["namespace"]);

        var dns = Map(List(Map(policies["ns-allow-dns"].Inputs["spec"])["egress"])[0]);
        var peer = Map(List(dns["to"])[0]);
        Assert.Equal("kube-system", Map(Map(peer["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"]);
        Assert.Equal("kube-dns", Map(Map(peer["podSelector"])["matchLabels"])["k8s-app"]);
        Assert.Equal(new object[] { 53.0, 53.0 }, List(dns["ports"]).Select(p => Map(p)["port"]).ToArray());
    }

    [Fact]
    public async Task Declared_allowances_become_policies()
    {
        var mocks = await Create(new PlatformNamespaceArgs
        {
            Name = "ingress",
            Enforce = PodSecurityLevel.Baseline,
            AllowDns = false,
            Allowances =
            [
                new NetworkAllowance { Name = "web", Direction = TrafficDirection.Ingress, AnyPeer = true, Ports = [(80, "TCP"), (443, "TCP")] },
                new NetworkAllowance { Name = "api", Direction = TrafficDirection.Egress, Cidr = "10.0.0.10/32", Ports = [(6443, "TCP")] },
            ],
        });
        var policies = mocks.Registrations.Where(r => r.Type == "kubernetes:networking.k8s.io/v1:NetworkPolicy").ToDictionary(r => r.Name!);
        Assert.Equal(new[] { "ns-api", "ns-default-deny", "ns-web" }, policies.Keys.Order());
        var web = Map(List(Map(policies["ns-web"].Inputs["spec"])["ingress"])[0]);
        Assert.False(web.ContainsKey("from"));
        Assert.Equal(new object[] { 80.0, 443.0 }, List(web["ports"]).Select(p => Map(p)["port"]).ToArray());
        var api = Map(List(Map(policies["ns-api"].Inputs["spec"])["egress"])[0]);
        Assert.Equal("10.0.0.10/32", Map(Map(List(api["to"])[0])["ipBlock"])["cidr"]);
        var ns = Map(Assert.Single(mocks.Registrations, r => r.Type == "kubernetes:core/v1:Namespace").Inputs["metadata"]);
        Assert.Equal("baseline", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
    }

    [Fact]
    public async Task An_allowance_without_exactly_one_peer_is_refused()
    {
        var error = await Assert.ThrowsAsync<RunException>(() => Create(new PlatformNamespaceArgs
        {
            Name = "x",
            Allowances = [new NetworkAllowance { Name = "bad", Direction = TrafficDirection.Egress, Namespace = "a", Cidr = "10.0.0.0/8" }],
        }));
        Assert.Contains("allowance 'bad' must name exactly one peer", error.Message);
    }
}
