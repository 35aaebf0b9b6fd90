using System.Globalization;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Observability.Tracing;

/// <summary>Jaeger v2's configuration, an OpenTelemetry Collector configuration (the chart's <c>userconfig</c>, which it
/// mounts as <c>/etc/jaeger/user-config.yaml</c> and passes with <c>--config</c>), rendered from typed options. Every
/// listener binds all addresses (the collector's own default is localhost): OTLP over gRPC (<see cref="OtlpGrpcPort"/>)
/// and HTTP (<see cref="OtlpHttpPort"/>) for applications, the query UI and API (<see cref="QueryHttpPort"/>), remote
/// sampling (<see cref="SamplingHttpPort"/>), the health check the chart's probes call (<see cref="HealthPort"/>,
/// <c>/status</c>) and the collector's own metrics (<see cref="MetricsPort"/>). The pipeline is otlp -&gt;
/// memory_limiter -&gt; batch -&gt; jaeger_storage_exporter. No secret is in the text: the OpenSearch user comes from the
/// environment (<see cref="UsernameVariable"/>, expanded by the collector's <c>${env:...}</c>) and the password from a
/// file (<see cref="PasswordFile"/>), both from a Secret.</summary>
/// <remarks>Field names are those of Jaeger 2.19.0 (jaegertracing/jaeger tag v2.19.0: cmd/jaeger/config-opensearch.yaml,
/// internal/storage/elasticsearch/config/config.go for the <c>opensearch</c> backend, cmd/jaeger/internal/extension/
/// remotesampling/config.go, jaegerquery/internal/flags.go).</remarks>
public static class JaegerConfiguration
{
    /// <summary>OTLP over gRPC.</summary>
    public const int OtlpGrpcPort = 4317;

    /// <summary>OTLP over HTTP (<c>/v1/traces</c>).</summary>
    public const int OtlpHttpPort = 4318;

    /// <summary>The query UI and its HTTP API (Grafana's Jaeger data source uses it).</summary>
    public const int QueryHttpPort = 16686;

    /// <summary>The query gRPC API.</summary>
    public const int QueryGrpcPort = 16685;

    /// <summary>Remote sampling over HTTP (<c>/api/sampling?service=...</c>), the port of Jaeger's
    /// <c>CollectorV2SamplingHTTP</c> and of the chart's Service (<c>config-rest</c>).</summary>
    public const int SamplingHttpPort = 5778;

    /// <summary>Remote sampling over gRPC (Jaeger's <c>CollectorV2SamplingGRPC</c>), which the OpenTelemetry SDKs'
    /// <c>jaeger_remote</c> sampler calls; the chart's Service has no port for it, the values add one.</summary>
    public const int SamplingGrpcPort = 5779;

    /// <summary>The health check extension, probed by the chart at <c>/status</c>.</summary>
    public const int HealthPort = 13133;

    /// <summary>The collector's own Prometheus metrics (the chart's Service port <c>internal-metrics</c>).</summary>
    public const int MetricsPort = 8888;

    /// <summary>The storage backend's name in the configuration.</summary>
    public const string Backend = "primary";

    /// <summary>The index prefix in OpenSearch: indices are <c>jaeger-jaeger-span-YYYY-MM-DD</c>,
    /// <c>jaeger-jaeger-service-YYYY-MM-DD</c>, ..., all under the <c>jaeger-*</c> pattern the logging layer grants the
    /// <c>jaeger</c> user.</summary>
    public const string IndexPrefix = "jaeger";

    /// <summary>The environment variable holding the OpenSearch user name.</summary>
    public const string UsernameVariable = "OPENSEARCH_USERNAME";

    /// <summary>Where the OpenSearch password is mounted (a Secret's key), re-read every minute.</summary>
    public const string PasswordFile = "/etc/jaeger/opensearch-credentials/password";

    /// <summary>Where OpenSearch's CA certificate is mounted (a ConfigMap's key).</summary>
    public const string CaFile = "/etc/jaeger/opensearch-ca/ca.crt";

    /// <summary>The configuration for <paramref name="options"/>, keeping traces in <paramref name="openSearch"/>, or in
    /// memory (<see cref="TracingOptions.MaxTraces"/>, lost on restart) when it is null.</summary>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public static IReadOnlyDictionary<string, object> Render(TracingOptions options, JaegerOpenSearch? openSearch)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
            throw new ArgumentException($"Tracing options are not valid: {string.Join(" ", problems)}", nameof(options));
        if (openSearch is not null && !(Uri.TryCreate(openSearch.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            throw new ArgumentException($"OpenSearch's endpoint '{openSearch.Endpoint}' is not an https URL.", nameof(openSearch));
        if (openSearch is { IndexReplicas: < 0 or > 2 })
            throw new ArgumentException($"OpenSearch index replicas must be 0 to 2, not {openSearch.IndexReplicas}.", nameof(openSearch));

        return Map(
            ("service", Map(
                ("extensions", new object[] { "jaeger_storage", "jaeger_query", "remote_sampling", "healthcheckv2" }),
                ("pipelines", Map(("traces", Map(
                    ("receivers", new object[] { "otlp" }),
                    ("processors", new object[] { "memory_limiter", "batch" }),
                    ("exporters", new object[] { "jaeger_storage_exporter" }))))),
                ("telemetry", Map(
                    ("resource", Map(("service.name", "jaeger"))),
                    ("metrics", Map(
                        ("level", "detailed"),
                        ("readers", new object[] { MetricsReader() }))),
                    ("logs", Map(("level", "info"))))))),
            ("extensions", Map(
                ("healthcheckv2", Map(("use_v2", true), ("http", Map(("endpoint", Listen(HealthPort)))))),
                ("jaeger_query", Map(
                    ("storage", Map(("traces", Backend))),
                    ("http", Map(("endpoint", Listen(QueryHttpPort)))),
                    ("grpc", Map(("endpoint", Listen(QueryGrpcPort)))))),
                ("jaeger_storage", Map(("backends", Map((Backend, openSearch is null
                    ? Map(("memory", Map(("max_traces", options.MaxTraces))))
                    : Map(("opensearch", OpenSearch(openSearch)))))))),
                // One default strategy for every service, no strategies file: SDKs with the jaeger_remote sampler record
                // this share of the traces they start.
                ("remote_sampling", Map(
                    ("file", Map(("default_sampling_probability", options.SamplingRate))),
                    ("http", Map(("endpoint", Listen(SamplingHttpPort)))),
                    ("grpc", Map(("endpoint", Listen(SamplingGrpcPort)))))))),
            ("receivers", Map(("otlp", Map(("protocols", Map(
                ("grpc", Map(("endpoint", Listen(OtlpGrpcPort)))),
                ("http", Map(("endpoint", Listen(OtlpHttpPort)))))))))),
            // The limiter refuses data (the OTLP clients retry) before the container reaches its memory limit; the batch
            // processor sends spans to the storage in batches.
            ("processors", Map(
                ("memory_limiter", Map(("check_interval", "1s"), ("limit_percentage", 80), ("spike_limit_percentage", 20))),
                ("batch", Map()))),
            ("exporters", Map(("jaeger_storage_exporter", Map(("trace_storage", Backend))))));
    }

    /// <summary>The sampling rate as Jaeger prints it (invariant culture).</summary>
    public static string SamplingRateText(double rate) => rate.ToString(CultureInfo.InvariantCulture);

    private static string Listen(int port) => $"0.0.0.0:{port}";

    // The collector's own metrics, pulled by Prometheus on all addresses.
    private static Dictionary<string, object> MetricsReader()
    {
        var prometheus = Map(("host", "0.0.0.0"), ("port", MetricsPort));
        return Map(("pull", Map(("exporter", Map(("prometheus", prometheus))))));
    }

    // Daily indices of one shard each: a platform's trace volume needs no more, and every shard costs OpenSearch heap.
    private static Dictionary<string, object> OpenSearch(JaegerOpenSearch openSearch)
    {
        Dictionary<string, object> Index() => Map(("shards", 1), ("replicas", openSearch.IndexReplicas));
        return Map(
            ("server_urls", new object[] { openSearch.Endpoint }),
            ("auth", Map(("basic", Map(
                ("username", $"${{env:{UsernameVariable}}}"),
                ("password_file", PasswordFile),
                ("reload_interval", "60s"))))),
            // Never skip verification: the CA is the logging layer's.
            ("tls", Map(("insecure", false), ("insecure_skip_verify", false), ("ca_file", CaFile))),
            ("indices", Map(
                ("index_prefix", IndexPrefix),
                ("spans", Index()),
                ("services", Index()),
                ("dependencies", Index()),
                ("sampling", Index()))),
            ("create_mappings", true));
    }
}
