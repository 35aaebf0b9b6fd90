using Platform.Components.Security.Scanning;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Security;

/// <summary>platform:imageScanning is read strictly over the tier's defaults, and a configuration that cannot work (Harbor
/// without its host, ingress, certificates or storage; an unknown severity; fewer than one scan job; a database
/// repository that is no OCI reference; unknown fields) stops the run, naming the key and the fix, before any resource
/// is registered.</summary>
public class ScanningConfigTests
{
    private static async Task<string> FailsBeforeAnyResource(Dictionary<string, string> config)
    {
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Empty(mocks.Registrations);
        return error.Message;
    }

    private static string Problem(string imageScanning)
    {
        var error = ValidConfig.Problems(v => v["imageScanning"] = imageScanning);
        return Assert.Single(error.Problems).ToString();
    }

    [Theory]
    [InlineData("small", 1)]
    [InlineData("medium", 3)]
    [InlineData("enterprise", 5)]
    public void Unset_it_scans_every_severity_without_harbor_with_the_tiers_concurrency(string tier, int concurrency)
    {
        var options = ValidConfig.Load(v => v["tier"] = tier).ImageScanning;
        Assert.Equal(ImageRegistry.None, options.Registry);
        Assert.Null(options.Harbor);
        Assert.Equal(TrivySeverities.All, options.Severities);
        Assert.Equal(concurrency, options.ConcurrentScanJobs);
        Assert.Equal(ImageScanningOptions.DefaultDbRepository, options.DbRepository);
    }

    [Fact]
    public void Every_field_is_read_and_harbor_projects_default_to_a_docker_hub_cache_and_a_private_project()
    {
        var options = ValidConfig.Load(v => v["imageScanning"] = """
            {"registry": "harbor", "severities": ["high", "CRITICAL"], "concurrency": 7,
             "dbRepository": "mirror.example.internal:5000/trivy-db", "javaDbRepository": "mirror.example.internal/trivy-java-db",
             "harbor": {"host": "harbor.example.com"}}
            """).ImageScanning;
        Assert.Equal(ImageRegistry.Harbor, options.Registry);
        Assert.Equal(["HIGH", "CRITICAL"], options.Severities);
        Assert.Equal(7, options.ConcurrentScanJobs);
        Assert.Equal(("mirror.example.internal:5000/trivy-db", "mirror.example.internal/trivy-java-db"), (options.DbRepository, options.JavaDbRepository));
        Assert.Equal(("harbor.example.com", HarborOptions.DefaultStorageSize), (options.Harbor!.Host, options.Harbor.StorageSize));
        Assert.Equal(HarborProject.Defaults, options.Harbor.Projects);
        var projects = ValidConfig.Load(v => v["imageScanning"] = """
            {"registry": "harbor", "harbor": {"host": "harbor.example.com", "projects": [
              {"name": "team-a"}, {"name": "cache", "public": true, "proxyCache": true, "preventSeverity": "High"},
              {"name": "lab", "preventSeverity": "none"}]}}
            """).ImageScanning.Harbor!.Projects;
        Assert.Equal(
            [new HarborProject { Name = "team-a" }, new HarborProject { Name = "cache", Public = true, ProxyCache = true, PreventSeverity = "high" },
                new HarborProject { Name = "lab", PreventSeverity = null }],
            projects);
    }

    [Theory]
    [InlineData("""{"registry": "harbor"}""", "platform:imageScanning: registry harbor needs harbor.host")]
    [InlineData("""{"registry": "harbor", "harbor": {"storageSize": "10Gi"}}""", "platform:imageScanning.harbor.host: is required with harbor")]
    [InlineData("""{"registry": "quay"}""", "platform:imageScanning.registry: 'quay' is not a registry. Use none")]
    [InlineData("""{"severities": ["SEVERE"]}""", "platform:imageScanning: severities: 'SEVERE' is not a Trivy severity; use UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL.")]
    [InlineData("""{"severities": []}""", "platform:imageScanning: severities is empty")]
    [InlineData("""{"concurrency": 0}""", "platform:imageScanning: concurrency 0 is not a number of scan jobs; use 1 or more")]
    [InlineData("""{"dbRepository": "https://mirror.example.com/trivy-db"}""", "platform:imageScanning: dbRepository 'https://mirror.example.com/trivy-db' is not an OCI repository")]
    [InlineData("""{"javaDbRepository": "mirror.example.com"}""", "platform:imageScanning: javaDbRepository 'mirror.example.com' is not an OCI repository")]
    [InlineData("""{"harbor": {"host": "harbor.example.com"}}""", "platform:imageScanning: harbor is set, but registry is none")]
    [InlineData("""{"registry": "harbor", "harbor": {"host": "Harbor"}}""", "platform:imageScanning: harbor.host 'Harbor' is not a DNS name")]
    [InlineData("""{"registry": "harbor", "harbor": {"host": "harbor.example.com", "storageSize": "lots"}}""", "platform:imageScanning: harbor.storageSize 'lots' is not a size")]
    [InlineData("""{"registry": "harbor", "harbor": {"host": "harbor.example.com", "projects": [{"name": "a", "preventSeverity": "urgent"}]}}""", "platform:imageScanning: harbor.projects: a's preventSeverity 'urgent' is not one of low, medium, high, critical")]
    [InlineData("""{"registry": "harbor", "harbor": {"host": "harbor.example.com", "projects": [{"public": true}]}}""", "platform:imageScanning.harbor.projects[0]: needs a name")]
    [InlineData("""{"registry": "harbor", "harbor": {"host": "harbor.example.com", "projects": [{"name": "A b"}]}}""", "platform:imageScanning: harbor.projects: 'A b' is not a Harbor project name")]
    [InlineData("""{"registry": "harbor", "harbor": {"host": "harbor.example.com", "projects": [{"name": "a"}, {"name": "a"}]}}""", "platform:imageScanning: harbor.projects: the name 'a' appears more than once.")]
    [InlineData("""{"registry": "harbor", "harbor": {"host": "harbor.example.com", "projects": []}}""", "platform:imageScanning: harbor.projects is empty")]
    [InlineData("""{"scanners": ["vuln"]}""", "platform:imageScanning.scanners")]
    [InlineData("""{"concurrency": "many"}""", "platform:imageScanning.concurrency")]
    public void A_bad_value_names_the_key_and_the_fix(string imageScanning, string expected)
        => Assert.StartsWith(expected, Problem(imageScanning), StringComparison.Ordinal);

    [Fact]
    public async Task Harbor_without_storage_stops_the_run_naming_the_storage_and_the_way_without_harbor()
    {
        var config = ScanningLayerTests.WithHarbor();
        config.Remove("statefulWorkloads");
        var message = await FailsBeforeAnyResource(config);
        Assert.Contains("platform:imageScanning: imageScanning keeps its data in persistent volumes, but the storage capability is off", message, StringComparison.Ordinal);
        Assert.Contains("or run without Harbor (`pulumi config set --path platform:imageScanning.registry none`", message, StringComparison.Ordinal);
        Assert.DoesNotContain("imageScanning.ephemeral", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Harbor_without_the_ingress_or_certificates_capability_stops_the_run()
    {
        var noCertificates = ScanningLayerTests.WithHarbor();
        noCertificates.Remove("capabilities");
        Assert.Contains("platform:imageScanning.registry: harbor's TLS certificate comes from cert-manager, but the certificates capability is off.",
            await FailsBeforeAnyResource(noCertificates), StringComparison.Ordinal);
        var noIngress = ScanningLayerTests.WithHarbor();
        noIngress["capabilities"] = """{"certificates": true, "ingress": false}""";
        var message = await FailsBeforeAnyResource(noIngress);
        Assert.Contains("platform:imageScanning.registry: harbor is served on the default IngressClass, but the ingress capability is off.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_harbor_no_storage_is_needed()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        Assert.Single(run.All<Components.Security.ImageScanningLayer>());
    }
}
