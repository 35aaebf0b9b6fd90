using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Observability;
using Platform.Components.Security.Audits;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;

namespace Platform.Components.Security;

/// <summary>
/// The security audits capability's runtime part (the API audit policy stays in the cluster's core): Falco as a
/// DaemonSet on every node with the modern eBPF probe, the default rules of its image plus the platform's rules and the
/// tuned exceptions (<see cref="PlatformRules"/>), and Falcosidekick forwarding events to Alertmanager (with
/// monitoring) and OpenSearch (with logging), in the privileged namespace <see cref="Namespace"/>.
/// </summary>
public sealed class SecurityAuditsLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:security:SecurityAudits";

    /// <summary>The namespace Falco and Falcosidekick run in (<see cref="LoggingClients.Namespaces"/>' falcosidekick).</summary>
    public const string Namespace = "falco";

    /// <summary>kube-prometheus-stack's Alertmanager Service (<c>&lt;release&gt;-alertmanager</c>; the release is named
    /// after the chart) and its port (<c>alertmanager.service.port</c>, 9093 in 88.5.3's values).</summary>
    public const string AlertmanagerService = "kube-prometheus-stack-alertmanager";

    /// <summary>Alertmanager's port.</summary>
    public const int AlertmanagerPort = 9093;

    /// <summary>Installs Falco and, when it has an output, Falcosidekick.</summary>
    public SecurityAuditsLayer(string name, SecurityAuditsLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Logging is { } logging && !logging.Users.ContainsKey(LoggingClients.Falcosidekick))
            throw new ArgumentException($"Security audits: the logging backend has no '{LoggingClients.Falcosidekick}' user.", nameof(args));
        var rules = PlatformRules.Render(new PlatformRulesInputs
        {
            PlatformNamespaces = args.PlatformNamespaces,
            ClusterOnlyNamespaces = args.ClusterOnlyNamespaces,
            ClusterAddresses = args.ClusterAddresses,
            Exceptions = args.Options.Exceptions,
        });
        var alertmanagerUrl = args.Metrics is { } metrics ? $"http://{AlertmanagerService}.{metrics.Namespace}.svc:{AlertmanagerPort}" : null;
        var inputs = new FalcoInputs
        {
            PlatformRulesYaml = rules,
            AlertmanagerUrl = alertmanagerUrl,
            OpenSearchEndpoint = args.Logging?.Endpoint,
            ServiceMonitors = args.Metrics is not null,
            SidekickReplicas = args.SidekickReplicas,
        };
        // Renders (and so validates) the values before anything is registered.
        var values = FalcoValues.Render(args.Options, inputs);

        var child = new ComponentResourceOptions { Parent = this };
        var metricsPorts = new List<(int Port, string Protocol)>();
        if (args.Metrics is not null) metricsPorts.AddRange([(FalcoValues.FalcoMetricsPort, "TCP"), (FalcoValues.SidekickPort, "TCP")]);
        // Falco loads an eBPF program, reads every process's /proc and the container runtime's socket from the host:
        // only the privileged level admits its DaemonSet. Falcosidekick beside it runs as a restricted pod.
        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Enforce = PodSecurityLevel.Privileged,
            Allowances = Allowances(args),
            MetricsPorts = metricsPorts,
        }, child);

        var waitFor = new List<Resource> { ns.Namespace };
        waitFor.AddRange(args.AlertmanagerReady);
        if (args.Metrics is not null) waitFor.Add(args.Metrics.CrdsReady);
        if (args.Logging is { } backend)
        {
            var user = backend.Users[LoggingClients.Falcosidekick];
            waitFor.Add(SecretObjects.Create(this, $"{name}-sidekick-opensearch", inputs.SidekickSecret, ns.NamespaceName, "Opaque",
                new InputMap<string>
                {
                    { "ELASTICSEARCH_USERNAME", user.Username },
                    { "ELASTICSEARCH_PASSWORD", Output.CreateSecret(user.Password) },
                }));
            // The CA is no secret, but a Secret keeps the layer to the object kinds the platform already uses.
            waitFor.Add(SecretObjects.Create(this, $"{name}-sidekick-opensearch-ca", inputs.SidekickCaSecret, ns.NamespaceName, "Opaque",
                new InputMap<string> { { "ca.crt", backend.CaCertificatePem } }));
            waitFor.Add(backend.Ready);
        }
        Release = HelmInstall.Chart($"{name}-falco", HelmCharts.Falco, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() });
        Outputs = [.. new[] { alertmanagerUrl is null ? null : "alertmanager", args.Logging is null ? null : "opensearch" }.OfType<string>()];
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["outputs"] = Outputs,
        });
    }

    /// <summary>Falco's release (Falcosidekick is its subchart).</summary>
    public Release Release { get; }

    /// <summary>Where Falcosidekick forwards events: <c>alertmanager</c>, <c>opensearch</c>, both or none (Falco's own
    /// log, which log shipping collects, is always there).</summary>
    public IReadOnlyList<string> Outputs { get; }

    private static List<NetworkAllowance> Allowances(SecurityAuditsLayerArgs args)
    {
        // Falco posts its events to Falcosidekick's Service in the namespace; nothing else in the namespace talks.
        var allowances = new List<NetworkAllowance>
        {
            new() { Name = "allow-events-to-sidekick", Direction = TrafficDirection.Egress, Namespace = Namespace, Ports = [(FalcoValues.SidekickPort, "TCP")] },
            new() { Name = "allow-events-from-falco", Direction = TrafficDirection.Ingress, Namespace = Namespace, Ports = [(FalcoValues.SidekickPort, "TCP")] },
        };
        if (args.Metrics is { } metrics)
        {
            allowances.Add(new() { Name = "allow-alertmanager", Direction = TrafficDirection.Egress, Namespace = metrics.Namespace,
                PodLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "alertmanager" }, Ports = [(AlertmanagerPort, "TCP")] });
        }
        if (args.Logging is { } logging)
            allowances.Add(new() { Name = "allow-opensearch", Direction = TrafficDirection.Egress, Namespace = logging.Namespace, Ports = [(logging.Port, "TCP")] });
        return allowances;
    }
}
