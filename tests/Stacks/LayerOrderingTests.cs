using Platform.Components.Networking;
using Platform.Renderer;
using Platform.Tests.Harness;
using Platform.Tests.Render;

namespace Platform.Tests.Stacks;

/// <summary>The composition's ordering rule: every resource of a layer after the CNI waits for the CNI release and for
/// every node's registration (so on destroy it goes first); the CNI itself waits only for the API server.</summary>
public class LayerOrderingTests
{
    private static readonly string[] LayersAfterCni =
        [IngressLayer.TypeToken, CertificatesLayer.TypeToken, ExternalDnsLayer.TypeToken, Platform.Components.Cluster.KubeletServingCertificateApprover.TypeToken,
         Platform.Components.Storage.StorageLayer.TypeToken, Platform.Components.Cluster.NodeReboots.TypeToken,
         Platform.Components.Observability.ClusterMetricsLayer.TypeToken, Platform.Components.Observability.MonitoringLayer.TypeToken,
         Platform.Components.Secrets.SopsLayer.TypeToken, Platform.Components.Secrets.VaultLayer.TypeToken];

    /// <summary>The layer component a registration belongs to, following parents through components only.</summary>
    private static Registration? LayerOf(Plan plan, Registration registration)
    {
        var components = plan.Registrations.Where(r => r.Type.StartsWith("platform:", StringComparison.Ordinal))
            .GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First());
        for (var parent = registration.Parent; parent != null && components.TryGetValue(parent, out var component); parent = component.Parent)
            if (LayersAfterCni.Contains(component.Type) || component.Type == ContainerNetwork.TypeToken)
                return component;
        return null;
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task Every_resource_of_a_later_layer_waits_for_the_cni_release_and_every_node_registration(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);
        var registered = plan.Registrations.Where(r => r.Type == "command:remote:Command" && r.Name.EndsWith("-register", StringComparison.Ordinal))
            .Select(r => r.Name).ToList();
        var cniRelease = plan.Registrations.Single(r => r.Type == "kubernetes:helm.sh/v3:Release" && LayerOf(plan, r)?.Type == ContainerNetwork.TypeToken
            && !r.Name.EndsWith("-crds", StringComparison.Ordinal)).Name;
        Assert.NotEmpty(registered);

        var checkedCount = 0;
        foreach (var registration in plan.Registrations.Where(r => !r.Type.StartsWith("platform:", StringComparison.Ordinal)))
        {
            var layer = LayerOf(plan, registration);
            if (layer is null) continue;
            if (layer.Type == ContainerNetwork.TypeToken)
            {
                Assert.DoesNotContain(registration.DependsOn, registered.Contains);
                continue;
            }
            Assert.Contains(cniRelease, registration.DependsOn);
            Assert.All(registered, node => Assert.Contains(node, registration.DependsOn));
            checkedCount++;
        }
        Assert.True(checkedCount > 0, "the stack has layers after the CNI");
    }

    [Fact]
    public async Task The_rule_holds_under_the_test_harness_too()
    {
        var run = await StackRunner.RunAsync(ExampleStackTests.Values("example-small"));
        var graph = await DependencyGraph.OfAsync(run);

        var namespacePolicy = run.Registrations.First(r => r.Type == "kubernetes:networking.k8s.io/v1:NetworkPolicy").Name!;
        Assert.Contains("small-dev-cni-cilium", graph.Direct(namespacePolicy));
        Assert.Contains("small-dev-worker-2-register", graph.Direct(namespacePolicy));
    }
}
