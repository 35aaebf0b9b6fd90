using System.Text.Json.Serialization;

namespace Platform.Tests.Observability.Tracing;

// The part of Jaeger 2.19.0's configuration the platform writes, field for field as Jaeger decodes it (mapstructure
// names; jaegertracing/jaeger tag v2.19.0): the OpenTelemetry Collector's service, receivers, processors and exporters
// sections, and Jaeger's extensions (cmd/jaeger/internal/extension/{jaegerstorage,jaegerquery,remotesampling},
// internal/storage/elasticsearch/config/config.go for the opensearch backend). Decoded strictly, an unknown or misspelt
// field fails the test as it would fail Jaeger's start.

internal sealed record JaegerConfig(
    [property: JsonPropertyName("service")] CollectorService Service,
    [property: JsonPropertyName("extensions")] JaegerExtensions Extensions,
    [property: JsonPropertyName("receivers")] Receivers Receivers,
    [property: JsonPropertyName("processors")] Processors Processors,
    [property: JsonPropertyName("exporters")] Exporters Exporters);

internal sealed record CollectorService(
    [property: JsonPropertyName("extensions")] string[] Extensions,
    [property: JsonPropertyName("pipelines")] Dictionary<string, Pipeline> Pipelines,
    [property: JsonPropertyName("telemetry")] Telemetry Telemetry);

internal sealed record Pipeline(
    [property: JsonPropertyName("receivers")] string[] Receivers,
    [property: JsonPropertyName("processors")] string[] Processors,
    [property: JsonPropertyName("exporters")] string[] Exporters);

internal sealed record Telemetry(
    [property: JsonPropertyName("resource")] Dictionary<string, string> Resource,
    [property: JsonPropertyName("metrics")] TelemetryMetrics Metrics,
    [property: JsonPropertyName("logs")] TelemetryLogs Logs);

internal sealed record TelemetryMetrics(
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("readers")] MetricReader[] Readers);

internal sealed record MetricReader([property: JsonPropertyName("pull")] PullReader Pull);

internal sealed record PullReader([property: JsonPropertyName("exporter")] PullExporter Exporter);

internal sealed record PullExporter([property: JsonPropertyName("prometheus")] PrometheusExporter Prometheus);

internal sealed record PrometheusExporter(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int Port);

internal sealed record TelemetryLogs([property: JsonPropertyName("level")] string Level);

internal sealed record Endpoint([property: JsonPropertyName("endpoint")] string Address);

internal sealed record JaegerExtensions(
    [property: JsonPropertyName("healthcheckv2")] HealthCheck HealthCheck,
    [property: JsonPropertyName("jaeger_query")] JaegerQuery Query,
    [property: JsonPropertyName("jaeger_storage")] JaegerStorage Storage,
    [property: JsonPropertyName("remote_sampling")] RemoteSampling RemoteSampling);

internal sealed record HealthCheck(
    [property: JsonPropertyName("use_v2")] bool UseV2,
    [property: JsonPropertyName("http")] Endpoint Http);

internal sealed record JaegerQuery(
    [property: JsonPropertyName("storage")] QueryStorage Storage,
    [property: JsonPropertyName("http")] Endpoint Http,
    [property: JsonPropertyName("grpc")] Endpoint Grpc);

internal sealed record QueryStorage([property: JsonPropertyName("traces")] string Traces);

internal sealed record JaegerStorage([property: JsonPropertyName("backends")] Dictionary<string, StorageBackend> Backends);

internal sealed record StorageBackend(
    [property: JsonPropertyName("memory")] MemoryBackend? Memory = null,
    [property: JsonPropertyName("opensearch")] OpenSearchBackend? OpenSearch = null);

internal sealed record MemoryBackend([property: JsonPropertyName("max_traces")] int MaxTraces);

internal sealed record OpenSearchBackend(
    [property: JsonPropertyName("server_urls")] string[] ServerUrls,
    [property: JsonPropertyName("auth")] OpenSearchAuth Auth,
    [property: JsonPropertyName("tls")] ClientTls Tls,
    [property: JsonPropertyName("indices")] Indices Indices,
    [property: JsonPropertyName("create_mappings")] bool CreateMappings);

internal sealed record OpenSearchAuth([property: JsonPropertyName("basic")] BasicAuth Basic);

internal sealed record BasicAuth(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("password_file")] string PasswordFile,
    [property: JsonPropertyName("reload_interval")] string ReloadInterval,
    [property: JsonPropertyName("password")] string? Password = null);

// go.opentelemetry.io/collector/config/configtls ClientConfig.
internal sealed record ClientTls(
    [property: JsonPropertyName("insecure")] bool Insecure,
    [property: JsonPropertyName("insecure_skip_verify")] bool InsecureSkipVerify,
    [property: JsonPropertyName("ca_file")] string CaFile);

internal sealed record Indices(
    [property: JsonPropertyName("index_prefix")] string IndexPrefix,
    [property: JsonPropertyName("spans")] IndexOptions Spans,
    [property: JsonPropertyName("services")] IndexOptions Services,
    [property: JsonPropertyName("dependencies")] IndexOptions Dependencies,
    [property: JsonPropertyName("sampling")] IndexOptions Sampling);

internal sealed record IndexOptions(
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("replicas")] int Replicas);

internal sealed record RemoteSampling(
    [property: JsonPropertyName("file")] FileSampling File,
    [property: JsonPropertyName("http")] Endpoint Http,
    [property: JsonPropertyName("grpc")] Endpoint Grpc);

internal sealed record FileSampling([property: JsonPropertyName("default_sampling_probability")] double DefaultSamplingProbability);

internal sealed record Receivers([property: JsonPropertyName("otlp")] OtlpReceiver Otlp);

internal sealed record OtlpReceiver([property: JsonPropertyName("protocols")] OtlpProtocols Protocols);

internal sealed record OtlpProtocols(
    [property: JsonPropertyName("grpc")] Endpoint Grpc,
    [property: JsonPropertyName("http")] Endpoint Http);

internal sealed record Processors(
    [property: JsonPropertyName("memory_limiter")] MemoryLimiter MemoryLimiter,
    [property: JsonPropertyName("batch")] Dictionary<string, object> Batch);

internal sealed record MemoryLimiter(
    [property: JsonPropertyName("check_interval")] string CheckInterval,
    [property: JsonPropertyName("limit_percentage")] int LimitPercentage,
    [property: JsonPropertyName("spike_limit_percentage")] int SpikeLimitPercentage);

internal sealed record Exporters([property: JsonPropertyName("jaeger_storage_exporter")] StorageExporter StorageExporter);

internal sealed record StorageExporter([property: JsonPropertyName("trace_storage")] string TraceStorage);
