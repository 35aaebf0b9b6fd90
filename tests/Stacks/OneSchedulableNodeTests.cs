using Platform.Tests.Cluster;
using Platform.Tests.Harness;

namespace Platform.Tests.Stacks;

/// <summary>With one node for workloads, the platform's Deployments run one replica without a PodDisruptionBudget, so
/// the drain of that node in an upgrade is never held by the platform's own budgets.</summary>
public class OneSchedulableNodeTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";

    public static TheoryData<int, int, bool> Inventories() => new()
    {
        { 3, 1, true },
        { 1, 0, true },
        { 1, 2, false },
        { 3, 0, false },
    };

    [Theory]
    [MemberData(nameof(Inventories))]
    public async Task Ingress_and_cert_manager_run_one_replica_without_a_budget_when_workloads_have_one_node(int controlPlanes, int workers, bool one)
    {
        var run = await StackRunner.RunAsync(ClusterInventories.With(controlPlanes, workers, edit: v =>
        {
            v["capabilities"] = """{"certificates": true}""";
            v["certificates"] = """{"acmeEmail": "platform@example.com"}""";
        }));

        var traefik = Values(run, "platform-prod-ingress-traefik");
        Assert.Equal(one ? 1 : 2, Convert.ToInt32(ValuesTree.At(traefik, "deployment.replicas"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(!one, ValuesTree.At(traefik, "podDisruptionBudget") is IReadOnlyDictionary<string, object> pdb && pdb.TryGetValue("enabled", out var enabled) && enabled is true);
        var certManager = Values(run, "platform-prod-certificates-cert-manager");
        Assert.Equal(one ? 1 : 2, Convert.ToInt32(certManager["replicaCount"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(!one, ValuesTree.At(certManager, "podDisruptionBudget.enabled"));
    }

    [Fact]
    public async Task Workers_tainted_for_dedicated_use_do_not_count_as_nodes_for_workloads()
    {
        var run = await StackRunner.RunAsync(ClusterInventories.With(1, 3, edit: v =>
            v["nodes"] = """
                [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
                 {"name": "worker-1", "address": "10.0.1.11", "role": "worker"},
                 {"name": "storage-1", "address": "10.0.1.12", "role": "worker", "taints": [{"key": "dedicated", "value": "storage", "effect": "NoSchedule"}]},
                 {"name": "storage-2", "address": "10.0.1.13", "role": "worker", "taints": [{"key": "dedicated", "value": "storage", "effect": "NoExecute"}]}]
                """));

        Assert.Equal(1, Convert.ToInt32(ValuesTree.At(Values(run, "platform-prod-ingress-traefik"), "deployment.replicas"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static IReadOnlyDictionary<string, object> Values(StackRun run, string release) =>
        (IReadOnlyDictionary<string, object>)run.Registration(ReleaseType, release).Inputs["values"];
}
