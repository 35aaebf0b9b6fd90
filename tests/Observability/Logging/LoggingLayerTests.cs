using Platform.Components.Catalog;
using Platform.Components.Observability;
using Platform.Components.Observability.Logging;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Platform.Renderer;
using Pulumi;

namespace Platform.Tests.Observability.Logging;

/// <summary>What the logging layer registers on its own: its namespace, PKI, passwords, Secrets, the two releases and the
/// setup Job, and in which order.</summary>
public class LoggingLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string SecretType = "kubernetes:core/v1:Secret";

    internal static Task<ComponentRun> RunAsync(LoggingLayerArgs args) =>
        ComponentRun.RunAsync(() => 0, (_, options) => new LoggingLayer("logging", args, options));

    internal static LoggingLayerArgs Medium(bool ephemeral = false) => new()
    {
        Options = LoggingTierSizing.For(PlatformTier.Medium) with { Ephemeral = ephemeral, DashboardsHost = "logs.example.com" },
        StorageClass = ephemeral ? null : "ceph-block",
        Ingress = ("contour", "projectcontour"),
        ClusterIssuer = "letsencrypt-production",
    };

    [Fact]
    public async Task The_layer_registers_opensearch_dashboards_and_the_setup_job_in_order()
    {
        var run = await RunAsync(Medium());

        var opensearch = run.Registration(ReleaseType, "logging-opensearch");
        Assert.Equal((HelmCharts.OpenSearch.Name, HelmCharts.OpenSearch.Version, LoggingLayer.Namespace),
            ((string)opensearch.Inputs["chart"], (string)opensearch.Inputs["version"], (string)opensearch.Inputs["namespace"]));
        var dashboards = run.Registration(ReleaseType, "logging-opensearch-dashboards");
        Assert.Equal(HelmCharts.OpenSearchDashboards.Version, dashboards.Inputs["version"]);
        Assert.Single(run.Of("kubernetes:batch/v1:Job"));
    }
}

/// <summary>The logging layer's secrets, certificates, traffic and contract, on its own.</summary>
public class LoggingLayerSecretsTests
{
    private const string SecretType = "kubernetes:core/v1:Secret";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    [Fact]
    public async Task The_security_configuration_holds_bcrypt_hashes_in_a_secret_and_no_password_reaches_a_release()
    {
        var mocks = new PlatformMocks();
        LoggingLayer? layer = null;
        await Deployment.TestAsync(mocks.Mock.Object, new Pulumi.Testing.TestOptions { IsPreview = false, ProjectName = "platform", StackName = "test" },
            () => { layer = new LoggingLayer("logging", LoggingLayerTests.Medium()); });

        var security = Assert.Single(mocks.Registrations, r => r.Type == SecretType && r.Name == "logging-security-config");
        Assert.Equal(OpenSearchValues.SecurityConfigSecret, Map(security.Inputs["metadata"])["name"]);
        var files = Map(security.Inputs["stringData"]);
        Assert.Equal(OpenSearchSecurityConfig.Files, files.Keys.Order(StringComparer.Ordinal).Select(k => k).Intersect(OpenSearchSecurityConfig.Files).OrderBy(f => OpenSearchSecurityConfig.Files.ToList().IndexOf(f)));
        var users = Validation.KubeYaml.Single((string)files["internal_users.yml"])!;
        var password = PlatformMocks.RandomResult("logging-jaeger-password", 32);
        Assert.Equal(ProviderOutputs.BcryptHash("logging-jaeger-password"), users["jaeger"]!["hash"]!.GetValue<string>());
        Assert.DoesNotContain(password, (string)files["internal_users.yml"], StringComparison.Ordinal);
        foreach (var release in mocks.Registrations.Where(r => r.Type == "kubernetes:helm.sh/v3:Release"))
        {
            var values = System.Text.Json.JsonSerializer.Serialize(release.Inputs["values"]);
            foreach (var user in OpenSearchSecurityConfig.Users)
                Assert.DoesNotContain(PlatformMocks.RandomResult($"logging-{user}-password", 32), values, StringComparison.Ordinal);
            Assert.DoesNotContain("$2a$", values, StringComparison.Ordinal);
        }

        // Secret in state: the Secrets' data, the admin password, every client's password.
        Assert.True(await Outputs.IsSecretAsync(layer!.AdminPassword));
        Assert.Equal(PlatformMocks.RandomResult("logging-admin-password", 32), await Outputs.SecretValueAsync(layer.AdminPassword));
        foreach (var credentials in layer.Backend.Users.Values)
            Assert.True(await Outputs.IsSecretAsync(credentials.Password));
        Assert.Equal(["falcosidekick", "fluent-bit", "grafana", "jaeger"], layer.Backend.Users.Keys.Order(StringComparer.Ordinal));
        Assert.All(layer.Backend.Users, kv => Assert.Equal(kv.Key, kv.Value.Username));
        Assert.Equal("https://opensearch-cluster-master.logging.svc:9200", layer.Backend.Endpoint);
        Assert.Same(layer.SetupJob, layer.Backend.Ready);
        Assert.Equal(await Outputs.ValueAsync(layer.CaCertificatePem), await Outputs.ValueAsync(layer.Backend.CaCertificatePem));
        Assert.Equal("https://logs.example.com/", await Outputs.ValueAsync(layer.DashboardsUrl!));
    }

    [Fact]
    public async Task The_transport_certificate_names_every_node_and_the_http_certificate_the_service()
    {
        var run = await LoggingLayerTests.RunAsync(LoggingLayerTests.Medium());

        string[] Names(string csr) => ((System.Collections.Immutable.ImmutableArray<object>)run.Registration("tls:index/certRequest:CertRequest", csr).Inputs["dnsNames"]).Cast<string>().ToArray();
        var transport = Names("logging-opensearch-transport-csr");
        for (var i = 0; i < 3; i++)
            Assert.Contains($"opensearch-cluster-master-{i}.opensearch-cluster-master-headless.logging.svc.cluster.local", transport);
        Assert.DoesNotContain("opensearch-cluster-master-3.opensearch-cluster-master-headless.logging.svc.cluster.local", transport);
        Assert.Contains(LoggingLayer.OpenSearchHost, Names("logging-opensearch-http-csr"));
        Assert.Equal("opensearch-node", Map(run.Registration("tls:index/certRequest:CertRequest", "logging-opensearch-transport-csr").Inputs["subject"])["commonName"]);
        Assert.Equal("opensearch-admin", Map(run.Registration("tls:index/certRequest:CertRequest", "logging-opensearch-admin-csr").Inputs["subject"])["commonName"]);
        Assert.True(run.Registration("tls:index/selfSignedCert:SelfSignedCert", "logging-opensearch-ca").Inputs["isCaCertificate"] is true);
        var transportSecret = run.Registration(SecretType, "logging-transport-tls");
        Assert.Equal(["ca.crt", "tls.crt", "tls.key"], Map(transportSecret.Inputs["stringData"]).Keys.Order(StringComparer.Ordinal));
        Assert.Equal("kubernetes.io/tls", transportSecret.Inputs["type"]);
    }

    [Fact]
    public async Task The_release_waits_for_its_secrets_the_job_for_the_release_and_dashboards_for_opensearch()
    {
        var args = LoggingLayerTests.Medium() with { StorageReady = [] };
        var run = await LoggingLayerTests.RunAsync(args);

        Assert.Superset(new HashSet<string> { "logging-transport-tls", "logging-http-tls", "logging-security-config" }, run.DependsOn["logging-opensearch"].ToHashSet());
        Assert.Superset(new HashSet<string> { "logging-opensearch", "logging-admin-tls", "logging-security-config", "logging-setup" }, run.DependsOn["logging-opensearch-setup"].ToHashSet());
        Assert.Superset(new HashSet<string> { "logging-opensearch", "logging-dashboards-account", "logging-ca" }, run.DependsOn["logging-opensearch-dashboards"].ToHashSet());
        Assert.DoesNotContain("logging-opensearch-setup", run.DependsOn["logging-opensearch-dashboards"]);
    }

    [Fact]
    public async Task The_setup_job_runs_restricted_with_the_admin_certificate_and_no_secret_on_its_command_line()
    {
        var run = await LoggingLayerTests.RunAsync(LoggingLayerTests.Medium());
        var job = Validation.StrictJson.Decode<k8s.Models.V1Job>(System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            run.Registration("kubernetes:batch/v1:Job", "logging-opensearch-setup").Inputs.Where(kv => kv.Key is "metadata" or "spec").ToDictionary(kv => kv.Key, kv => kv.Value))));

        Assert.Equal(OpenSearchSetupJob.JobName, job.Metadata.Name);
        Assert.Equal(LoggingLayer.Namespace, job.Metadata.NamespaceProperty);
        Assert.Null(job.Spec.TtlSecondsAfterFinished);
        var pod = job.Spec.Template.Spec;
        Assert.False(pod.AutomountServiceAccountToken);
        var init = Assert.Single(pod.InitContainers);
        Assert.Equal(OpenSearchSetupJob.SecurityAdminCommand(LoggingLayer.OpenSearchHost), init.Command);
        Assert.Contains("/admin-tls/tls.key", init.Command);
        foreach (var container in pod.InitContainers.Concat(pod.Containers))
        {
            Assert.Empty(Validation.RestrictedPodSecurity.Violations(pod.SecurityContext, container.SecurityContext));
            Assert.Equal(ObservabilityImages.OpenSearch, container.Image);
            Assert.DoesNotContain(container.Env ?? [], e => e.ValueFrom is not null || e.Name.Contains("PASSWORD", StringComparison.Ordinal));
        }
        Assert.Equal(OpenSearchSetupJob.AdminTlsSecret, pod.Volumes.Single(v => v.Name == "admin-tls").Secret.SecretName);
        Assert.Equal(OpenSearchValues.SecurityConfigSecret, pod.Volumes.Single(v => v.Name == "security-config").Secret.SecretName);
        Assert.True((run.Registration("kubernetes:batch/v1:Job", "logging-opensearch-setup").Inputs["spec"] is not null));
    }

    [Fact]
    public async Task A_changed_configuration_changes_the_job_template_so_the_job_runs_again()
    {
        async Task<string> Checksum(LoggingLayerArgs args)
        {
            var mocks = new PlatformMocks();
            await Deployment.TestAsync(mocks.Mock.Object, new Pulumi.Testing.TestOptions { IsPreview = false, ProjectName = "platform", StackName = "test" },
                () => { _ = new LoggingLayer("logging", args); });
            var job = Assert.Single(mocks.Registrations, r => r.Type == "kubernetes:batch/v1:Job");
            return (string)Map(Map(Map(Map(job.Inputs["spec"])["template"])["metadata"])["annotations"])[OpenSearchSetupJob.ChecksumAnnotation];
        }

        var medium = LoggingLayerTests.Medium();
        var first = await Checksum(medium);
        Assert.Equal(first, await Checksum(medium));
        Assert.NotEqual(first, await Checksum(medium with { Options = medium.Options with { RetentionDays = 21 } }));
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public async Task The_namespace_lets_clients_reach_9200_nodes_reach_each_other_and_the_ingress_reach_dashboards()
    {
        var run = await LoggingLayerTests.RunAsync(LoggingLayerTests.Medium());
        var policies = run.Of("kubernetes:networking.k8s.io/v1:NetworkPolicy")
            .ToDictionary(p => (string)Map(p.Inputs["metadata"])["name"], p => Map(p.Inputs["spec"]));

        string Peer(string name, string direction) => (string)Map(Map(Map(((System.Collections.Immutable.ImmutableArray<object>)Map(((System.Collections.Immutable.ImmutableArray<object>)policies[name][direction])[0])[direction == "ingress" ? "from" : "to"])[0])["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"];
        IEnumerable<double> Ports(string name, string direction) => ((System.Collections.Immutable.ImmutableArray<object>)Map(((System.Collections.Immutable.ImmutableArray<object>)policies[name][direction])[0])["ports"]).Select(p => (double)Map(p)["port"]);

        foreach (var (client, ns) in LoggingClients.Namespaces)
        {
            Assert.Equal(ns, Peer($"allow-opensearch-from-{client}", "ingress"));
            Assert.Equal([9200d], Ports($"allow-opensearch-from-{client}", "ingress"));
        }
        Assert.Equal([9200d, 9300d], Ports("allow-opensearch-within-namespace-in", "ingress"));
        Assert.Equal(LoggingLayer.Namespace, Peer("allow-opensearch-within-namespace-out", "egress"));
        Assert.Equal("projectcontour", Peer("allow-dashboards-from-ingress", "ingress"));
        Assert.Equal([5601d], Ports("allow-dashboards-from-ingress", "ingress"));
        Assert.Contains("default-deny", policies.Keys);
        // No API server egress: nothing in the namespace calls it.
        Assert.DoesNotContain("allow-api-server", policies.Keys);
        var ns2 = Map(run.Registration("kubernetes:core/v1:Namespace", "logging-namespace").Inputs["metadata"]);
        Assert.Equal("restricted", Map(ns2["labels"])["pod-security.kubernetes.io/enforce"]);
    }
}
