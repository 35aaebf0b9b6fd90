using k8s.Models;
using Platform.Components.Catalog;
using Platform.Components.Observability.Logging;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Observability.Logging;

/// <summary>OpenSearch's and Dashboards' values against the charts' reference data, as the pods and nodes read them.</summary>
public class LoggingValuesTests
{
    private static LoggingOptions Medium(bool ephemeral = false, string? host = "logs.example.com") =>
        LoggingTierSizing.For(PlatformTier.Medium) with { Ephemeral = ephemeral, DashboardsHost = host };

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static T Decode<T>(object tree) => StrictJson.DecodeYaml<T>(ValuesTree.Serialize(tree));

    [Fact]
    public void Every_value_is_a_path_the_charts_read()
    {
        foreach (var values in new[] { OpenSearchValues.Render(Medium(), "ceph-block"), OpenSearchValues.Render(Medium(ephemeral: true), null) })
        {
            ValuesTree.AssertRoundTrips(values);
            Assert.Empty(ChartPaths.Unread(HelmCharts.OpenSearch, values));
        }
        foreach (var values in new[]
        {
            OpenSearchDashboardsValues.Render(Medium(), "https://opensearch-cluster-master.logging.svc:9200", "contour", "letsencrypt-production"),
            OpenSearchDashboardsValues.Render(Medium(host: null), "https://opensearch-cluster-master.logging.svc:9200", null, null),
        })
        {
            ValuesTree.AssertRoundTrips(values);
            Assert.Empty(ChartPaths.Unread(HelmCharts.OpenSearchDashboards, values));
        }
    }

    [Fact]
    public void Opensearch_runs_under_restricted_with_no_root_init_container_and_no_sysctl()
    {
        var values = OpenSearchValues.Render(Medium(), "ceph-block");

        var pod = Decode<V1PodSecurityContext>(values["podSecurityContext"]);
        var container = Decode<V1SecurityContext>(values["securityContext"]);
        Assert.Empty(RestrictedPodSecurity.Violations(pod, container));
        Assert.Equal(false, ValuesTree.At(values, "persistence.enableInitChown"));
        Assert.Equal(false, ValuesTree.At(values, "sysctlInit.enabled"));
        Assert.Equal(false, ValuesTree.At(values, "sysctl.enabled"));
        Assert.Equal(false, ValuesTree.At(values, "rbac.automountServiceAccountToken"));
        var dashboards = OpenSearchDashboardsValues.Render(Medium(), "https://x.logging.svc:9200", null, null);
        Assert.Empty(RestrictedPodSecurity.Violations(Decode<V1PodSecurityContext>(dashboards["podSecurityContext"]), Decode<V1SecurityContext>(dashboards["securityContext"])));
    }

    [Theory]
    [InlineData(PlatformTier.Small, 1, true, "-Xms1024m -Xmx1024m", "30Gi")]
    [InlineData(PlatformTier.Medium, 3, false, "-Xms2048m -Xmx2048m", "100Gi")]
    [InlineData(PlatformTier.Enterprise, 3, false, "-Xms4096m -Xmx4096m", "300Gi")]
    public void Each_tier_sizes_its_nodes_heap_and_volumes_on_the_storage_class(PlatformTier tier, int replicas, bool single, string heap, string size)
    {
        var values = OpenSearchValues.Render(LoggingTierSizing.For(tier), "ceph-block");

        Assert.Equal(replicas, values["replicas"]);
        Assert.Equal(single, values["singleNode"]);
        Assert.Equal(heap, values["opensearchJavaOpts"]);
        Assert.Equal(size, ValuesTree.At(values, "persistence.size"));
        Assert.Equal("ceph-block", ValuesTree.At(values, "persistence.storageClass"));
        Assert.Equal(LoggingTierSizing.For(tier).MemoryLimit, ValuesTree.At(values, "resources.limits.memory"));
    }

    [Fact]
    public void Without_a_storage_class_the_data_is_refused_unless_ephemeral_and_then_an_empty_dir()
    {
        Assert.Contains("no StorageClass", Assert.Throws<ArgumentException>(() => OpenSearchValues.Render(Medium(), null)).Message, StringComparison.Ordinal);
        Assert.Contains("ephemeral is set", Assert.Throws<ArgumentException>(() => OpenSearchValues.Render(Medium(ephemeral: true), "ceph-block")).Message, StringComparison.Ordinal);
        var values = OpenSearchValues.Render(Medium(ephemeral: true), null);
        Assert.Equal(false, ValuesTree.At(values, "persistence.enabled"));
        var volume = Decode<V1Volume>(Assert.Single((object[])values["extraVolumes"]));
        Assert.Equal("100Gi", volume.EmptyDir.SizeLimit.ToString());
        Assert.Equal("/usr/share/opensearch/data", Decode<V1VolumeMount>(Assert.Single((object[])values["extraVolumeMounts"])).MountPath);
    }

    [Fact]
    public void The_security_plugin_reads_its_certificates_and_configuration_from_secrets_and_no_secret_is_in_the_values()
    {
        var values = OpenSearchValues.Render(Medium(), "ceph-block");
        var yml = KubeYaml.Single(OpenSearchValues.OpenSearchYml())!;

        Assert.Equal("certs/transport/tls.crt", yml["plugins.security.ssl.transport.pemcert_filepath"]!.GetValue<string>());
        Assert.True(yml["plugins.security.ssl.http.enabled"]!.GetValue<bool>());
        Assert.Equal([OpenSearchSecurityConfig.AdminDn], yml["plugins.security.authcz.admin_dn"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal([OpenSearchSecurityConfig.NodesDn], yml["plugins.security.nodes_dn"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(OpenSearchValues.OpenSearchYml(), Map(values["config"])["opensearch.yml"]);
        Assert.Equal(OpenSearchValues.SecurityConfigSecret, ValuesTree.At(values, "securityConfig.config.securityConfigSecret"));
        var mounts = ((object[])values["secretMounts"]).Cast<IReadOnlyDictionary<string, object>>().ToDictionary(m => (string)m["secretName"], m => (string)m["path"]);
        Assert.Equal("/usr/share/opensearch/config/certs/transport", mounts[OpenSearchValues.TransportTlsSecret]);
        Assert.Equal("/usr/share/opensearch/config/certs/http", mounts[OpenSearchValues.HttpTlsSecret]);
        Assert.DoesNotContain("$2a$", ValuesTree.Serialize(values), StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboards_verifies_opensearch_and_is_exposed_only_with_a_host_and_an_ingress_class()
    {
        const string url = "https://opensearch-cluster-master.logging.svc:9200";
        var exposed = OpenSearchDashboardsValues.Render(Medium(), url, "contour", "letsencrypt-production");
        var yml = KubeYaml.Single((string)Map(exposed["config"])["opensearch_dashboards.yml"])!;

        Assert.Equal("full", yml["opensearch.ssl.verificationMode"]!.GetValue<string>());
        Assert.Equal([url], yml["opensearch.hosts"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("${OPENSEARCH_PASSWORD}", yml["opensearch.password"]!.GetValue<string>());
        Assert.True(yml["opensearch_security.cookie.secure"]!.GetValue<bool>());
        Assert.Equal("contour", ValuesTree.At(exposed, "ingress.ingressClassName"));
        Assert.Equal("letsencrypt-production", Map(ValuesTree.At(exposed, "ingress.annotations"))["cert-manager.io/cluster-issuer"]);
        Assert.Equal("https://logs.example.com/", OpenSearchDashboardsValues.Url(Medium(), "contour", "letsencrypt-production"));

        Assert.Equal(false, ValuesTree.At(OpenSearchDashboardsValues.Render(Medium(host: null), url, "contour", null), "ingress.enabled"));
        Assert.Equal(false, ValuesTree.At(OpenSearchDashboardsValues.Render(Medium(), url, null, null), "ingress.enabled"));
        Assert.Null(OpenSearchDashboardsValues.Url(Medium(), null, null));
    }
}
