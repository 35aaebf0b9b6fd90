using Platform.Components.Catalog;
using Platform.Components.Identity;
using Platform.Components.UserInterface;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace Platform.Tests.UserInterface;

/// <summary>The userInterface layer alone: Headlamp's restricted namespace and its traffic, the release, the OIDC Secret
/// kept secret, the Prometheus plugin's access for the identity provider's groups, and what it refuses.</summary>
public class UserInterfaceLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string SecretType = "kubernetes:core/v1:Secret";
    private const string PolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private sealed record Prerequisites(Resource Dex, Resource Monitoring);

    private static Task<ComponentRun> Run(bool identity, bool monitoring = true, IReadOnlyList<string>? clients = null, bool privateCa = true) => ComponentRun.RunAsync(
        () => new Prerequisites(new Pulumi.Kubernetes.Core.V1.Namespace("dex"), new Pulumi.Kubernetes.Core.V1.Namespace("monitoring")),
        (ready, opts) => _ = new UserInterfaceLayer("ui", new UserInterfaceLayerArgs
        {
            Options = new UserInterfaceOptions { Host = "headlamp.example.com", Replicas = 2 },
            Ingress = ("contour", "projectcontour"),
            ClusterIssuer = "internal-ca",
            Identity = identity ? FakeIdentity.Create(ready.Dex, privateCa, clients) : null,
            IssuerRoute = identity ? FakeIdentity.Route : null,
            Prometheus = monitoring ? ("monitoring", "kube-prometheus-stack-prometheus", 9090) : null,
            MonitoringReady = monitoring ? [ready.Monitoring] : [],
        }, opts));

    private static List<string> PolicyNames(ComponentRun run) => [.. run.Of(PolicyType).Select(p => (string)Map(p.Inputs["metadata"])["name"]).Order()];

    private static IReadOnlyDictionary<string, object> Policy(ComponentRun run, string name) =>
        Map(run.Of(PolicyType).Single(p => (string)Map(p.Inputs["metadata"])["name"] == name).Inputs["spec"]);

    [Fact]
    public async Task Without_authentication_headlamp_runs_alone_in_a_restricted_namespace_and_asks_for_tokens()
    {
        var run = await Run(identity: false);

        var ns = Map(run.Registration("kubernetes:core/v1:Namespace", "ui-namespace").Inputs["metadata"]);
        Assert.Equal(UserInterfaceLayer.Namespace, ns["name"]);
        Assert.Equal("restricted", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
        var release = run.Registration(ReleaseType, "ui-headlamp");
        Assert.Equal((HelmCharts.Headlamp.Name, HelmCharts.Headlamp.Version, HelmCharts.Headlamp.Repository, UserInterfaceLayer.Namespace),
            ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)Map(release.Inputs["repositoryOpts"])["repo"], (string)release.Inputs["namespace"]));
        Assert.Empty(run.Of(SecretType));
        Assert.False(Map(release.Inputs["values"]).ContainsKey("env"));
        Assert.Equal(["allow-acme-solver-from-ingress", "allow-api-server", "allow-dns", "allow-headlamp-from-ingress", "default-deny"], PolicyNames(run));
        // Nothing to bind without the identity provider's groups.
        Assert.Empty(run.Of("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"));
        Assert.Empty(run.Of("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"));
        Assert.Equal(["ui-namespace"], run.DependsOn["ui-headlamp"].Order());
    }

    [Fact]
    public async Task With_authentication_headlamp_signs_users_in_through_dex_with_its_secret_kept_secret()
    {
        var run = await Run(identity: true);

        var secret = (SecretArgs)run.Args["ui-oidc"];
        Assert.True(await Outputs.IsSecretAsync(secret.StringData.ToOutput()));
        var data = await Outputs.SecretValueAsync(secret.StringData.ToOutput());
        Assert.Equal(FakeIdentity.Secret(OidcClients.Headlamp), data[HeadlampValues.OidcSecretKey]);
        Assert.Equal(FakeIdentity.CaPem, data[HeadlampValues.OidcCaKey]);
        Assert.Equal(HeadlampValues.OidcSecret, Map(run.Registration(SecretType, "ui-oidc").Inputs["metadata"])["name"]);
        Assert.Contains("ui-oidc", run.DependsOn["ui-headlamp"]);
        // Headlamp starts without waiting for Dex: a login fails until Dex answers, nothing else does.
        Assert.DoesNotContain("dex", run.DependsOn["ui-headlamp"]);
        var release = run.Registration(ReleaseType, "ui-headlamp");
        Assert.DoesNotContain(FakeIdentity.Secret(OidcClients.Headlamp), System.Text.Json.JsonSerializer.Serialize(release.Inputs), StringComparison.Ordinal);

        // Headlamp reaches Dex through the ingress controller's pods on their HTTPS port, and nowhere else outside.
        var egress = Map(Assert.Single((IEnumerable<object>)Policy(run, "allow-identity-provider")["egress"]));
        Assert.Equal(8443.0, Map(Assert.Single((IEnumerable<object>)egress["ports"]))["port"]);
        var peer = Map(Assert.Single((IEnumerable<object>)egress["to"]));
        Assert.Equal("projectcontour", Map(Map(peer["namespaceSelector"])["matchLabels"])["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public async Task The_edit_and_view_groups_may_query_prometheus_through_the_service_proxy_and_nothing_else()
    {
        var run = await Run(identity: true);

        var role = Assert.Single(run.Of("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"));
        var rule = Map(Assert.Single((IEnumerable<object>)role.Inputs["rules"]));
        Assert.Equal(["services/proxy"], ((IEnumerable<object>)rule["resources"]).Cast<string>());
        Assert.Equal(["get"], ((IEnumerable<object>)rule["verbs"]).Cast<string>());
        Assert.Equal(["kube-prometheus-stack-prometheus", "kube-prometheus-stack-prometheus:9090"], ((IEnumerable<object>)rule["resourceNames"]).Cast<string>());
        var binding = Assert.Single(run.Of("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"));
        Assert.Equal("monitoring", Map(binding.Inputs["metadata"])["namespace"]);
        Assert.Equal(("ClusterRole", UserInterfaceLayer.PrometheusProxyRole), ((string)Map(binding.Inputs["roleRef"])["kind"], (string)Map(binding.Inputs["roleRef"])["name"]));
        var subjects = ((IEnumerable<object>)binding.Inputs["subjects"]).Select(Map).ToList();
        Assert.All(subjects, s => Assert.Equal("Group", s["kind"]));
        // The groups as the API server names them: with the issuer's prefix. The admin groups are cluster-admins already.
        Assert.Equal(["oidc:developers", "oidc:auditors", "oidc:support"], subjects.Select(s => (string)s["name"]));
        Assert.Contains("monitoring", run.DependsOn["ui-prometheus-proxy-binding"]);

        // Without monitoring there is no Prometheus to query.
        var alone = await Run(identity: true, monitoring: false);
        Assert.Empty(alone.Of("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"));
    }

    [Fact]
    public async Task A_missing_client_or_route_is_refused_before_anything_is_registered()
    {
        var noClient = await Assert.ThrowsAnyAsync<Exception>(() => Run(identity: true, clients: [OidcClients.Grafana]));
        Assert.Contains("has no 'headlamp' client", noClient.ToString(), StringComparison.Ordinal);

        var noRoute = await Assert.ThrowsAnyAsync<Exception>(() => ComponentRun.RunAsync(() => new Pulumi.Kubernetes.Core.V1.Namespace("dex"),
            (dex, opts) => _ = new UserInterfaceLayer("ui", new UserInterfaceLayerArgs
            {
                Options = new UserInterfaceOptions { Host = "headlamp.example.com", Replicas = 1 },
                Ingress = ("contour", "projectcontour"),
                ClusterIssuer = "internal-ca",
                Identity = FakeIdentity.Create(dex),
            }, opts)));
        Assert.Contains("IssuerRoute", noRoute.ToString(), StringComparison.Ordinal);
    }
}
