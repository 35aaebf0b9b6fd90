using System.Text.Json;
using Platform.Components.Catalog;
using Platform.Components.Identity;
using Platform.Components.Networking;
using Platform.Components.Observability.Monitoring;
using Platform.Components.Observability.Monitoring.Dashboards;
using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Random;

namespace Platform.Components.Observability;

/// <summary>
/// The monitoring capability: kube-prometheus-stack (the Prometheus Operator, Prometheus, Alertmanager, node-exporter,
/// Grafana with the kubernetes-mixin dashboards, the default rules) in the restricted platform namespace
/// <see cref="Namespace"/>, node-exporter in the privileged <see cref="KubePrometheusStackValues.NodeExporterNamespace"/>.
/// Alertmanager's configuration and Grafana's admin password are Kubernetes Secrets made from Pulumi secrets; Grafana is
/// exposed through the default IngressClass when a hostname is configured. The CRDs come first, from
/// <see cref="MonitoringCrds"/>.
/// </summary>
public sealed class MonitoringLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:observability:Monitoring";

    /// <summary>The namespace Prometheus, Alertmanager, Grafana and the operator run in.</summary>
    public const string Namespace = PlatformNamespace.MonitoringNamespace;

    /// <summary>Where the kubelets serve (metrics and cAdvisor among them), on every node's address.</summary>
    public const int KubeletPort = 10250;

    /// <summary>Installs the monitoring stack.</summary>
    public MonitoringLayer(string name, MonitoringLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var login = SingleSignOn(args);
        var inputs = new KubePrometheusStackInputs
        {
            SingleSignOn = login,
            StorageClass = args.StorageClass,
            KubeStateMetrics = args.KubeStateMetrics,
            IngressClass = args.Ingress?.ClassName,
            ClusterIssuer = args.ClusterIssuer,
            GrafanaPlugins = args.GrafanaPlugins,
            ControlPlaneScrapeValues = args.ControlPlaneScrapeValues,
        };
        // Renders (and so validates) the values before anything is registered.
        var values = KubePrometheusStackValues.Render(args.Options, inputs);
        var dashboards = args.Dashboards.Select(d => (d.Uid, Json: DashboardJson.Render(d))).ToList();
        if (dashboards.GroupBy(d => d.Uid, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new ArgumentException($"Monitoring: the dashboard uid '{repeated.Key}' appears more than once.", nameof(args));
        var receivers = args.Options.Receivers;
        if (args.ReceiverSecrets is null && receivers.Any(r => r.NeedsSecret))
            throw new ArgumentException($"Monitoring: receivers {string.Join(", ", receivers.Where(r => r.NeedsSecret).Select(r => r.Name))} need their secrets (ReceiverSecrets).", nameof(args));

        var child = new ComponentResourceOptions { Parent = this };
        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances = [.. Allowances(args), .. args.ExtraAllowances],
        }, child);
        NamespaceResource = ns.Namespace;
        // node-exporter reads the host's /proc, /sys and root filesystem on the host's network and PID namespace, which
        // only the privileged level admits: it alone runs there. Host-network pods are outside NetworkPolicy, so the
        // namespace's policies only matter should the chart ever run it on the pod network.
        var nodeExporterNs = new PlatformNamespace($"{name}-node-exporter-namespace", new PlatformNamespaceArgs
        {
            Name = KubePrometheusStackValues.NodeExporterNamespace,
            Enforce = PodSecurityLevel.Privileged,
            MetricsPorts = [(KubePrometheusStackValues.NodeExporterPort, "TCP")],
        }, child);

        var password = new RandomPassword($"{name}-grafana-admin-password",
            new RandomPasswordArgs { Length = 32, Special = false }, new CustomResourceOptions { Parent = this });
        GrafanaAdminPassword = Output.CreateSecret(password.Result);
        var grafanaAdmin = SecretObjects.Create(this, $"{name}-grafana-admin", KubePrometheusStackValues.GrafanaAdminSecret, ns.NamespaceName, "Opaque",
            new InputMap<string>
            {
                { KubePrometheusStackValues.GrafanaAdminUserKey, KubePrometheusStackValues.GrafanaAdminUser },
                { KubePrometheusStackValues.GrafanaAdminPasswordKey, GrafanaAdminPassword },
            });

        var configuration = args.ReceiverSecrets is { } secrets
            ? secrets.ToOutput().Apply(json => RenderConfiguration(receivers, ParseSecrets(json)))
            : Output.Create(RenderConfiguration(receivers, new Dictionary<string, string>()));
        var alertmanagerConfig = SecretObjects.Create(this, $"{name}-alertmanager-config", KubePrometheusStackValues.AlertmanagerConfigSecret, ns.NamespaceName, "Opaque",
            new InputMap<string> { { AlertmanagerConfiguration.SecretKey, Output.CreateSecret(configuration) } });

        var waitFor = new List<Resource> { args.Crds, grafanaAdmin, alertmanagerConfig, nodeExporterNs.Namespace };
        if (login is not null)
        {
            // The client secret (and the internal CA Grafana verifies the issuer with), read by Grafana from the Secret.
            var identity = args.Identity!;
            var data = new InputMap<string>
            {
                { KubePrometheusStackValues.GrafanaOidcSecretKey, Output.CreateSecret(identity.Clients[OidcClients.Grafana].ClientSecret) },
            };
            if (identity.CertificateAuthorityPem is { } ca) data.Add(KubePrometheusStackValues.GrafanaOidcCaKey, ca);
            waitFor.Add(SecretObjects.Create(this, $"{name}-grafana-oidc", KubePrometheusStackValues.GrafanaOidcSecret, ns.NamespaceName, "Opaque", data));
        }
        waitFor.AddRange(args.StorageReady);
        Release = HelmInstall.Chart($"{name}-kube-prometheus-stack", HelmCharts.KubePrometheusStack, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() });
        // The platform's dashboards: Grafana's dashboard sidecar loads every ConfigMap labelled grafana_dashboard: "1".
        foreach (var (uid, json) in dashboards)
        {
            _ = new ConfigMap($"{name}-dashboard-{uid}", new ConfigMapArgs
            {
                Metadata = new ObjectMetaArgs
                {
                    Name = $"grafana-dashboard-{uid}",
                    Namespace = ns.NamespaceName,
                    Labels = { { DashboardLabel, "1" } },
                },
                Data = { { $"{uid}.json", json } },
            }, new CustomResourceOptions { Parent = this });
        }
        GrafanaUrl = KubePrometheusStackValues.GrafanaUrl(args.Options, inputs) is { } url ? Output.Create(url) : null;
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["grafanaUrl"] = GrafanaUrl,
            ["grafanaAdminPassword"] = GrafanaAdminPassword,
        });
    }

    /// <summary>The label Grafana's dashboard sidecar watches (value <c>"1"</c>).</summary>
    public const string DashboardLabel = "grafana_dashboard";

    /// <summary>The monitoring namespace: what a data source Secret of another layer waits for.</summary>
    public Resource NamespaceResource { get; }

    /// <summary>kube-prometheus-stack's release.</summary>
    public Release Release { get; }

    /// <summary>Grafana's URL on the default IngressClass; null when Grafana is not exposed (no hostname, or no ingress).</summary>
    public Output<string>? GrafanaUrl { get; }

    /// <summary>Grafana's admin password (user <see cref="KubePrometheusStackValues.GrafanaAdminUser"/>), a secret.</summary>
    public Output<string> GrafanaAdminPassword { get; }

    /// <summary>Grafana's login through the identity provider: with one, when Grafana is served over https.</summary>
    private static OidcLogin? SingleSignOn(MonitoringLayerArgs args)
    {
        if (args.Identity is not { } identity || args.Options.GrafanaHost is null || args.Ingress is null || args.ClusterIssuer is null) return null;
        if (args.IssuerRoute is null)
            throw new ArgumentException("Monitoring: Grafana's single sign-on needs the route to the identity provider (IssuerRoute).", nameof(args));
        return OidcLogin.For(identity, OidcClients.Grafana);
    }

    /// <summary>The traffic the monitoring namespace needs through its default-deny policy.</summary>
    private static IReadOnlyList<NetworkAllowance> Allowances(MonitoringLayerArgs args)
    {
        var allowances = new List<NetworkAllowance>
        {
            // The operator, Prometheus's service discovery, Grafana's sidecars and the admission webhook's patch jobs.
            NetworkAllowance.ToApiServer(),
            // Grafana queries Prometheus and Alertmanager, Prometheus alerts Alertmanager, the replicas gossip, and
            // Prometheus scrapes the stack's own components.
            new() { Name = "allow-within-namespace-in", Direction = TrafficDirection.Ingress, Namespace = Namespace },
            new() { Name = "allow-within-namespace-out", Direction = TrafficDirection.Egress, Namespace = Namespace },
            // ServiceMonitors and PodMonitors name whatever port their pods serve metrics on, in any namespace; each
            // platform namespace lets only its own metrics ports in (allow-metrics-from-monitoring).
            new() { Name = "allow-scrape-pods", Direction = TrafficDirection.Egress, AnyNamespace = true },
            // The kubelets and node-exporter serve on the nodes' own addresses, which Cilium's NetworkPolicy does not
            // match by IP block: the ports are the narrowest rule.
            new() { Name = "allow-scrape-nodes", Direction = TrafficDirection.Egress, AnyPeer = true,
                Ports = [(KubeletPort, "TCP"), (KubePrometheusStackValues.NodeExporterPort, "TCP")] },
            // The API server calls the operator's admission webhook (PrometheusRule and AlertmanagerConfig validation)
            // from the control-plane nodes' addresses.
            new() { Name = "allow-admission-webhook", Direction = TrafficDirection.Ingress, AnyPeer = true,
                Ports = [(KubePrometheusStackValues.OperatorPort, "TCP")] },
        };
        if (args.Options.GrafanaHost is not null && args.Ingress is { } ingress)
        {
            allowances.Add(new() { Name = "allow-grafana-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                Ports = [(KubePrometheusStackValues.GrafanaPort, "TCP")] });
            // cert-manager answers an ACME HTTP-01 challenge for Grafana's host with a solver pod in this namespace,
            // reached through the same ingress controller on the solver's port 8089.
            if (args.ClusterIssuer is not null)
            {
                allowances.Add(new() { Name = "allow-acme-solver-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                    PodLabels = new Dictionary<string, string> { ["acme.cert-manager.io/http01-solver"] = "true" }, Ports = [(8089, "TCP")] });
            }
        }
        // Grafana's backend exchanges the login code for tokens and reads the user's claims at the issuer.
        if (SingleSignOn(args) is not null)
            allowances.Add(args.IssuerRoute!.Egress());
        if (args.GrafanaPlugins.Count > 0)
        {
            // Grafana downloads its plugins from grafana.com (and its CDN) over HTTPS at every start.
            allowances.Add(new() { Name = "allow-grafana-plugin-download", Direction = TrafficDirection.Egress, AnyPeer = true, Ports = [(443, "TCP")] });
        }
        var receiverPorts = args.Options.Receivers.Select(r => r.Port).Distinct().Order().Select(p => (p, "TCP")).ToList();
        if (receiverPorts.Count > 0)
        {
            // Alertmanager reaches its receivers outside the cluster: SMTP servers and HTTPS webhooks.
            allowances.Add(new() { Name = "allow-alert-receivers", Direction = TrafficDirection.Egress, AnyPeer = true, Ports = receiverPorts });
        }
        return allowances;
    }

    // A problem with the secrets is known only once they are: a RunException shows its message alone, which names the
    // receivers and never a secret.
    private static string RenderConfiguration(IReadOnlyList<AlertReceiver> receivers, IReadOnlyDictionary<string, string> secrets)
    {
        try
        {
            return AlertmanagerConfiguration.Render(receivers, secrets);
        }
        catch (ArgumentException e)
        {
            throw new RunException(e.Message, e);
        }
    }

    private static Dictionary<string, string> ParseSecrets(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? throw new JsonException("the value is null");
        }
        catch (JsonException)
        {
            // The message never quotes the secret.
            throw new RunException("platform:monitoringSecrets is not a JSON object of receiver name to text. Set it with " +
                "`pulumi config set --secret platform:monitoringSecrets '{\"ops-slack\": \"https://hooks.slack.com/services/...\"}'`.");
        }
    }
}
