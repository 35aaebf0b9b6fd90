using System.Text.Json;
using k8s.Models;
using Platform.Components.Catalog;
using Platform.Components.Observability.Tracing;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Observability.Tracing;

/// <summary>The jaeger chart's values and Jaeger's own configuration, decoded: OTLP receivers on all addresses, the
/// storage (memory, or OpenSearch over verified TLS with the credentials from a Secret), the sampling rate, restricted
/// pods, and every key one the chart reads.</summary>
public class TracingValuesTests
{
    private static readonly JaegerOpenSearch OpenSearch = new() { Endpoint = "https://opensearch-cluster-master.logging.svc:9200", IndexReplicas = 1 };

    private static TracingOptions Options(PlatformTier tier = PlatformTier.Medium) => TracingTierSizing.Defaults(tier);

    private static JaegerConfig Config(IReadOnlyDictionary<string, object> values) =>
        StrictJson.DecodeYaml<JaegerConfig>(ValuesTree.Serialize(values["userconfig"]));

    private static T Decode<T>(object value) => StrictJson.Decode<T>(JsonSerializer.SerializeToNode(value));

    [Fact]
    public void Without_opensearch_jaeger_keeps_traces_in_memory_and_receives_otlp_on_all_addresses()
    {
        var values = JaegerValues.Render(Options(), new JaegerInputs());
        var config = Config(values);

        Assert.Equal("0.0.0.0:4317", config.Receivers.Otlp.Protocols.Grpc.Address);
        Assert.Equal("0.0.0.0:4318", config.Receivers.Otlp.Protocols.Http.Address);
        var backend = Assert.Single(config.Extensions.Storage.Backends);
        Assert.Equal(50_000, backend.Value.Memory!.MaxTraces);
        Assert.Null(backend.Value.OpenSearch);
        Assert.Equal(backend.Key, config.Exporters.StorageExporter.TraceStorage);
        Assert.Equal(backend.Key, config.Extensions.Query.Storage.Traces);
        var pipeline = Assert.Single(config.Service.Pipelines);
        Assert.Equal("traces", pipeline.Key);
        Assert.Equal(["otlp"], pipeline.Value.Receivers);
        Assert.Equal(["memory_limiter", "batch"], pipeline.Value.Processors);
        Assert.Equal(["jaeger_storage_exporter"], pipeline.Value.Exporters);
        // Every extension the service names is configured, and the other way round.
        Assert.Equal(["healthcheckv2", "jaeger_query", "jaeger_storage", "remote_sampling"], config.Service.Extensions.Order());
        // The chart's probes call :13133/status, Prometheus scrapes :8888.
        Assert.Equal("0.0.0.0:13133", config.Extensions.HealthCheck.Http.Address);
        Assert.Equal(("0.0.0.0", 8888), (config.Service.Telemetry.Metrics.Readers[0].Pull.Exporter.Prometheus.Host, config.Service.Telemetry.Metrics.Readers[0].Pull.Exporter.Prometheus.Port));
        Assert.Equal(1, ValuesTree.At(values, "jaeger.replicas"));
        Assert.False(ValuesTree.Has(values, "esIndexCleaner"));
        Assert.False(ValuesTree.Has(values, "jaeger.extraEnv"));
    }

    [Theory]
    [InlineData(PlatformTier.Small, 0.1)]
    [InlineData(PlatformTier.Medium, 0.05)]
    [InlineData(PlatformTier.Enterprise, 0.01)]
    public void Remote_sampling_serves_the_tiers_rate_and_the_override(PlatformTier tier, double rate)
    {
        var config = Config(JaegerValues.Render(Options(tier), new JaegerInputs()));
        Assert.Equal(rate, config.Extensions.RemoteSampling.File.DefaultSamplingProbability);
        Assert.Equal("0.0.0.0:5778", config.Extensions.RemoteSampling.Http.Address);
        Assert.Equal("0.0.0.0:5779", config.Extensions.RemoteSampling.Grpc.Address);

        var overridden = Config(JaegerValues.Render(Options(tier) with { SamplingRate = 0.5 }, new JaegerInputs()));
        Assert.Equal(0.5, overridden.Extensions.RemoteSampling.File.DefaultSamplingProbability);
    }

    [Fact]
    public void With_opensearch_jaeger_verifies_its_certificate_and_takes_its_credentials_from_the_secret_never_the_text()
    {
        var values = JaegerValues.Render(Options() with { Replicas = 2 }, new JaegerInputs { OpenSearch = OpenSearch });
        var config = Config(values);

        var store = Assert.Single(config.Extensions.Storage.Backends).Value.OpenSearch!;
        Assert.Equal([OpenSearch.Endpoint], store.ServerUrls);
        Assert.False(store.Tls.Insecure);
        Assert.False(store.Tls.InsecureSkipVerify);
        Assert.Equal(JaegerConfiguration.CaFile, store.Tls.CaFile);
        Assert.Equal("${env:OPENSEARCH_USERNAME}", store.Auth.Basic.Username);
        Assert.Null(store.Auth.Basic.Password);
        Assert.Equal(JaegerConfiguration.PasswordFile, store.Auth.Basic.PasswordFile);
        Assert.Equal("jaeger", store.Indices.IndexPrefix);
        Assert.All(new[] { store.Indices.Spans, store.Indices.Services, store.Indices.Dependencies, store.Indices.Sampling }, i => Assert.Equal((1, 1), (i.Shards, i.Replicas)));

        // The environment variable and the mounted files come from the Secret and the ConfigMap the layer creates.
        var env = Assert.Single(Decode<V1EnvVar[]>(ValuesTree.At(values, "jaeger.extraEnv")));
        Assert.Equal((JaegerConfiguration.UsernameVariable, JaegerValues.CredentialsSecret, JaegerValues.UsernameKey),
            (env.Name, env.ValueFrom.SecretKeyRef.Name, env.ValueFrom.SecretKeyRef.Key));
        var volumes = Decode<V1Volume[]>(ValuesTree.At(values, "jaeger.extraVolumes"));
        var mounts = Decode<V1VolumeMount[]>(ValuesTree.At(values, "jaeger.extraVolumeMounts"));
        var credentials = Assert.Single(volumes, v => v.Secret is not null);
        Assert.Equal(JaegerValues.CredentialsSecret, credentials.Secret.SecretName);
        Assert.Equal(JaegerConfiguration.PasswordFile, $"{mounts.Single(m => m.Name == credentials.Name).MountPath}/{credentials.Secret.Items.Single().Path}");
        var ca = Assert.Single(volumes, v => v.ConfigMap is not null);
        Assert.Equal(JaegerValues.CaConfigMap, ca.ConfigMap.Name);
        Assert.Equal(JaegerConfiguration.CaFile, $"{mounts.Single(m => m.Name == ca.Name).MountPath}/{JaegerValues.CaKey}");
        Assert.All(mounts, m => Assert.True(m.ReadOnlyProperty));
        Assert.Equal(2, ValuesTree.At(values, "jaeger.replicas"));
        Assert.Equal(0, ValuesTree.At(values, "jaeger.strategy.rollingUpdate.maxUnavailable"));
    }

    [Fact]
    public void With_opensearch_the_index_cleaner_deletes_indices_older_than_the_retention_as_the_jaeger_user()
    {
        var values = JaegerValues.Render(Options() with { RetentionDays = 5 }, new JaegerInputs { OpenSearch = OpenSearch });

        Assert.Equal(true, ValuesTree.At(values, "esIndexCleaner.enabled"));
        Assert.Equal(5, ValuesTree.At(values, "esIndexCleaner.numberOfDays"));
        Assert.Equal(OpenSearch.Endpoint, ValuesTree.At(values, "storage.elasticsearch.url"));
        // The chart's env helper puts storage.elasticsearch.user and password into plain env values: they stay unset.
        Assert.False(ValuesTree.Has(values, "storage.elasticsearch.user"));
        Assert.False(ValuesTree.Has(values, "storage.elasticsearch.password"));
        var env = Decode<V1EnvVar[]>(ValuesTree.At(values, "esIndexCleaner.extraEnv")).ToDictionary(e => e.Name);
        Assert.Equal(JaegerValues.UsernameKey, env["ES_USERNAME"].ValueFrom.SecretKeyRef.Key);
        Assert.Equal(JaegerValues.PasswordKey, env["ES_PASSWORD"].ValueFrom.SecretKeyRef.Key);
        Assert.Null(env["ES_PASSWORD"].Value);
        Assert.Equal(("true", JaegerConfiguration.CaFile, "jaeger"), (env["ES_TLS_ENABLED"].Value, env["ES_TLS_CA"].Value, env["INDEX_PREFIX"].Value));
        var pod = Decode<V1PodSecurityContext>(ValuesTree.At(values, "esIndexCleaner.podSecurityContext"));
        var container = Decode<V1SecurityContext>(ValuesTree.At(values, "esIndexCleaner.securityContext"));
        Assert.Empty(RestrictedPodSecurity.Violations(pod, container));
    }

    [Fact]
    public void Jaegers_pod_passes_restricted_and_needs_no_service_account_token()
    {
        var values = JaegerValues.Render(Options(), new JaegerInputs { OpenSearch = OpenSearch });
        var pod = Decode<V1PodSecurityContext>(ValuesTree.At(values, "jaeger.podSecurityContext"));
        var container = Decode<V1SecurityContext>(ValuesTree.At(values, "jaeger.securityContext"));

        Assert.Empty(RestrictedPodSecurity.Violations(pod, container));
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.Equal(false, ValuesTree.At(values, "jaeger.serviceAccount.automountServiceAccountToken"));
        var resources = Decode<V1ResourceRequirements>(ValuesTree.At(values, "jaeger.resources"));
        Assert.Equal(("200m", "512Mi", "1Gi"), (resources.Requests["cpu"].ToString(), resources.Requests["memory"].ToString(), resources.Limits["memory"].ToString()));
        Assert.False(resources.Limits.ContainsKey("cpu"));
    }

    [Fact]
    public void Every_value_is_a_path_the_chart_reads()
    {
        var inputs = new JaegerInputs { OpenSearch = OpenSearch, IngressClass = "traefik", ClusterIssuer = "letsencrypt-production" };
        Assert.Empty(ChartPaths.Unread(HelmCharts.Jaeger, JaegerValues.Render(Options() with { Host = "jaeger.example.com", Replicas = 2 }, inputs)));
        Assert.Empty(ChartPaths.Unread(HelmCharts.Jaeger, JaegerValues.Render(Options(), new JaegerInputs())));
    }

    [Fact]
    public void The_ui_is_exposed_with_a_hostname_and_an_ingress_class_with_a_certificate_from_the_issuer()
    {
        var inputs = new JaegerInputs { IngressClass = "traefik", ClusterIssuer = "letsencrypt-production" };
        var values = JaegerValues.Render(Options() with { Host = "jaeger.example.com" }, inputs);

        Assert.Equal("https://jaeger.example.com/", JaegerValues.UiUrl(Options() with { Host = "jaeger.example.com" }, inputs));
        Assert.Equal("traefik", ValuesTree.At(values, "jaeger.ingress.ingressClassName"));
        Assert.Equal(new object[] { "jaeger.example.com" }, (object[])ValuesTree.At(values, "jaeger.ingress.hosts"));
        Assert.Equal("letsencrypt-production", ((IReadOnlyDictionary<string, object>)ValuesTree.At(values, "jaeger.ingress.annotations"))["cert-manager.io/cluster-issuer"]);
        var tls = Assert.Single(Decode<V1IngressTLS[]>(ValuesTree.At(values, "jaeger.ingress.tls")));
        Assert.Equal((JaegerValues.TlsSecret, "jaeger.example.com"), (tls.SecretName, tls.Hosts.Single()));
        // No host, or no ingress class: no Ingress.
        Assert.False(ValuesTree.Has(JaegerValues.Render(Options(), inputs), "jaeger.ingress"));
        Assert.False(ValuesTree.Has(JaegerValues.Render(Options() with { Host = "jaeger.example.com" }, new JaegerInputs()), "jaeger.ingress"));
    }

    [Fact]
    public void Bad_options_and_several_memory_replicas_are_refused()
    {
        var replicas = Assert.Throws<ArgumentException>(() => JaegerValues.Render(Options() with { Replicas = 2 }, new JaegerInputs()));
        Assert.Contains("replicas 2 need the OpenSearch storage", replicas.Message, StringComparison.Ordinal);
        var rate = Assert.Throws<ArgumentException>(() => JaegerValues.Render(Options() with { SamplingRate = 2 }, new JaegerInputs()));
        Assert.Contains("samplingRate 2 must be above 0 and at most 1", rate.Message, StringComparison.Ordinal);
        var http = Assert.Throws<ArgumentException>(() => JaegerValues.Render(Options(), new JaegerInputs { OpenSearch = OpenSearch with { Endpoint = "http://opensearch:9200" } }));
        Assert.Contains("is not an https URL", http.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pods_carry_the_configurations_digest_so_that_a_changed_configuration_and_only_that_rolls_them()
    {
        static string Digest(IReadOnlyDictionary<string, object> values) =>
            (string)((IReadOnlyDictionary<string, object>)ValuesTree.At(values, "jaeger.podLabels"))[JaegerValues.ConfigDigestLabel];

        var first = Digest(JaegerValues.Render(Options(), new JaegerInputs()));
        Assert.Matches("^[0-9a-f]{16}$", first);
        Assert.Equal(first, Digest(JaegerValues.Render(Options(), new JaegerInputs())));
        Assert.NotEqual(first, Digest(JaegerValues.Render(Options() with { SamplingRate = 0.5 }, new JaegerInputs())));
        Assert.NotEqual(first, Digest(JaegerValues.Render(Options(), new JaegerInputs { OpenSearch = OpenSearch })));
    }
}
