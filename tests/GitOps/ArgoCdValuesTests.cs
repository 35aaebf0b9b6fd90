using System.Text.Json.Nodes;
using Platform.Components.Catalog;
using Platform.Components.GitOps;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.GitOps;

/// <summary>Argo CD's values: read by the pinned chart, its CRD templates and Dex off, HA only when asked, the server
/// behind the IngressClass with cert-manager's certificate, the OIDC and RBAC documents decoded, notifications to
/// Alertmanager.</summary>
public class ArgoCdValuesTests
{
    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static readonly GitOpsOptions WithHost = new() { Host = "argocd.example.com" };

    private static readonly ArgoCdInputs Everything = new()
    {
        IngressClass = "traefik",
        ClusterIssuer = "letsencrypt-production",
        HighAvailability = true,
        Metrics = true,
        AlertmanagerHostPort = "kube-prometheus-stack-alertmanager.monitoring.svc:9093",
        Sso = new ArgoCdSso { AdminGroups = ["platform-admins"], EditGroups = ["developers"], ViewGroups = ["auditors"] },
    };

    public static TheoryData<string> Combinations() => ["minimal", "everything", "ha-without-ingress"];

    private static IReadOnlyDictionary<string, object> Render(string combination) => combination switch
    {
        "minimal" => ArgoCdValues.Render(new GitOpsOptions(), new ArgoCdInputs()),
        "everything" => ArgoCdValues.Render(WithHost, Everything),
        _ => ArgoCdValues.Render(WithHost, new ArgoCdInputs { HighAvailability = true, RedisHardAntiAffinity = false }),
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_value_is_read_by_the_pinned_chart(string combination)
    {
        var values = Render(combination);

        Assert.Empty(ChartPaths.Unread(HelmCharts.ArgoCd, values));
        ValuesTree.AssertRoundTrips(values);
    }

    [Fact]
    public void The_charts_crds_and_dex_and_argocd_secret_are_off_and_the_server_serves_plain_http_behind_the_ingress()
    {
        var values = Render("everything");

        Assert.Equal(false, ValuesTree.At(values, "crds.install"));
        Assert.Equal(false, ValuesTree.At(values, "dex.enabled"));
        Assert.Equal(false, ValuesTree.At(values, "configs.secret.createSecret"));
        var configs = Map(values["configs"]);
        Assert.Equal(true, Map(configs["params"])["server.insecure"]);
        Assert.Equal(false, Map(configs["cm"])["exec.enabled"]);
    }

    [Fact]
    public void High_availability_runs_redis_ha_and_two_replicas_with_disruption_budgets_and_one_controller()
    {
        var ha = Render("everything");
        Assert.Equal(true, ValuesTree.At(ha, "redis-ha.enabled"));
        Assert.Equal(false, ValuesTree.At(ha, "redis.enabled"));
        Assert.Equal(true, ValuesTree.At(ha, "redis-ha.hardAntiAffinity"));
        foreach (var component in new[] { "server", "repoServer", "applicationSet" })
        {
            Assert.Equal(2, ValuesTree.At(ha, $"{component}.replicas"));
            Assert.Equal(true, ValuesTree.At(ha, $"{component}.pdb.enabled"));
            Assert.Equal(1, ValuesTree.At(ha, $"{component}.pdb.minAvailable"));
        }
        // One controller, without a budget that would block every drain of its node.
        Assert.Equal(1, ValuesTree.At(ha, "controller.replicas"));
        Assert.Equal(false, ValuesTree.At(ha, "controller.pdb.enabled"));
        // Redis HA's pods at the restricted level, whatever the subchart's defaults.
        foreach (var path in new[] { "redis-ha.containerSecurityContext", "redis-ha.haproxy.containerSecurityContext" })
        {
            var security = Map(ValuesTree.At(ha, path));
            Assert.Equal((true, false), ((bool)security["runAsNonRoot"], (bool)security["allowPrivilegeEscalation"]));
            Assert.Equal("RuntimeDefault", Map(security["seccompProfile"])["type"]);
            Assert.Equal(["ALL"], ((object[])Map(security["capabilities"])["drop"]).Cast<string>());
        }
        Assert.Equal(false, ValuesTree.At(Render("ha-without-ingress"), "redis-ha.haproxy.hardAntiAffinity"));

        var single = Render("minimal");
        Assert.Equal(true, ValuesTree.At(single, "redis.enabled"));
        Assert.Equal(false, ValuesTree.At(single, "redis-ha.enabled"));
        foreach (var component in new[] { "server", "repoServer", "applicationSet", "controller" })
        {
            Assert.Equal(1, ValuesTree.At(single, $"{component}.replicas"));
            Assert.Equal(false, ValuesTree.At(single, $"{component}.pdb.enabled"));
        }
    }

    [Fact]
    public void The_server_is_behind_the_ingress_class_with_the_issuers_certificate_only_with_a_host()
    {
        var values = Render("everything");
        Assert.Equal(true, ValuesTree.At(values, "server.ingress.enabled"));
        Assert.Equal("traefik", ValuesTree.At(values, "server.ingress.ingressClassName"));
        Assert.Equal("argocd.example.com", ValuesTree.At(values, "server.ingress.hostname"));
        Assert.Equal(true, ValuesTree.At(values, "server.ingress.tls"));
        Assert.Equal("letsencrypt-production", Map(ValuesTree.At(values, "server.ingress.annotations"))["cert-manager.io/cluster-issuer"]);
        Assert.Equal("argocd.example.com", ValuesTree.At(values, "global.domain"));
        Assert.Equal("https://argocd.example.com", Map(Map(values["configs"])["cm"])["url"]);

        var minimal = Render("minimal");
        Assert.Equal(false, ValuesTree.At(minimal, "server.ingress.enabled"));
        Assert.False(minimal.ContainsKey("global"));
        Assert.Equal("http://localhost:8080", Map(Map(minimal["configs"])["cm"])["url"]);
        // A host without an IngressClass exposes nothing either.
        Assert.Equal(false, ValuesTree.At(Render("ha-without-ingress"), "server.ingress.enabled"));
    }

    [Fact]
    public void Without_sso_the_local_admin_is_on_and_no_group_has_rights()
    {
        var configs = Map(Render("minimal")["configs"]);
        Assert.Equal(true, Map(configs["cm"])["admin.enabled"]);
        var rbac = Map(configs["rbac"]);
        Assert.Equal("", rbac["policy.default"]);
        Assert.False(rbac.ContainsKey("policy.csv"));
    }

    [Fact]
    public void With_sso_the_local_admin_is_off_and_the_groups_get_their_roles()
    {
        var configs = Map(Render("everything")["configs"]);
        Assert.Equal(false, Map(configs["cm"])["admin.enabled"]);
        var rbac = Map(configs["rbac"]);
        Assert.Equal("", rbac["policy.default"]);
        Assert.Equal("[groups]", rbac["scopes"]);
        var policy = CasbinPolicy.Parse((string)rbac["policy.csv"]);
        Assert.Equal("role:admin", policy.RoleOf("platform-admins"));
        Assert.Equal(ArgoCdRbac.EditorRole, policy.RoleOf("developers"));
        Assert.Equal("role:readonly", policy.RoleOf("auditors"));
    }

    [Fact]
    public void Metrics_switch_on_every_components_service_monitor()
    {
        var on = Render("everything");
        var off = Render("minimal");
        foreach (var component in new[] { "controller", "server", "repoServer", "applicationSet", "notifications" })
        {
            Assert.Equal(true, ValuesTree.At(on, $"{component}.metrics.enabled"));
            Assert.Equal(true, ValuesTree.At(on, $"{component}.metrics.serviceMonitor.enabled"));
        }
        foreach (var component in new[] { "controller", "server", "repoServer", "applicationSet" })
            Assert.Equal(false, ValuesTree.At(off, $"{component}.metrics.serviceMonitor.enabled"));
    }

    [Fact]
    public void Notifications_go_to_alertmanager_for_every_application_and_are_off_without_it()
    {
        var values = Render("everything");
        Assert.Equal(true, ValuesTree.At(values, "notifications.enabled"));
        Assert.Equal("https://argocd.example.com", ValuesTree.At(values, "notifications.argocdUrl"));
        var service = KubeYaml.Single((string)Map(ValuesTree.At(values, "notifications.notifiers"))["service.alertmanager"])!;
        Assert.Equal(["kube-prometheus-stack-alertmanager.monitoring.svc:9093"], service["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(("http", "/api/v2/alerts"), (service["scheme"]!.GetValue<string>(), service["apiPath"]!.GetValue<string>()));

        var triggers = Map(ValuesTree.At(values, "notifications.triggers"));
        var templates = Map(ValuesTree.At(values, "notifications.templates"));
        foreach (var trigger in new[] { ArgoCdNotifications.SyncFailedTrigger, ArgoCdNotifications.HealthDegradedTrigger })
        {
            var condition = Assert.Single(KubeYaml.Single((string)triggers[$"trigger.{trigger}"])!.AsArray())!;
            Assert.Equal([trigger], condition["send"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.Contains("app.status", condition["when"]!.GetValue<string>(), StringComparison.Ordinal);
            var template = KubeYaml.Single((string)templates[$"template.{trigger}"])!;
            var labels = template["alertmanager"]!["labels"]!.AsObject();
            Assert.Equal(ArgoCdNotifications.AlertNames[trigger], labels["alertname"]!.GetValue<string>());
            Assert.Equal("warning", labels["severity"]!.GetValue<string>());
            Assert.Equal("{{.app.metadata.name}}", labels["application"]!.GetValue<string>());
            Assert.StartsWith("{{.context.argocdUrl}}/applications/", template["alertmanager"]!["generatorURL"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var subscription = Map(Assert.Single((IReadOnlyList<object>)ValuesTree.At(values, "notifications.subscriptions")));
        Assert.Equal(["alertmanager"], ((object[])subscription["recipients"]).Cast<string>());
        Assert.Equal([ArgoCdNotifications.SyncFailedTrigger, ArgoCdNotifications.HealthDegradedTrigger], ((object[])subscription["triggers"]).Cast<string>());

        Assert.Equal(false, ValuesTree.At(Render("minimal"), "notifications.enabled"));
        Assert.False(Map(Render("minimal")["notifications"]).ContainsKey("notifiers"));
    }

    [Fact]
    public void Invalid_options_are_refused_before_anything_is_rendered()
    {
        var error = Assert.Throws<ArgumentException>(() => ArgoCdValues.Render(new GitOpsOptions { Host = "Argo CD" }, new ArgoCdInputs()));
        Assert.Contains("host 'Argo CD' is not a DNS name", error.Message, StringComparison.Ordinal);
    }
}
