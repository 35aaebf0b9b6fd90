using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Cluster;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Render;
using Pulumi;

namespace Platform.Tests.Stacks;

/// <summary>The kubelet serving-certificate approver is part of the core: registered whenever kubelets ask the cluster
/// CA for serving certificates, whatever else is switched on, scoped to the inventory, after the CNI; and the register
/// step approves nothing itself.</summary>
public class ServingCertificateApproverStackTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string Release = "platform-prod-serving-certificates-kubelet-csr-approver";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static Dictionary<string, string> Config(params (string Key, string Value)[] extra)
    {
        var config = ValidConfig.Values();
        foreach (var (key, value) in extra) config[key] = value;
        return config;
    }

    [Fact]
    public async Task The_release_approves_the_inventorys_names_and_addresses_with_the_pinned_chart()
    {
        var run = await StackRunner.RunAsync(Config());

        Assert.IsType<KubeletServingCertificateApprover>(run.Single<KubeletServingCertificateApprover>());
        var release = run.Registration(ReleaseType, Release);
        Assert.Equal(HelmCharts.KubeletCsrApprover.Name, release.Inputs["chart"]);
        Assert.Equal(HelmCharts.KubeletCsrApprover.Name, release.Inputs["name"]);
        Assert.Equal(HelmCharts.KubeletCsrApprover.Version, release.Inputs["version"]);
        Assert.Equal(HelmCharts.KubeletCsrApprover.Repository, Map(release.Inputs["repositoryOpts"])["repo"]);
        Assert.Equal(KubeletServingCertificateApprover.Namespace, release.Inputs["namespace"]);
        var values = Map(release.Inputs["values"]);
        Assert.Equal("^(cp-1|cp-2|cp-3|worker-1)$", values["providerRegex"]);
        Assert.Equal(["10.0.0.11/32", "10.0.0.12/32", "10.0.0.13/32", "10.0.0.21/32"], ((ImmutableArray<object>)values["providerIpPrefixes"]).Cast<string>());
        Assert.Equal(true, values["bypassDnsResolution"]);
        Assert.Equal(2, Convert.ToInt32(values["replicas"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Its_namespace_denies_everything_but_the_api_server_and_metrics_scrapes()
    {
        var run = await StackRunner.RunAsync(Config());

        var ns = run.Registration("kubernetes:core/v1:Namespace", "platform-prod-serving-certificates-namespace");
        Assert.Equal(KubeletServingCertificateApprover.Namespace, Map(ns.Inputs["metadata"])["name"]);
        Assert.Equal("restricted", Map(Map(ns.Inputs["metadata"])["labels"])["pod-security.kubernetes.io/enforce"]);
        var policies = run.RegistrationsOf("kubernetes:networking.k8s.io/v1:NetworkPolicy")
            .Where(p => (string)Map(p.Inputs["metadata"])["namespace"] == KubeletServingCertificateApprover.Namespace)
            .Select(p => (string)Map(p.Inputs["metadata"])["name"]).Order(StringComparer.Ordinal);
        // No DNS: the approver resolves no name (DNS resolution bypassed) and reaches the API server by address.
        Assert.Equal(["allow-api-server", "allow-metrics-from-monitoring", "default-deny"], policies);
    }

    [Fact]
    public async Task The_release_waits_for_the_cni_and_every_node_and_only_metrics_server_waits_for_it()
    {
        var run = await StackRunner.RunAsync(Config());
        var graph = await DependencyGraph.OfAsync(run);

        var direct = graph.Direct(Release);
        Assert.Contains("platform-prod-cni-cilium", direct);
        foreach (var node in new[] { "cp-1", "cp-2", "cp-3", "worker-1" })
            Assert.Contains($"platform-prod-{node}-register", direct);
        // metrics-server is ready only once it has scraped kubelets, which serve with approved certificates; nothing
        // of the core or the bring-up waits for the approver.
        Assert.Equal(["platform-prod-cluster-metrics-metrics-server"], run.Registrations.Where(r => graph.Direct(r.Name!).Contains(Release)).Select(r => r.Name!));
    }

    [Fact]
    public async Task It_is_there_whatever_optional_capabilities_are_switched_on()
    {
        var run = await StackRunner.RunAsync(Config(("capabilities", """{"certificates": true}"""), ("certificates", """{"acmeEmail": "platform@example.com"}""")));

        Assert.Single(run.RegistrationsOf(ReleaseType), r => r.Name == Release);
    }

    [Fact]
    public async Task Without_serving_certificates_from_the_cluster_ca_there_is_no_approver()
    {
        // metrics-server needs the serving certificates: without them, no cluster metrics either.
        var run = await StackRunner.RunAsync(Config(("hardeningExceptions", """{"kubeletServingCertificates": "the kubelets serve self-signed certificates"}"""),
            ("capabilities", """{"clusterMetrics": false}""")));

        Assert.Empty(run.All<KubeletServingCertificateApprover>());
        Assert.DoesNotContain(run.RegistrationsOf(ReleaseType), r => (string)r.Inputs["chart"] == HelmCharts.KubeletCsrApprover.Name);
        Assert.DoesNotContain(run.RegistrationsOf("kubernetes:core/v1:Namespace"),
            r => (string)Map(r.Inputs["metadata"])["name"] == KubeletServingCertificateApprover.Namespace);
    }

    [Fact]
    public async Task A_dns_named_worker_is_a_configuration_problem_while_serving_certificates_are_on()
    {
        const string nodes = """
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
             {"name": "worker-1", "address": "worker-1.example.internal", "role": "worker"}]
            """;

        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(Config(("nodes", nodes))));
        Assert.Contains("platform:nodes[1].address: 'worker-1.example.internal' is a DNS name", error.Message, StringComparison.Ordinal);
        Assert.Contains("platform:hardeningExceptions.kubeletServingCertificates", error.Message, StringComparison.Ordinal);

        var run = await StackRunner.RunAsync(Config(("nodes", nodes), ("hardeningExceptions", """{"kubeletServingCertificates": "workers are reached by DNS name"}"""),
            ("capabilities", """{"clusterMetrics": false}""")));
        Assert.Empty(run.All<KubeletServingCertificateApprover>());
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task No_register_step_approves_a_certificate_and_every_stack_has_the_approver(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);

        var register = plan.Registrations.Where(r => r.Type == "command:remote:Command" && r.Name.EndsWith("-register", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(register);
        foreach (var step in register)
        {
            var script = step.Inputs["create"]!.GetValue<string>();
            Assert.DoesNotContain("certificate approve", script, StringComparison.Ordinal);
            Assert.DoesNotContain("kubelet-serving", script, StringComparison.Ordinal);
        }
        // Every example and fixture keeps serving certificates on, so each has its approver.
        var release = Assert.Single(plan.Registrations, r => r.Type == ReleaseType && r.Inputs["chart"]!.GetValue<string>() == HelmCharts.KubeletCsrApprover.Name);
        Assert.Equal(HelmCharts.KubeletCsrApprover.Version, release.Inputs["version"]!.GetValue<string>());
    }
}
