using Platform.Components.Catalog;
using Platform.Components.Identity;
using Platform.Components.Security;
using Platform.Components.Security.Scanning;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace Platform.Tests.Security;

/// <summary>Harbor's single sign-on: the setup Job sets the OIDC auth mode with the client secret from a Secret, the
/// internal CA joins Harbor's trust store through the chart's CA bundle, and Harbor's namespace reaches the issuer.</summary>
public class HarborSingleSignOnTests
{
    private const string SetupType = "kubernetes:batch/v1:Job";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static ImageScanningOptions Options { get; } = new()
    {
        Registry = ImageRegistry.Harbor,
        Harbor = new HarborOptions { Host = "harbor.example.com" },
    };

    private static Task<ComponentRun> Run(bool identity) => ComponentRun.RunAsync(() => new Pulumi.Kubernetes.Core.V1.Namespace("dex"),
        (dex, opts) => _ = new ImageScanningLayer("scanning", new ImageScanningLayerArgs
        {
            Options = Options,
            Ingress = ("contour", "projectcontour"),
            ClusterIssuer = "internal-ca",
            StorageClass = "ceph-block",
            Identity = identity ? FakeIdentity.Create(dex) : null,
            IssuerRoute = identity ? FakeIdentity.Route : null,
        }, opts));

    [Fact]
    public void The_oidc_settings_name_the_issuer_the_client_and_the_first_admin_group_and_the_members_their_roles()
    {
        var login = FakeIdentity.Login(OidcClients.Harbor);
        var settings = System.Text.Json.Nodes.JsonNode.Parse(HarborSetup.OidcConfiguration(login))!.AsObject();
        Assert.Equal(["auth_mode", "oidc_name", "oidc_endpoint", "oidc_client_id", "oidc_scope", "oidc_verify_cert", "oidc_auto_onboard", "oidc_user_claim",
            "oidc_groups_claim", "oidc_admin_group"], settings.Select(kv => kv.Key));
        Assert.DoesNotContain("oidc_client_secret", settings.Select(kv => kv.Key));
        Assert.Equal("developers|2\nauditors|3\nsupport|3\n", HarborSetup.Members(login));
        // A group that edits is a developer even when it views too.
        Assert.Equal("developers|2\n", HarborSetup.Members(login with { ViewGroups = ["developers"] }));
        Assert.Throws<ArgumentException>(() => HarborSetup.Members(login with { EditGroups = ["a|b"] }));
        Assert.NotEqual(HarborSetup.JobName(HarborProject.Defaults), HarborSetup.JobName(HarborProject.Defaults, login));
        Assert.NotEqual(HarborSetup.JobName(HarborProject.Defaults, login), HarborSetup.JobName(HarborProject.Defaults, login with { AdminGroups = ["other"] }));

        var values = HarborValues.Render(Options, "contour", "internal-ca", "ceph-block", monitoring: false, issuerCaBundle: true);
        Assert.Equal(HarborValues.OidcSecretName, values["caBundleSecretName"]);
        Assert.Contains("caBundleSecretName", File.ReadAllLines(Path.Combine(RepoRoot.Path, "..", "shared", "charts", "harbor", HelmCharts.Harbor.Version, "values-paths.txt")));
        Assert.DoesNotContain("caBundleSecretName", ChartPaths.Unread(HelmCharts.Harbor, values));
        Assert.False(HarborValues.Render(Options, "contour", "internal-ca", "ceph-block", monitoring: false).ContainsKey("caBundleSecretName"));
    }

    [Fact]
    public async Task The_setup_job_reads_the_client_secret_from_its_secret_and_harbor_reaches_the_issuer()
    {
        var run = await Run(identity: true);

        var secret = (SecretArgs)run.Args["scanning-harbor-oidc"];
        Assert.True(await Outputs.IsSecretAsync(secret.StringData.ToOutput()));
        var data = await Outputs.SecretValueAsync(secret.StringData.ToOutput());
        Assert.Equal((FakeIdentity.Secret(OidcClients.Harbor), FakeIdentity.CaPem), (data[HarborValues.OidcClientSecretKey], data["ca.crt"]));
        Assert.Contains("scanning-harbor-oidc", run.DependsOn["scanning-harbor"]);
        Assert.Equal(HarborValues.OidcSecretName, run.Values("scanning-harbor")["caBundleSecretName"]);

        var job = Assert.Single(run.Of(SetupType));
        Assert.Equal(HarborSetup.JobName(HarborProject.Defaults, FakeIdentity.Login(OidcClients.Harbor)), Map(job.Inputs["metadata"])["name"]);
        var container = Map(Assert.Single((IEnumerable<object>)ValuesTree.At(Map(job.Inputs["spec"]), "template.spec.containers")));
        var env = ((IEnumerable<object>)container["env"]).Select(Map).ToDictionary(e => (string)e["name"], e => e, StringComparer.Ordinal);
        Assert.Equal(HarborSetup.OidcConfiguration(FakeIdentity.Login(OidcClients.Harbor)), env["OIDC_CONFIGURATION"]["value"]);
        Assert.Equal(HarborSetup.Members(FakeIdentity.Login(OidcClients.Harbor)), env["OIDC_MEMBERS"]["value"]);
        var reference = Map(ValuesTree.At(env["OIDC_CLIENT_SECRET"], "valueFrom.secretKeyRef"));
        Assert.Equal((HarborValues.OidcSecretName, HarborValues.OidcClientSecretKey), ((string)reference["name"], (string)reference["key"]));
        Assert.DoesNotContain(FakeIdentity.Secret(OidcClients.Harbor), System.Text.Json.JsonSerializer.Serialize(job.Inputs), StringComparison.Ordinal);

        var policies = run.Of("kubernetes:networking.k8s.io/v1:NetworkPolicy").Where(p => (string)Map(p.Inputs["metadata"])["namespace"] == ImageScanningLayer.HarborNamespace);
        Assert.Contains(policies, p => (string)Map(p.Inputs["metadata"])["name"] == "allow-identity-provider");

        // Without the identity provider Harbor keeps its database logins, and the Job has no OIDC settings.
        var local = await Run(identity: false);
        var localContainer = Map(Assert.Single((IEnumerable<object>)ValuesTree.At(Map(Assert.Single(local.Of(SetupType)).Inputs["spec"]), "template.spec.containers")));
        Assert.DoesNotContain(((IEnumerable<object>)localContainer["env"]).Select(Map), e => ((string)e["name"]).StartsWith("OIDC_", StringComparison.Ordinal));
        Assert.DoesNotContain(local.Registrations, r => r.Name == "scanning-harbor-oidc");
    }
}
