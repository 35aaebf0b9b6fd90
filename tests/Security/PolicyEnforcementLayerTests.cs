using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Security;
using Platform.Components.Security.Policies;
using Platform.Stacks.Composition;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;

namespace Platform.Tests.Security;

/// <summary>The policy enforcement layer as the stacks compose it: off by default below enterprise, on (deny) for
/// enterprise; Gatekeeper's release and values; a template and a constraint per policy, each constraint after its
/// template and every template after the release; the exemptions of the platform's namespaces; the metrics.</summary>
public class PolicyEnforcementLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string Release = "platform-prod-policy-enforcement-gatekeeper";
    private const string TemplateType = "kubernetes:templates.gatekeeper.sh/v1:ConstraintTemplate";
    private static readonly string[] Policies = ["allowed-registries", "allowed-images", "required-labels", "reliability-practices", "api-restrictions"];

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static Dictionary<string, string> Config(string tier = "medium", params (string Key, string Value)[] entries)
    {
        var config = ValidConfig.Values();
        config["tier"] = tier;
        if (tier != "enterprise") config["capabilities"] = """{"policyEnforcement": true}""";
        foreach (var (key, value) in entries) config[key] = value;
        if (tier == "enterprise") Backup.BackupConfigTests.WithExternalTarget(config);
        return config;
    }

    private static IReadOnlyDictionary<string, object> Values(StackRun run) => Map(run.Registration(ReleaseType, Release).Inputs["values"]);

    [Fact]
    public async Task Off_by_default_below_enterprise_and_on_when_switched_on()
    {
        var small = ValidConfig.Values();
        small["tier"] = "small";
        Assert.Empty((await StackRunner.RunAsync(small)).All<PolicyEnforcementLayer>());

        var run = await StackRunner.RunAsync(Config());
        run.Single<PolicyEnforcementLayer>();
        var release = run.Registration(ReleaseType, Release);
        Assert.Equal(("gatekeeper", HelmCharts.Gatekeeper.Version, PolicyEnforcementLayer.Namespace),
            (release.Inputs["chart"], release.Inputs["version"], release.Inputs["namespace"]));
        var ns = Map(run.Registration("kubernetes:core/v1:Namespace", "platform-prod-policy-enforcement-namespace").Inputs["metadata"]);
        Assert.Equal("restricted", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
    }

    [Theory]
    [InlineData("medium", "dryrun", 2, "Ignore")]
    [InlineData("enterprise", "deny", 3, "Fail")]
    public async Task The_tier_sets_the_enforcement_of_all_five_policies_and_the_webhooks_replicas_and_failure_policy(string tier, string action, int replicas, string failurePolicy)
    {
        var run = await StackRunner.RunAsync(Config(tier, ("nodes", """
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
             {"name": "worker-1", "address": "10.0.0.21", "role": "worker"},
             {"name": "worker-2", "address": "10.0.0.22", "role": "worker"}]
            """)));

        foreach (var policy in Policies)
        {
            var constraint = Assert.Single(run.Registrations, r => r.Name == $"platform-prod-policy-enforcement-constraint-{policy}");
            Assert.Equal(action, Map(constraint.Inputs["spec"])["enforcementAction"]);
        }
        Assert.Equal(replicas, Convert.ToInt32(Values(run)["replicas"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(failurePolicy, Values(run)["validatingWebhookFailurePolicy"]);
        Assert.Equal(GatekeeperValues.WebhookTimeoutSeconds, Convert.ToInt32(Values(run)["validatingWebhookTimeoutSeconds"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Where_workloads_have_one_node_the_webhook_runs_one_replica_and_fails_open()
    {
        var run = await StackRunner.RunAsync(Config("enterprise", ("nodes", """
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "worker-1", "address": "10.0.0.21", "role": "worker"}]
            """)));

        Assert.Equal(1, Convert.ToInt32(Values(run)["replicas"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Ignore", Values(run)["validatingWebhookFailurePolicy"]);
        Assert.Equal(0, Convert.ToInt32(ValuesTree.At(Values(run), "pdb.controllerManager.minAvailable"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Each_constraint_waits_for_its_template_and_every_template_for_the_release()
    {
        var run = await StackRunner.RunAsync(Config());
        var graph = await DependencyGraph.OfAsync(run);
        var names = run.Registrations.Select(r => r.Name).ToList();

        Assert.Equal(Policies.Length, run.RegistrationsOf(TemplateType).Count);
        foreach (var policy in Policies)
        {
            var template = $"platform-prod-policy-enforcement-template-{policy}";
            var constraint = $"platform-prod-policy-enforcement-constraint-{policy}";
            Assert.Contains(template, graph.Direct(constraint));
            Assert.Contains(Release, graph.Direct(template));
            Assert.True(names.IndexOf(template) < names.IndexOf(constraint), $"{template} is registered after {constraint}");
            // The template's resource is ready once Gatekeeper has created the constraint's CRD.
            var annotations = Map(Map(run.Registration(TemplateType, template).Inputs["metadata"])["annotations"]);
            Assert.Equal("jsonpath={.status.created}=true", annotations["pulumi.com/waitFor"]);
        }
        // The release waits for Gatekeeper's CRDs, the ConstraintTemplate CRD among them.
        Assert.Contains($"{Release}-crd-constrainttemplates.templates.gatekeeper.sh", graph.Direct(Release));
    }

    [Fact]
    public async Task Kube_system_and_every_platform_namespace_are_exempt_from_the_webhook_the_controller_and_the_audit()
    {
        var run = await StackRunner.RunAsync(Config());
        var exempt = ((ImmutableArray<object>)Map(Values(run)["validatingWebhookExemptNamespacesLabels"])["kubernetes.io/metadata.name"]).Cast<string>().ToList();

        Assert.Contains("kube-system", exempt);
        Assert.Contains(PolicyEnforcementLayer.Namespace, exempt);
        Assert.Contains("monitoring", exempt);
        Assert.Contains("cert-manager", exempt);
        Assert.DoesNotContain("default", exempt);
        Assert.Equal(PlatformLayers.PolicyExemptNamespaces().Append(PolicyEnforcementLayer.Namespace).Distinct().Order(StringComparer.Ordinal), exempt);
        Assert.Equal(exempt, ((ImmutableArray<object>)ValuesTree.At(Values(run), "controllerManager.exemptNamespaces")!).Cast<string>());

        var config = run.Registration("kubernetes:config.gatekeeper.sh/v1alpha1:Config", "platform-prod-policy-enforcement-config");
        Assert.Equal("config", Map(config.Inputs["metadata"])["name"]);
        var match = Map(Assert.Single((ImmutableArray<object>)Map(config.Inputs["spec"])["match"]));
        Assert.Equal(exempt, ((ImmutableArray<object>)match["excludedNamespaces"]).Cast<string>());
        Assert.Equal(["*"], ((ImmutableArray<object>)match["processes"]).Cast<string>());
    }

    [Fact]
    public async Task Violations_are_scraped_by_prometheus_from_the_controller_and_the_audit()
    {
        var run = await StackRunner.RunAsync(Config());
        var graph = await DependencyGraph.OfAsync(run);
        var monitor = run.Registration("kubernetes:monitoring.coreos.com/v1:PodMonitor", "platform-prod-policy-enforcement-pod-monitor");
        var spec = Map(monitor.Inputs["spec"]);

        Assert.Equal("yes", Map(Map(spec["selector"])["matchLabels"])["gatekeeper.sh/system"]);
        Assert.Equal("metrics", Map(Assert.Single((ImmutableArray<object>)spec["podMetricsEndpoints"]))["port"]);
        Assert.Contains("platform-prod-monitoring-crds-prometheus-operator-crds", graph.Transitive("platform-prod-policy-enforcement-pod-monitor"));
        Assert.Equal(new object[] { "prometheus" }, ((ImmutableArray<object>)Values(run)["metricsBackends"]).ToArray());
        var policies = run.RegistrationsOf("kubernetes:networking.k8s.io/v1:NetworkPolicy")
            .Where(p => (string)Map(p.Inputs["metadata"])["namespace"] == PolicyEnforcementLayer.Namespace)
            .Select(p => (string)Map(p.Inputs["metadata"])["name"]).Order(StringComparer.Ordinal);
        Assert.Equal(["allow-api-server", "allow-dns", "allow-metrics-from-monitoring", "allow-webhook", "default-deny"], policies);
    }

    [Fact]
    public async Task The_configured_policies_are_the_ones_registered()
    {
        var run = await StackRunner.RunAsync(Config("medium", ("policies", """
            {"allowedImages": false, "requiredLabels": {"enabled": false}, "apiRestrictions": {"rules": [{"name": "no-secret-deletes", "groups": ["developers"], "kinds": ["Secret"], "operations": ["delete"]}]},
             "allowedRegistries": {"enforcement": "warn", "registries": ["registry.example.com"]}}
            """)));

        Assert.Equal(["platformallowedregistries", "platformapirestrictions", "platformreliabilitypractices"],
            run.RegistrationsOf(TemplateType).Select(t => (string)Map(t.Inputs["metadata"])["name"]).Order(StringComparer.Ordinal));
        var registries = run.Registration("kubernetes:constraints.gatekeeper.sh/v1beta1:PlatformAllowedRegistries", "platform-prod-policy-enforcement-constraint-allowed-registries");
        Assert.Equal("warn", Map(registries.Inputs["spec"])["enforcementAction"]);
        Assert.Equal(["registry.example.com"], ((ImmutableArray<object>)Map(Map(registries.Inputs["spec"])["parameters"])["registries"]).Cast<string>());
        // A rule that refuses deletions has the webhook see them.
        Assert.Equal(true, Values(run)["enableDeleteOperations"]);
        Assert.Equal(false, Values(await StackRunner.RunAsync(Config())).GetValueOrDefault("enableDeleteOperations"));
    }

    [Fact]
    public async Task With_harbor_on_its_registry_is_allowed_beside_the_configured_ones()
    {
        var config = ScanningLayerTests.WithHarbor();
        config["tier"] = "enterprise";
        config["policies"] = """{"allowedRegistries": {"registries": ["registry.example.com"]}}""";
        Tenancy.TenancyConfigTests.EnterpriseBackupTarget(config);
        var run = await StackRunner.RunAsync(config);

        var registries = run.Registration("kubernetes:constraints.gatekeeper.sh/v1beta1:PlatformAllowedRegistries", "platform-prod-policy-enforcement-constraint-allowed-registries");
        Assert.Equal("deny", Map(registries.Inputs["spec"])["enforcementAction"]);
        Assert.Equal(["registry.example.com", "harbor.platform-prod.example.com"],
            ((ImmutableArray<object>)Map(Map(registries.Inputs["spec"])["parameters"])["registries"]).Cast<string>());
    }
}
