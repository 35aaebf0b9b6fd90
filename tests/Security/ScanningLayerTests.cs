using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Security;
using Platform.Components.Security.Scanning;
using Platform.Components.Storage;
using Platform.Stacks;
using Platform.Stacks.Capabilities;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;

namespace Platform.Tests.Security;

/// <summary>What the image-scanning capability registers: the Trivy operator after its own CRDs in the restricted
/// namespace <c>trivy-system</c> (scanners, bounded jobs per tier, client/server mode, no node-collector), and with
/// <c>registry: harbor</c> Harbor after the storage, certificates and ingress layers, its secrets generated and never in
/// the values, its protected namespace, the setup Job after the release, and the stack outputs.</summary>
public class ScanningLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string PolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private const string Operator = "platform-prod-image-scanning-trivy-operator";
    private const string Harbor = "platform-prod-image-scanning-harbor";
    private const string Setup = "platform-prod-image-scanning-harbor-setup";
    private const string HarborJson = """{"registry": "harbor", "harbor": {"host": "harbor.platform-prod.example.com", "storageSize": "200Gi"}}""";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static ImmutableArray<object> List(object value) => (ImmutableArray<object>)value;

    /// <summary>A stateful stack (Rook-Ceph) with cert-manager and Harbor on.</summary>
    internal static Dictionary<string, string> WithHarbor(string scanning = HarborJson)
    {
        var config = Storage.StorageLayerTests.Stateful();
        config["capabilities"] = """{"certificates": true}""";
        config["certificates"] = """{"acmeEmail": "platform@example.com"}""";
        config["imageScanning"] = scanning;
        return config;
    }

    [Fact]
    public async Task The_operator_is_on_in_every_tier_after_its_own_crds_in_the_restricted_namespace()
    {
        Assert.Equal(CapabilityAvailability.Available, CapabilityMatrix.Default.Find(CapabilityIds.ImageScanning)!.Availability);
        foreach (var tier in new[] { "small", "medium", "enterprise" })
        {
            var config = ValidConfig.Values();
            config["tier"] = tier;
            if (tier == "enterprise") config["capabilities"] = """{"backup": false}""";
            var run = await StackRunner.RunAsync(config);
            var release = run.Registration(ReleaseType, Operator);
            Assert.Equal((HelmCharts.TrivyOperator.Name, HelmCharts.TrivyOperator.Version, HelmCharts.TrivyOperator.Repository, ImageScanningLayer.Namespace),
                ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)Map(release.Inputs["repositoryOpts"])["repo"], (string)release.Inputs["namespace"]));
            Assert.Equal(true, release.Inputs["skipCrds"]);
            var values = Map(release.Inputs["values"]);
            Assert.Equal(tier switch { "small" => 1.0, "medium" => 3.0, _ => 5.0 }, Map(values["operator"])["scanJobsConcurrentLimit"]);
            Assert.DoesNotContain(run.All<ImageScanningLayer>(), l => l.HarborRelease is not null);
        }
    }

    [Fact]
    public async Task Every_crd_of_the_chart_is_registered_first_and_kept_on_delete()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var graph = await DependencyGraph.OfAsync(run);
        var crds = ChartCrds.Of(HelmCharts.TrivyOperator);
        Assert.Equal(12, crds.Count);
        foreach (var crd in crds)
        {
            var name = $"{Operator}-crd-{crd.Name}";
            Assert.Equal(crd.Name, Map(run.Registration("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", name).Inputs["metadata"])["name"]);
            Assert.True(run.Options[name].RetainOnDelete);
            Assert.Contains(name, graph.Direct(Operator));
        }
        Assert.Contains("vulnerabilityreports.aquasecurity.github.io", crds.Select(c => c.Name));
        // After the cluster like every layer: the CNI and every node's registration.
        Assert.Contains("platform-prod-cni-cilium", graph.Direct(Operator));
        Assert.Contains("platform-prod-worker-1-register", graph.Direct(Operator));
    }

    [Fact]
    public async Task The_namespace_is_restricted_and_allows_the_api_server_https_to_registries_the_trivy_server_and_metrics()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var ns = Map(run.Registration("kubernetes:core/v1:Namespace", "platform-prod-image-scanning-namespace").Inputs["metadata"]);
        Assert.Equal(ImageScanningLayer.Namespace, ns["name"]);
        Assert.Equal("restricted", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
        var registries = Map(List(Map(run.Registration(PolicyType, "platform-prod-image-scanning-namespace-allow-registries").Inputs["spec"])["egress"]).Single());
        Assert.False(registries.ContainsKey("to"));
        Assert.Equal([443.0], List(registries["ports"]).Select(p => Map(p)["port"]));
        var server = Map(List(Map(run.Registration(PolicyType, "platform-prod-image-scanning-namespace-allow-within-namespace-out").Inputs["spec"])["egress"]).Single());
        Assert.Equal([(double)TrivyOperatorValues.ServerPort], List(server["ports"]).Select(p => Map(p)["port"]));
        Assert.Equal(ImageScanningLayer.Namespace, Map(Map(Map(List(server["to"]).Single())["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"]);
        run.Registration(PolicyType, "platform-prod-image-scanning-namespace-allow-api-server");
        var metrics = Map(List(Map(run.Registration(PolicyType, "platform-prod-image-scanning-namespace-allow-metrics-from-monitoring").Inputs["spec"])["ingress"]).Single());
        Assert.Equal([(double)TrivyOperatorValues.MetricsPort], List(metrics["ports"]).Select(p => Map(p)["port"]));
        // With monitoring on (it is mandatory), the chart's ServiceMonitor and the release waits for the CRDs.
        Assert.Equal(true, Map(Map(run.Registration(ReleaseType, Operator).Inputs["values"])["serviceMonitor"])["enabled"]);
        Assert.Contains("platform-prod-monitoring-crds-prometheus-operator-crds", (await DependencyGraph.OfAsync(run)).Direct(Operator));
    }

    [Fact]
    public async Task A_database_mirror_on_its_own_port_is_allowed_and_named_in_the_values()
    {
        var config = ValidConfig.Values();
        config["imageScanning"] = """{"dbRepository": "mirror.example.internal:5000/aquasec/trivy-db", "severities": ["critical", "HIGH"], "concurrency": 2}""";
        var run = await StackRunner.RunAsync(config);
        var registries = Map(List(Map(run.Registration(PolicyType, "platform-prod-image-scanning-namespace-allow-registries").Inputs["spec"])["egress"]).Single());
        Assert.Equal([443.0, 5000.0], List(registries["ports"]).Select(p => Map(p)["port"]));
        var values = Map(run.Registration(ReleaseType, Operator).Inputs["values"]);
        var trivy = Map(values["trivy"]);
        Assert.Equal(("mirror.example.internal:5000", "aquasec/trivy-db"), ((string)trivy["dbRegistry"], (string)trivy["dbRepository"]));
        Assert.Equal(("mirror.gcr.io", "aquasec/trivy-java-db"), ((string)trivy["javaDbRegistry"], (string)trivy["javaDbRepository"]));
        Assert.Equal("HIGH,CRITICAL", trivy["severity"]);
        Assert.Equal(2.0, Map(values["operator"])["scanJobsConcurrentLimit"]);
    }

    [Fact]
    public async Task Harbor_waits_for_storage_certificates_and_ingress_and_its_release_and_namespace_are_protected()
    {
        var run = await StackRunner.RunAsync(WithHarbor());
        var release = run.Registration(ReleaseType, Harbor);
        Assert.Equal((HelmCharts.Harbor.Name, HelmCharts.Harbor.Version, HelmCharts.Harbor.Repository, ImageScanningLayer.HarborNamespace),
            ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)Map(release.Inputs["repositoryOpts"])["repo"], (string)release.Inputs["namespace"]));
        var graph = await DependencyGraph.OfAsync(run);
        var direct = graph.Direct(Harbor);
        Assert.Contains("platform-prod-storage-rook-ceph-cluster", direct);
        Assert.Contains("platform-prod-certificates-cert-manager", direct);
        Assert.Contains(direct, d => d.StartsWith("platform-prod-ingress-", StringComparison.Ordinal));
        Assert.Contains("platform-prod-image-scanning-harbor-secrets", direct);
        Assert.Contains("platform-prod-image-scanning-harbor-database", direct);
        // The operator waits for none of them.
        Assert.DoesNotContain("platform-prod-storage-rook-ceph-cluster", graph.Transitive(Operator));
        Assert.True(run.Options[Harbor].Protect);
        Assert.True(run.Options[Harbor].RetainOnDelete);
        Assert.Equal(false, release.Inputs["atomic"]);
        Assert.True(run.Options["platform-prod-image-scanning-harbor-namespace"].Protect);
        var ns = Map(run.Registration("kubernetes:core/v1:Namespace", "platform-prod-image-scanning-harbor-namespace").Inputs["metadata"]);
        Assert.Equal("restricted", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
        Assert.Contains(Setup, run.Registrations.Select(r => r.Name));
        Assert.Contains(Harbor, graph.Direct(Setup));
    }

    [Fact]
    public async Task Harbor_is_on_the_default_ingress_class_with_a_cert_manager_certificate_and_volumes_on_the_platform_class()
    {
        var run = await StackRunner.RunAsync(WithHarbor());
        var values = Map(run.Registration(ReleaseType, Harbor).Inputs["values"]);
        var expose = Map(values["expose"]);
        Assert.Equal("ingress", expose["type"]);
        var ingress = Map(expose["ingress"]);
        Assert.Equal("harbor.platform-prod.example.com", Map(ingress["hosts"])["core"]);
        Assert.Equal("traefik", ingress["className"]);
        Assert.Equal(Components.Networking.Certificates.ClusterIssuers.LetsEncryptProduction, Map(ingress["annotations"])["cert-manager.io/cluster-issuer"]);
        Assert.Equal(("secret", HarborValues.TlsSecretName), ((string)Map(expose["tls"])["certSource"], (string)Map(Map(expose["tls"])["secret"])["secretName"]));
        Assert.Equal("https://harbor.platform-prod.example.com", values["externalURL"]);
        var claims = Map(Map(values["persistence"])["persistentVolumeClaim"]);
        Assert.Equal("200Gi", Map(claims["registry"])["size"]);
        foreach (var claim in new[] { Map(claims["registry"]), Map(claims["database"]), Map(claims["redis"]), Map(claims["trivy"]), Map(Map(claims["jobservice"])["jobLog"]) })
            Assert.Equal(RookCephValues.BlockClass, claim["storageClass"]);
        Assert.Equal("keep", Map(values["persistence"])["resourcePolicy"]);
        Assert.Equal(true, Map(values["trivy"])["enabled"]);
        // The Ingress controller and cert-manager's solver reach Harbor's HTTP port.
        var fromIngress = Map(List(Map(run.Registration(PolicyType, "platform-prod-image-scanning-harbor-namespace-allow-from-ingress").Inputs["spec"])["ingress"]).Single());
        Assert.Equal([(double)HarborValues.HttpPort], List(fromIngress["ports"]).Select(p => Map(p)["port"]));
        Assert.Equal(Components.Networking.Ingress.IngressControllerCharts.Namespace(Components.Networking.Ingress.IngressControllerKind.Traefik), Map(Map(Map(List(fromIngress["from"]).Single())["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public async Task Harbor_secrets_are_generated_secret_and_never_in_the_values_and_the_outputs_carry_url_and_password()
    {
        var run = await StackRunner.RunAsync(WithHarbor(), preview: false);
        var values = Map(run.Registration(ReleaseType, Harbor).Inputs["values"]);
        Assert.Equal(HarborValues.SecretName, values["existingSecretAdminPassword"]);
        Assert.Equal(HarborValues.SecretName, values["existingSecretSecretKey"]);
        Assert.Equal("", Map(Map(values["database"])["internal"])["password"]);
        var stack = run.Single<PlatformStack>();
        Assert.Equal("https://harbor.platform-prod.example.com", await Outputs.ValueAsync(stack.HarborUrl));
        Assert.True(await Outputs.IsSecretAsync(stack.HarborAdminPassword));
        var password = await Outputs.SecretValueAsync(stack.HarborAdminPassword);
        Assert.Equal(32, password.Length);
        var secrets = run.Registration("kubernetes:core/v1:Secret", "platform-prod-image-scanning-harbor-secrets");
        var data = Map(secrets.Inputs["stringData"]);
        Assert.Equal([.. HarborValues.SecretKeys.Keys.Append("REGISTRY_HTPASSWD").Order(StringComparer.Ordinal)], data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(password, data[HarborValues.AdminPasswordKey]);
        Assert.All(HarborValues.SecretKeys, kv => Assert.Equal(kv.Value, ((string)data[kv.Key]).Length));
        Assert.StartsWith($"{HarborValues.RegistryUser}:", (string)data["REGISTRY_HTPASSWD"], StringComparison.Ordinal);
        var database = run.Registration("kubernetes:core/v1:Secret", "platform-prod-image-scanning-harbor-database");
        var metadata = Map(database.Inputs["metadata"]);
        Assert.Equal(HarborValues.DatabaseSecretName, metadata["name"]);
        Assert.Equal(("harbor", "harbor"), ((string)Map(metadata["annotations"])["meta.helm.sh/release-name"], (string)Map(metadata["annotations"])["meta.helm.sh/release-namespace"]));
        var generated = data.Values.Cast<string>().Append((string)Map(database.Inputs["stringData"])[HarborValues.DatabasePasswordKey]).ToList();
        var text = System.Text.Json.JsonSerializer.Serialize(values);
        Assert.All(generated, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Assert.Contains("stringData", ((Pulumi.CustomResourceOptions)run.Options["platform-prod-image-scanning-harbor-database"]).AdditionalSecretOutputs);
    }

    [Fact]
    public async Task The_setup_job_reads_the_admin_password_from_its_secret_and_runs_restricted()
    {
        var run = await StackRunner.RunAsync(WithHarbor());
        var job = run.Registration("kubernetes:batch/v1:Job", Setup);
        Assert.Equal(HarborSetup.JobName(HarborProject.Defaults), Map(job.Inputs["metadata"])["name"]);
        Assert.Matches("^harbor-setup-[0-9a-f]{10}$", HarborSetup.JobName(HarborProject.Defaults));
        // Another project list is another Job, which runs the script again.
        Assert.NotEqual(HarborSetup.JobName(HarborProject.Defaults), HarborSetup.JobName([new HarborProject { Name = "platform" }]));
        var pod = Map(Map(Map(job.Inputs["spec"])["template"])["spec"]);
        Assert.Equal("Never", pod["restartPolicy"]);
        Assert.Equal(true, Map(pod["securityContext"])["runAsNonRoot"]);
        var container = Map(List(pod["containers"]).Single());
        Assert.Equal(HarborSetup.Image, container["image"]);
        Assert.Equal(["/bin/sh", "-c", HarborSetup.Script], List(container["command"]).Cast<string>());
        var env = List(container["env"]).Select(Map).ToDictionary(e => (string)e["name"]);
        var secretRef = Map(Map(env["HARBOR_ADMIN_PASSWORD"]["valueFrom"])["secretKeyRef"]);
        Assert.Equal((HarborValues.SecretName, HarborValues.AdminPasswordKey), ((string)secretRef["name"], (string)secretRef["key"]));
        Assert.False(env["HARBOR_ADMIN_PASSWORD"].ContainsKey("value"));
        Assert.Equal("dockerhub|true|true|critical\nplatform|false|false|critical\n", env["PROJECTS"]["value"]);
        Assert.Equal(HarborValues.CoreUrl, env["HARBOR_URL"]["value"]);
        var security = Map(container["securityContext"]);
        Assert.Equal((false, true), ((bool)security["allowPrivilegeEscalation"], (bool)security["readOnlyRootFilesystem"]));
    }

    [Fact]
    public async Task Without_harbor_the_outputs_are_empty_and_nothing_of_harbor_is_registered()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        Assert.DoesNotContain(run.Registrations, r => r.Name!.StartsWith(Harbor, StringComparison.Ordinal));
        var stack = run.Single<PlatformStack>();
        Assert.Equal("", await Outputs.ValueAsync(stack.HarborUrl));
        Assert.True(await Outputs.IsSecretAsync(stack.HarborAdminPassword));
    }

    [Fact]
    public async Task Switched_off_the_layer_registers_nothing()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"imageScanning": false}""";
        var run = await StackRunner.RunAsync(config);
        Assert.Empty(run.All<ImageScanningLayer>());
        Assert.DoesNotContain(run.Registrations, r => r.Name!.StartsWith("platform-prod-image-scanning", StringComparison.Ordinal));
    }
}
