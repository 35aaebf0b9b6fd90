using Platform.Components.Identity;
using Platform.Components.Observability.ClusterMetrics;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Observability.Monitoring;

/// <summary>Helm values for the <c>kube-prometheus-stack</c> chart (<see cref="Catalog.HelmCharts.KubePrometheusStack"/>),
/// Grafana's part included. Every key is one the chart (or its subcharts) of the pinned version reads. The tree holds
/// only string, bool, int, nested <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null, and its keys
/// come out in a fixed order.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>The chart's CRDs are off (<c>crds.enabled: false</c>): the CRD chart of the same operator version is installed
/// before every layer (<see cref="MonitoringCrds"/>).</item>
/// <item>Prometheus selects every ServiceMonitor, PodMonitor, Probe, ScrapeConfig and PrometheusRule in every namespace,
/// without a release label (the <c>...SelectorNilUsesHelmValues: false</c> switches), so other layers need no label.</item>
/// <item>The control-plane scrape targets (controller manager, scheduler, etcd, kube-proxy, kubelet) are off here; their
/// settings come in through <see cref="KubePrometheusStackInputs.ControlPlaneScrapeValues"/>. The API server and CoreDNS
/// are scraped through their Services, as the chart does by default.</item>
/// <item>Alertmanager reads its configuration from a Secret the layer creates from Pulumi secrets
/// (<c>alertmanagerSpec.useExistingSecret</c>, <see cref="AlertmanagerConfigSecret"/>), and Grafana its admin login from
/// another (<c>grafana.admin.existingSecret</c>, <see cref="GrafanaAdminSecret"/>): no secret is in the values.</item>
/// <item>node-exporter runs in a namespace of its own (<see cref="NodeExporterNamespace"/>), the only privileged one:
/// it reads the host's <c>/proc</c>, <c>/sys</c> and root filesystem on the host network and PID namespace. Everything
/// else passes Pod Security <c>restricted</c>.</item>
/// <item>Grafana keeps no volume: dashboards are provisioned from ConfigMaps (its sidecar watches every namespace for
/// the <c>grafana_dashboard</c> label) and data sources from Secrets in its namespace (<c>grafana_datasource</c>); users
/// and settings made in the UI are lost on restart.</item>
/// <item>One kube-state-metrics: the cluster metrics layer's, unless that layer is off (then the subchart, with the
/// same values, <see cref="KubeStateMetricsValues"/>).</item>
/// </list></remarks>
public static class KubePrometheusStackValues
{
    /// <summary>The Secret with <c>alertmanager.yaml</c>.</summary>
    public const string AlertmanagerConfigSecret = "alertmanager-platform-config";

    /// <summary>The Secret with Grafana's admin user (<see cref="GrafanaAdminUserKey"/>) and password
    /// (<see cref="GrafanaAdminPasswordKey"/>).</summary>
    public const string GrafanaAdminSecret = "grafana-admin";

    /// <summary>The key of Grafana's admin user name in <see cref="GrafanaAdminSecret"/>.</summary>
    public const string GrafanaAdminUserKey = "admin-user";

    /// <summary>The key of Grafana's admin password in <see cref="GrafanaAdminSecret"/>.</summary>
    public const string GrafanaAdminPasswordKey = "admin-password";

    /// <summary>Grafana's admin user name.</summary>
    public const string GrafanaAdminUser = "admin";

    /// <summary>The Secret cert-manager writes Grafana's certificate to.</summary>
    public const string GrafanaTlsSecret = "grafana-tls";

    /// <summary>The Secret with Grafana's OAuth client secret (<see cref="GrafanaOidcSecretKey"/>) and, with the internal
    /// CA, the CA's certificate (<see cref="GrafanaOidcCaKey"/>) that Grafana verifies the identity provider with.</summary>
    public const string GrafanaOidcSecret = "grafana-oidc";

    /// <summary>The key of the client secret in <see cref="GrafanaOidcSecret"/>.</summary>
    public const string GrafanaOidcSecretKey = "client-secret";

    /// <summary>The key of the identity provider's CA certificate in <see cref="GrafanaOidcSecret"/>.</summary>
    public const string GrafanaOidcCaKey = "ca.crt";

    /// <summary>Where <see cref="GrafanaOidcSecret"/> is mounted in Grafana's container.</summary>
    public const string GrafanaOidcMountPath = "/etc/grafana/oidc";

    /// <summary>The label the Headlamp Prometheus plugin finds its Prometheus by (<c>headlamp-prometheus=true</c> on a
    /// Service, before any other search: headlamp-k8s/plugins prometheus/src/request.tsx), set on Prometheus's Service.</summary>
    public const string HeadlampPrometheusLabel = "headlamp-prometheus";

    /// <summary>Prometheus's Service (the chart's <c>&lt;fullname&gt;-prometheus</c> for the release
    /// <c>kube-prometheus-stack</c>).</summary>
    public const string PrometheusService = "kube-prometheus-stack-prometheus";

    /// <summary>Where Prometheus serves its API (the Service's and the container's port).</summary>
    public const int PrometheusPort = 9090;

    /// <summary>The namespace node-exporter runs in (privileged).</summary>
    public const string NodeExporterNamespace = "node-exporter";

    /// <summary>Where Grafana's container serves HTTP (the chart's <c>service.targetPort</c>).</summary>
    public const int GrafanaPort = 3000;

    /// <summary>Where node-exporter serves metrics on each node's host network.</summary>
    public const int NodeExporterPort = 9100;

    /// <summary>Where the Prometheus Operator serves its admission webhook and metrics (<c>prometheusOperator.tls.internalPort</c>).</summary>
    public const int OperatorPort = 10250;

    /// <summary>The control-plane scrape targets the base values switch off, for
    /// <see cref="KubePrometheusStackInputs.ControlPlaneScrapeValues"/> to switch on.</summary>
    public static IReadOnlyList<string> ControlPlaneTargets { get; } = ["kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy", "kubelet"];

    /// <summary>The values for <paramref name="options"/> in a stack with <paramref name="inputs"/>.</summary>
    /// <exception cref="ArgumentException">The options are not valid, or the StorageClass does not fit
    /// <see cref="MonitoringOptions.Ephemeral"/>; the message lists every problem.</exception>
    public static IReadOnlyDictionary<string, object> Render(MonitoringOptions options, KubePrometheusStackInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        var problems = options.Validate().ToList();
        if (!options.Ephemeral && inputs.StorageClass is null)
            problems.Add("Prometheus and Alertmanager keep their data in volumes, but no StorageClass is given; give one, or set ephemeral.");
        if (options.Ephemeral && inputs.StorageClass is not null)
            problems.Add("ephemeral is set, so the StorageClass would be ignored.");
        if (problems.Count > 0)
            throw new ArgumentException($"Monitoring options are not valid: {string.Join(" ", problems)}", nameof(options));

        var selectors = new[] { "serviceMonitor", "podMonitor", "probe", "rule", "scrapeConfig" };
        var prometheusSpec = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["replicas"] = options.Prometheus.Replicas,
            ["retention"] = options.Prometheus.Retention,
            ["retentionSize"] = options.Prometheus.RetentionSize,
            ["resources"] = Resources(options.Prometheus),
            ["storageSpec"] = Storage(options.Prometheus, inputs.StorageClass),
            ["podAntiAffinity"] = "soft",
        };
        foreach (var selector in selectors)
            prometheusSpec[$"{selector}SelectorNilUsesHelmValues"] = false;

        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["crds"] = Map(("enabled", false)),
            ["defaultRules"] = Map(("create", true)),
            ["windowsMonitoring"] = Map(("enabled", false)),
            ["prometheusOperator"] = Map(
                ("resources", Map(("requests", Map(("cpu", "50m"), ("memory", "128Mi"))), ("limits", Map(("memory", "512Mi"))))),
                ("admissionWebhooks", Map(("enabled", true)))),
            ["prometheus"] = Map(
                ("prometheusSpec", prometheusSpec),
                ("service", Map(("labels", Map((HeadlampPrometheusLabel, "true"))))),
                ("podDisruptionBudget", Budget(options.Prometheus.Replicas))),
            ["alertmanager"] = Map(
                ("alertmanagerSpec", Map(
                    ("replicas", options.Alertmanager.Replicas),
                    // Alertmanager's CRD (spec.retention) takes no days or weeks.
                    ("retention", options.Alertmanager.RetentionInHours),
                    ("resources", Resources(options.Alertmanager)),
                    ("storage", Storage(options.Alertmanager, inputs.StorageClass)),
                    ("podAntiAffinity", "soft"),
                    ("useExistingSecret", true),
                    ("configSecret", AlertmanagerConfigSecret))),
                ("podDisruptionBudget", Budget(options.Alertmanager.Replicas))),
            ["grafana"] = Grafana(options, inputs),
            ["kubeStateMetrics"] = Map(("enabled", inputs.KubeStateMetrics)),
            ["nodeExporter"] = Map(("enabled", true)),
            ["prometheus-node-exporter"] = Map(
                ("namespaceOverride", NodeExporterNamespace),
                ("resources", Map(("requests", Map(("cpu", "20m"), ("memory", "32Mi"))), ("limits", Map(("memory", "128Mi")))))),
        };
        if (inputs.KubeStateMetrics)
            values["kube-state-metrics"] = KubeStateMetricsValues.Render(serviceMonitor: true);
        foreach (var target in ControlPlaneTargets)
            values[target] = Map(("enabled", false));
        return Merge(values, inputs.ControlPlaneScrapeValues);
    }

    /// <summary>Grafana's URL: https with a cluster issuer, http without; null without a hostname or an ingress class.</summary>
    public static string? GrafanaUrl(MonitoringOptions options, KubePrometheusStackInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        if (options.GrafanaHost is not { } host || inputs.IngressClass is null) return null;
        return $"{(inputs.ClusterIssuer is null ? "http" : "https")}://{host}/";
    }

    private static Dictionary<string, object> Grafana(MonitoringOptions options, KubePrometheusStackInputs inputs)
    {
        var grafana = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["enabled"] = true,
            ["defaultDashboardsEnabled"] = true,
            ["admin"] = Map(("existingSecret", GrafanaAdminSecret), ("userKey", GrafanaAdminUserKey), ("passwordKey", GrafanaAdminPasswordKey)),
            ["persistence"] = Map(("enabled", false)),
            ["testFramework"] = Map(("enabled", false)),
            ["resources"] = Map(("requests", Map(("cpu", "50m"), ("memory", "256Mi"))), ("limits", Map(("memory", "1Gi")))),
            // The pod-level seccomp profile, so the pod passes restricted whatever a container leaves out.
            ["securityContext"] = Map(
                ("runAsNonRoot", true), ("runAsUser", 472), ("runAsGroup", 472), ("fsGroup", 472),
                ("seccompProfile", Map(("type", "RuntimeDefault")))),
            // Dashboards from ConfigMaps labelled grafana_dashboard in any namespace; data sources from Secrets labelled
            // grafana_datasource: "1" in Grafana's own namespace (the chart's defaults, spelled out because the layers'
            // data sources depend on them: GrafanaDataSourceDocuments).
            ["sidecar"] = Map(
                ("dashboards", Map(("enabled", true), ("searchNamespace", "ALL"))),
                ("datasources", Map(("enabled", true), ("label", GrafanaDataSourceDocuments.SidecarLabel), ("labelValue", GrafanaDataSourceDocuments.SidecarLabelValue)))),
        };
        if (inputs.GrafanaPlugins.Count > 0)
            grafana["plugins"] = inputs.GrafanaPlugins.Select(p => (object)p).ToArray();
        if (GrafanaUrl(options, inputs) is { } url)
        {
            var host = options.GrafanaHost!;
            var ingress = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["enabled"] = true,
                ["ingressClassName"] = inputs.IngressClass!,
                ["hosts"] = new object[] { host },
                ["path"] = "/",
            };
            if (inputs.ClusterIssuer is { } issuer)
            {
                ingress["annotations"] = Map(("cert-manager.io/cluster-issuer", issuer));
                ingress["tls"] = new object[] { Map(("secretName", GrafanaTlsSecret), ("hosts", new object[] { host })) };
            }
            grafana["ingress"] = ingress;
            // Links in Grafana's pages and notifications use the public URL, not the pod's.
            var env = Map(("GF_SERVER_ROOT_URL", url));
            if (inputs.SingleSignOn is { } login)
            {
                if (!url.StartsWith("https:", StringComparison.Ordinal))
                    throw new ArgumentException("Grafana's single sign-on needs Grafana served over https (a ClusterIssuer).", nameof(inputs));
                foreach (var (key, value) in GenericOAuth(login))
                    env[$"GF_AUTH_GENERIC_OAUTH_{key.ToUpperInvariant()}"] = value;
                // The client secret reaches Grafana from its Secret, never through the values.
                grafana["envValueFrom"] = Map(("GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET",
                    Map(("secretKeyRef", Map(("name", GrafanaOidcSecret), ("key", GrafanaOidcSecretKey))))));
                grafana["extraSecretMounts"] = new object[]
                {
                    Map(("name", "oidc"), ("secretName", GrafanaOidcSecret), ("mountPath", GrafanaOidcMountPath), ("readOnly", true), ("defaultMode", 292)),
                };
            }
            grafana["env"] = env;
        }
        return grafana;
    }

    /// <summary>Grafana's <c>[auth.generic_oauth]</c> settings for <paramref name="login"/>, by ini key (the values set them
    /// as <c>GF_AUTH_GENERIC_OAUTH_&lt;KEY&gt;</c>, Grafana's environment override of its ini file), the client secret
    /// excepted. Dex serves its endpoints under the issuer (<c>/auth</c>, <c>/token</c>, <c>/userinfo</c>). Members of the
    /// admin groups become Grafana server admins (<c>GrafanaAdmin</c>, with <c>allow_assign_grafana_admin</c>), of the edit
    /// groups editors, of the view groups viewers; with groups mapped, a user in none of them is refused
    /// (<c>role_attribute_strict</c>), without, every user is a viewer. The local admin login stays (break-glass).</summary>
    public static IReadOnlyDictionary<string, string> GenericOAuth(OidcLogin login)
    {
        ArgumentNullException.ThrowIfNull(login);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["enabled"] = "true",
            ["name"] = "Platform single sign-on",
            ["client_id"] = login.ClientId,
            ["scopes"] = string.Join(' ', login.Scopes),
            ["auth_url"] = $"{login.IssuerUrl}/auth",
            ["token_url"] = $"{login.IssuerUrl}/token",
            ["api_url"] = $"{login.IssuerUrl}/userinfo",
            ["use_pkce"] = "true",
            ["allow_sign_up"] = "true",
            ["email_attribute_path"] = "email",
            ["login_attribute_path"] = "email",
            ["name_attribute_path"] = "name",
            ["groups_attribute_path"] = login.GroupsClaim,
            ["tls_skip_verify_insecure"] = "false",
        };
        if (login.MapsGroups)
        {
            settings["role_attribute_path"] = login.RoleExpression([(login.AdminGroups, "GrafanaAdmin"), (login.EditGroups, "Editor"), (login.ViewGroups, "Viewer")]);
            settings["role_attribute_strict"] = "true";
            settings["allow_assign_grafana_admin"] = "true";
        }
        else
        {
            settings["role_attribute_path"] = "'Viewer'";
        }
        if (login.PrivateCa)
            settings["tls_client_ca"] = $"{GrafanaOidcMountPath}/{GrafanaOidcCaKey}";
        return settings;
    }

    private static Dictionary<string, object> Resources(ComponentSizing sizing) => Map(
        ("requests", Map(("cpu", sizing.CpuRequest), ("memory", sizing.MemoryRequest))),
        ("limits", Map(("memory", sizing.MemoryLimit))));

    // A volume claim template per replica on the platform's class; emptyDir (bounded by the same size) when ephemeral.
    private static Dictionary<string, object> Storage(ComponentSizing sizing, string? storageClass) => storageClass is null
        ? Map(("emptyDir", Map(("sizeLimit", sizing.StorageSize))))
        : Map(("volumeClaimTemplate", Map(("spec", Map(
            ("storageClassName", storageClass),
            ("accessModes", new object[] { "ReadWriteOnce" }),
            ("resources", Map(("requests", Map(("storage", sizing.StorageSize))))))))));

    // One replica may go at a time (a drain, an upgrade); with one replica a budget would hold every drain.
    private static Dictionary<string, object> Budget(int replicas) => replicas > 1
        ? Map(("enabled", true), ("minAvailable", 1))
        : Map(("enabled", false));
}
