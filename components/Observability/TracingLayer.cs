using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Observability.Monitoring;
using Platform.Components.Observability.Tracing;
using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Platform.Components.Observability;

/// <summary>
/// The tracing capability: Jaeger v2 (an OpenTelemetry Collector distribution) in the restricted platform namespace
/// <see cref="Namespace"/>, receiving OTLP from applications in every namespace (<see cref="OtlpGrpcEndpoint"/>,
/// <see cref="OtlpHttpEndpoint"/>), serving the tier's sampling rate to SDKs (<see cref="SamplingEndpoint"/>) and the
/// query UI. Traces go to the logging layer's OpenSearch when logging is on (index cleaner for retention), to memory
/// otherwise (lost on restart). With monitoring, a ServiceMonitor and Grafana's Jaeger data source.
/// </summary>
public sealed class TracingLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:observability:Tracing";

    /// <summary>The namespace Jaeger runs in (<see cref="LoggingClients.Namespaces"/>' entry for Jaeger).</summary>
    public const string Namespace = "tracing";

    /// <summary>Jaeger's Service, in-cluster.</summary>
    public const string ServiceHost = JaegerValues.ServiceName + "." + Namespace + ".svc";

    /// <summary>Installs Jaeger.</summary>
    public TracingLayer(string name, TracingLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        OpenSearchCredentials? user = null;
        if (args.Logging is { } logging && !logging.Users.TryGetValue(LoggingClients.Jaeger, out user))
            throw new ArgumentException($"Tracing: the logging backend has no '{LoggingClients.Jaeger}' user.", nameof(args));
        var inputs = new JaegerInputs
        {
            OpenSearch = args.Logging is { } backend ? new JaegerOpenSearch { Endpoint = backend.Endpoint, IndexReplicas = args.IndexReplicas } : null,
            IngressClass = args.Ingress?.ClassName,
            ClusterIssuer = args.ClusterIssuer,
        };
        // Renders (and so validates) the values before anything is registered.
        var values = JaegerValues.Render(args.Options, inputs);

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances = Allowances(args),
            MetricsPorts = args.Metrics is null ? [] : [(JaegerConfiguration.MetricsPort, "TCP")],
        }, new ComponentResourceOptions { Parent = this });

        var waitFor = new List<Resource> { ns.Namespace };
        if (args.Logging is { } store)
        {
            waitFor.Add(SecretObjects.Create(this, $"{name}-opensearch-credentials", JaegerValues.CredentialsSecret, ns.NamespaceName, "Opaque",
                new InputMap<string>
                {
                    { JaegerValues.UsernameKey, user!.Username },
                    { JaegerValues.PasswordKey, Output.CreateSecret(user.Password) },
                }));
            waitFor.Add(new ConfigMap($"{name}-opensearch-ca", new ConfigMapArgs
            {
                Metadata = new ObjectMetaArgs { Name = JaegerValues.CaConfigMap, Namespace = ns.NamespaceName },
                Data = { { JaegerValues.CaKey, store.CaCertificatePem } },
            }, new CustomResourceOptions { Parent = this }));
            // Jaeger creates its index templates at start and writes at once: OpenSearch and its jaeger user first.
            waitFor.Add(store.Ready);
        }
        Release = HelmInstall.Chart($"{name}-jaeger", HelmCharts.Jaeger, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() });

        if (args.Metrics is { } metrics)
        {
            _ = new Pulumi.Kubernetes.ApiExtensions.CustomResource($"{name}-service-monitor", new CustomObjectArgs("monitoring.coreos.com/v1", "ServiceMonitor")
            {
                Metadata = new ObjectMetaArgs { Name = JaegerValues.ServiceName, Namespace = ns.NamespaceName },
                Spec = new InputMap<object>
                {
                    { "selector", new Dictionary<string, object> { ["matchLabels"] = JaegerValues.ServiceLabels.ToDictionary(kv => kv.Key, kv => (object)kv.Value) } },
                    { "namespaceSelector", new Dictionary<string, object> { ["matchNames"] = new object[] { Namespace } } },
                    { "endpoints", new object[] { new Dictionary<string, object> { ["port"] = JaegerValues.MetricsPortName, ["path"] = "/metrics", ["interval"] = "30s" } } },
                },
            }, new CustomResourceOptions { Parent = this, DependsOn = { metrics.CrdsReady, ns.Namespace } });
            DataSource = new GrafanaDataSource($"{name}-grafana-datasource", new GrafanaDataSourceArgs
            {
                Name = "jaeger",
                Namespace = metrics.Namespace,
                Document = GrafanaDataSourceDocuments.Jaeger($"http://{ServiceHost}:{JaegerConfiguration.QueryHttpPort}"),
                After = args.GrafanaReady,
            }, new ComponentResourceOptions { Parent = this });
        }

        OtlpGrpcEndpoint = Output.Create($"{ServiceHost}:{JaegerConfiguration.OtlpGrpcPort}");
        OtlpHttpEndpoint = Output.Create($"http://{ServiceHost}:{JaegerConfiguration.OtlpHttpPort}");
        SamplingEndpoint = Output.Create($"http://{ServiceHost}:{JaegerConfiguration.SamplingGrpcPort}");
        UiUrl = JaegerValues.UiUrl(args.Options, inputs) is { } url ? Output.Create(url) : null;
        Storage = args.Logging is null ? "memory" : "opensearch";
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["otlpGrpc"] = OtlpGrpcEndpoint,
            ["otlpHttp"] = OtlpHttpEndpoint,
            ["sampling"] = SamplingEndpoint,
            ["storage"] = Storage,
            ["uiUrl"] = UiUrl,
        });
    }

    /// <summary>Jaeger's release.</summary>
    public Release Release { get; }

    /// <summary>Grafana's Jaeger data source; null without monitoring.</summary>
    public GrafanaDataSource? DataSource { get; }

    /// <summary>Where applications send OTLP over gRPC: <c>jaeger.tracing.svc:4317</c> (plain text inside the cluster).</summary>
    public Output<string> OtlpGrpcEndpoint { get; }

    /// <summary>Where applications send OTLP over HTTP: <c>http://jaeger.tracing.svc:4318</c> (traces at <c>/v1/traces</c>).</summary>
    public Output<string> OtlpHttpEndpoint { get; }

    /// <summary>The remote sampling endpoint of the OpenTelemetry SDKs' <c>jaeger_remote</c> sampler (gRPC,
    /// <c>http://jaeger.tracing.svc:5779</c>); the same strategies over HTTP on 5778 (<c>/api/sampling?service=</c>).</summary>
    public Output<string> SamplingEndpoint { get; }

    /// <summary>The UI's URL on the default IngressClass; null when it is not exposed.</summary>
    public Output<string>? UiUrl { get; }

    /// <summary>Where traces are kept: <c>opensearch</c> or <c>memory</c>.</summary>
    public string Storage { get; }

    /// <summary>The traffic the tracing namespace needs through its default-deny policy.</summary>
    private static IReadOnlyList<NetworkAllowance> Allowances(TracingLayerArgs args)
    {
        var allowances = new List<NetworkAllowance>
        {
            // Applications in every namespace send spans and ask for their sampling strategy.
            new() { Name = "allow-otlp-from-applications", Direction = TrafficDirection.Ingress, AnyNamespace = true,
                Ports = [(JaegerConfiguration.OtlpGrpcPort, "TCP"), (JaegerConfiguration.OtlpHttpPort, "TCP"), (JaegerConfiguration.SamplingHttpPort, "TCP"), (JaegerConfiguration.SamplingGrpcPort, "TCP")] },
        };
        if (args.Logging is { } logging)
        {
            // Jaeger and its index cleaner reach OpenSearch, and nothing else.
            allowances.Add(new() { Name = "allow-opensearch", Direction = TrafficDirection.Egress, Namespace = logging.Namespace, Ports = [(logging.Port, "TCP")] });
        }
        if (args.Metrics is { } metrics)
        {
            // Grafana's Jaeger data source queries the API.
            allowances.Add(new() { Name = "allow-query-from-grafana", Direction = TrafficDirection.Ingress, Namespace = metrics.Namespace,
                Ports = [(JaegerConfiguration.QueryHttpPort, "TCP")] });
        }
        if (args.Options.Host is not null && args.Ingress is { } ingress)
        {
            allowances.Add(new() { Name = "allow-ui-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                Ports = [(JaegerConfiguration.QueryHttpPort, "TCP")] });
            // cert-manager's HTTP-01 solver for the UI's host runs in this namespace, behind the same controller.
            if (args.ClusterIssuer is not null)
            {
                allowances.Add(new() { Name = "allow-acme-solver-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                    PodLabels = new Dictionary<string, string> { ["acme.cert-manager.io/http01-solver"] = "true" }, Ports = [(8089, "TCP")] });
            }
        }
        return allowances;
    }
}
