using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.GitOps;

/// <summary>
/// The values of the argo-cd chart (<c>Catalog.HelmCharts.ArgoCd</c>), a pure function of the options and the stack's
/// facts:
/// <list type="bullet">
/// <item>the chart's CRD templates off (<c>crds.install: false</c>): the program registers the vendored CRDs of the
/// release itself, server-side (the ApplicationSet CRD is larger than client-side apply's annotation allows);</item>
/// <item>the chart's bundled Dex off: Argo CD signs users in through the platform's identity provider with its own OIDC
/// client (<see cref="ArgoCdOidc"/>, added by the layer), with RBAC from its groups (<see cref="ArgoCdRbac"/>);
/// without single sign-on the local admin, whose bcrypt hash is in <c>argocd-secret</c>, which the layer creates
/// (<c>configs.secret.createSecret: false</c>);</item>
/// <item>the server without TLS of its own (<c>server.insecure</c>): the Ingress controller terminates TLS with
/// cert-manager's certificate, as every UI of the platform; the CLI then needs <c>--grpc-web</c>;</item>
/// <item>highly available from the medium tier up (<see cref="ArgoCdInputs.HighAvailability"/>): Redis HA instead of
/// the single Redis, two replicas of the API server, repo server and ApplicationSet controller with a
/// PodDisruptionBudget each (one may be evicted at a time); one application controller (a StatefulSet: a second one
/// only helps with sharding over several clusters);</item>
/// <item>a ServiceMonitor per component with monitoring, and the notifications controller sending to Alertmanager
/// (<see cref="ArgoCdNotifications"/>) when it has one.</item>
/// </list>
/// Every pod of the chart meets the restricted Pod Security level as the chart sets it (each container's
/// <c>containerSecurityContext</c>: non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp;
/// Redis at the pod level); Redis HA's subchart is not in the reference data, so its security contexts are set here in
/// full.
/// </summary>
public static class ArgoCdValues
{
    /// <summary>The API server's Service port the Ingress reaches (plain HTTP with <c>server.insecure</c>).</summary>
    public const int ServerHttpPort = 8080;

    /// <summary>The Secret the chart would create and the layer creates instead.</summary>
    public const string ArgoCdSecret = "argocd-secret";

    /// <summary>The TLS Secret of the server's Ingress (cert-manager's certificate).</summary>
    public const string TlsSecret = "argocd-server-tls";

    /// <summary>The metrics ports of the components: application controller, API server, repo server, ApplicationSet
    /// controller, notifications controller.</summary>
    public static IReadOnlyList<(int Port, string Protocol)> MetricsPorts { get; } =
        [(8082, "TCP"), (8083, "TCP"), (8084, "TCP"), (8080, "TCP"), (9001, "TCP")];

    /// <summary>The values for <paramref name="options"/> and <paramref name="inputs"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid, or a group name cannot go into the RBAC policy.</exception>
    public static IReadOnlyDictionary<string, object> Render(GitOpsOptions options, ArgoCdInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"GitOps: {string.Join(" ", problems)}", nameof(options));
        var ha = inputs.HighAvailability;
        var replicas = ha ? 2 : 1;
        var url = Url(options, inputs);

        var cm = new Dictionary<string, object>
        {
            ["url"] = url,
            ["admin.enabled"] = inputs.Sso is null,
            ["exec.enabled"] = false,
        };
        var rbac = new Dictionary<string, object> { ["policy.default"] = ArgoCdRbac.DefaultPolicy };
        if (inputs.Sso is { } sso)
        {
            rbac["policy.csv"] = ArgoCdRbac.PolicyCsv(sso.AdminGroups, sso.EditGroups, sso.ViewGroups);
            rbac["scopes"] = ArgoCdRbac.Scopes(sso.GroupsClaim);
        }

        var values = new Dictionary<string, object>
        {
            ["crds"] = Map(("install", false)),
            ["configs"] = Map(
                ("cm", cm),
                ("params", Map(("server.insecure", true))),
                ("rbac", rbac),
                ("secret", Map(("createSecret", false)))),
            ["dex"] = Map(("enabled", false)),
            ["redis"] = Map(("enabled", !ha)),
            ["redis-ha"] = ha
                ? Map(
                    ("enabled", true),
                    ("hardAntiAffinity", inputs.RedisHardAntiAffinity),
                    ("securityContext", PodSecurity()),
                    ("containerSecurityContext", ContainerSecurity()),
                    ("haproxy", Map(
                        ("hardAntiAffinity", inputs.RedisHardAntiAffinity),
                        ("securityContext", PodSecurity()),
                        ("containerSecurityContext", ContainerSecurity()))))
                : Map(("enabled", false)),
            ["controller"] = Component(1, pdb: false, inputs.Metrics),
            ["server"] = Server(options, inputs, replicas, ha),
            ["repoServer"] = Component(replicas, ha, inputs.Metrics),
            ["applicationSet"] = Component(replicas, ha, inputs.Metrics),
            ["notifications"] = Notifications(inputs, url),
        };
        if (options.Host is { } host) values["global"] = Map(("domain", host));
        return values;
    }

    /// <summary>Argo CD's URL: <c>https://&lt;host&gt;</c> on the default IngressClass (http without a certificate);
    /// without a hostname or an IngressClass, the address of <c>kubectl -n argocd port-forward svc/argocd-server
    /// 8080:80</c>.</summary>
    public static string Url(GitOpsOptions options, ArgoCdInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        return options.Host is { } host && inputs.IngressClass is not null
            ? $"{(inputs.ClusterIssuer is null ? "http" : "https")}://{host}"
            : "http://localhost:8080";
    }

    private static Dictionary<string, object> Component(int replicas, bool pdb, bool metrics)
    {
        var component = Map(("replicas", replicas), ("metrics", Metrics(metrics)));
        component["pdb"] = pdb ? Map(("enabled", true), ("minAvailable", 1)) : Map(("enabled", false));
        return component;
    }

    private static Dictionary<string, object> Server(GitOpsOptions options, ArgoCdInputs inputs, int replicas, bool pdb)
    {
        var server = Component(replicas, pdb, inputs.Metrics);
        if (options.Host is { } host && inputs.IngressClass is { } ingressClass)
        {
            var ingress = Map(
                ("enabled", true),
                ("ingressClassName", ingressClass),
                ("hostname", host),
                ("path", "/"),
                ("pathType", "Prefix"),
                ("tls", inputs.ClusterIssuer is not null));
            if (inputs.ClusterIssuer is { } issuer)
                ingress["annotations"] = Map(("cert-manager.io/cluster-issuer", issuer));
            server["ingress"] = ingress;
        }
        else
        {
            server["ingress"] = Map(("enabled", false));
        }
        return server;
    }

    private static Dictionary<string, object> Notifications(ArgoCdInputs inputs, string url)
    {
        if (inputs.AlertmanagerHostPort is not { } alertmanager) return Map(("enabled", false));
        return Map(
            ("enabled", true),
            ("argocdUrl", url),
            ("metrics", Metrics(inputs.Metrics)),
            ("notifiers", ArgoCdNotifications.Notifiers(alertmanager)),
            ("triggers", ArgoCdNotifications.Triggers()),
            ("templates", ArgoCdNotifications.Templates()),
            ("subscriptions", ArgoCdNotifications.Subscriptions()));
    }

    private static Dictionary<string, object> Metrics(bool on) =>
        Map(("enabled", on), ("serviceMonitor", Map(("enabled", on))));

    // Redis HA's pods and HAProxy at the restricted level (its subchart's defaults are not in the reference data): the
    // image's redis user (uid 1000 in the subchart's defaults), RuntimeDefault seccomp, nothing privileged.
    private static Dictionary<string, object> PodSecurity() => Map(
        ("runAsNonRoot", true),
        ("runAsUser", 1000),
        ("runAsGroup", 1000),
        ("fsGroup", 1000),
        ("seccompProfile", Map(("type", "RuntimeDefault"))));

    private static Dictionary<string, object> ContainerSecurity() => Map(
        ("runAsNonRoot", true),
        ("allowPrivilegeEscalation", false),
        ("readOnlyRootFilesystem", true),
        ("capabilities", Map(("drop", new object[] { "ALL" }))),
        ("seccompProfile", Map(("type", "RuntimeDefault"))));
}
