using Platform.Components.Catalog;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;

namespace Platform.Tests.ServiceMesh;

/// <summary><c>platform:serviceMesh</c> in a stack: what a valid value gives, every bad input refused with the key and
/// the fix before anything is registered, and what the composition passes to other layers (Cilium's values, the teams'
/// namespaces, the Gateway API CRDs).</summary>
public class ServiceMeshStackTests
{
    private const string Tenant = """[{"name": "payments", "team": "payments", "owner": "p@example.com", "quota": {"pods": "10"}}]""";

    private static Dictionary<string, string> Config(string? mesh, bool on = true)
    {
        var values = ValidConfig.Values();
        values["tenants"] = Tenant;
        if (on) values["capabilities"] = """{"serviceMesh": true}""";
        if (mesh is not null) values["serviceMesh"] = mesh;
        return new Dictionary<string, string>(StackRunner.WithoutUnconfiguredLayers(values));
    }

    private static PlatformConfigException Problems(Dictionary<string, string> values)
    {
        var source = new DictionaryConfigSource(new Dictionary<string, string>(StackRunner.WithoutUnconfiguredLayers(values)));
        return Assert.Throws<PlatformConfigException>(() =>
        {
            var settings = PlatformSettingsLoader.Load(source);
            LayerRequirements.Check(settings, CapabilityResolver.Resolve(CapabilityMatrix.Default, settings), source);
        });
    }

    private static string Only(PlatformConfigException e) => Assert.Single(e.Problems).ToString();

    [Fact]
    public void Unset_gives_istio_ambient_strict_with_no_namespace_and_the_tiers_consul_servers()
    {
        var settings = ValidConfig.Load(_ => { });

        Assert.Equal(Platform.Components.ServiceMesh.MeshProvider.Istio, settings.ServiceMesh.Provider);
        Assert.Equal(Platform.Components.ServiceMesh.IstioDataplaneMode.Ambient, settings.ServiceMesh.Mode);
        Assert.Equal(Platform.Components.ServiceMesh.MeshMtlsMode.Strict, settings.ServiceMesh.Mtls);
        Assert.Empty(settings.ServiceMesh.Namespaces);
        Assert.Equal(3, settings.ServiceMesh.ConsulServerReplicas);
        Assert.Equal(1, ValidConfig.Load(v => v["tier"] = "small").ServiceMesh.ConsulServerReplicas);
    }

    [Theory]
    [InlineData("""{"provider": "linkerd"}""", "serviceMesh.provider", "istio, consul")]
    [InlineData("""{"mode": "sidecars"}""", "serviceMesh.mode", "ambient, sidecar")]
    [InlineData("""{"mtls": "STRICT"}""", "serviceMesh.mtls", "permissive, strict")]
    [InlineData("""{"provider": "consul", "mode": "sidecar"}""", "serviceMesh.mode", "Istio's dataplane mode")]
    [InlineData("""{"provider": "consul", "mtls": "permissive"}""", "serviceMesh.mtls", "Consul's Connect proxies accept mTLS only")]
    [InlineData("""{"consul": {"serverReplicas": 3}}""", "serviceMesh.consul", "is for provider consul")]
    [InlineData("""{"provider": "consul", "consul": {"serverReplicas": 2}}""", "serviceMesh.consul.serverReplicas", "odd number")]
    [InlineData("""{"provider": "consul", "consul": {"storageSize": "ten"}}""", "serviceMesh.consul.storageSize", "not a size")]
    [InlineData("""{"namespaces": ["Payments"]}""", "serviceMesh.namespaces", "DNS-1123")]
    [InlineData("""{"namespaces": ["payments", "payments"]}""", "serviceMesh.namespaces", "more than once")]
    [InlineData("""{"namespace": ["payments"]}""", "serviceMesh", "namespace")]
    public void A_bad_value_names_its_key_and_the_fix(string mesh, string key, string text)
    {
        var problem = Only(Problems(Config(mesh)));

        Assert.StartsWith($"platform:{key}", problem, StringComparison.Ordinal);
        Assert.Contains(text, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespace_that_is_no_teams_is_refused_with_the_teams_there_are()
    {
        var problem = Only(Problems(Config("""{"namespaces": ["payments", "monitoring"]}""")));

        Assert.StartsWith("platform:serviceMesh.namespaces[1]", problem, StringComparison.Ordinal);
        Assert.Contains("configured: payments", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_team_that_sets_the_mesh_label_itself_is_refused()
    {
        var values = Config("""{"namespaces": ["payments"]}""");
        values["tenants"] = """[{"name": "payments", "team": "payments", "owner": "p@example.com", "quota": {"pods": "10"}, "labels": {"istio.io/dataplane-mode": "none"}}]""";

        Assert.Contains("istio.io/dataplane-mode", Only(Problems(values)), StringComparison.Ordinal);
    }

    [Fact]
    public void Consul_without_storage_is_refused_and_istio_needs_none()
    {
        var problem = Only(Problems(Config("""{"provider": "consul"}""")));

        Assert.StartsWith("platform:serviceMesh", problem, StringComparison.Ordinal);
        Assert.Contains("provider istio", problem, StringComparison.Ordinal);
        var settings = PlatformSettingsLoader.Load(new DictionaryConfigSource(Config("""{"provider": "istio"}""")));
        LayerRequirements.Check(settings, CapabilityResolver.Resolve(CapabilityMatrix.Default, settings), new DictionaryConfigSource(Config("""{"provider": "istio"}""")));
    }

    [Fact]
    public void Namespaces_are_not_checked_while_the_capability_is_off()
    {
        var values = Config("""{"namespaces": ["nobody"]}""", on: false);
        var source = new DictionaryConfigSource(values);
        var settings = PlatformSettingsLoader.Load(source);

        LayerRequirements.Check(settings, CapabilityResolver.Resolve(CapabilityMatrix.Default, settings), source);
    }

    [Fact]
    public async Task On_cilium_the_mesh_chains_its_cni_labels_the_teams_namespace_and_installs_the_gateway_api_once()
    {
        var run = await StackRunner.RunAsync(Config("""{"namespaces": ["payments"]}"""));

        var cilium = (IReadOnlyDictionary<string, object>)run.Registration("kubernetes:helm.sh/v3:Release", "platform-prod-cni-cilium").Inputs["values"];
        Assert.Equal(false, ValuesTree.At(cilium, "cni.exclusive"));
        Assert.Equal("true", ValuesTree.At(cilium, "extraConfig.bpf-lb-sock-hostns-only"));
        Assert.False(ValuesTree.Has(cilium, "socketLB"));
        var ns = run.RegistrationsOf("kubernetes:core/v1:Namespace").Single(n => (string)((IReadOnlyDictionary<string, object>)n.Inputs["metadata"])["name"] == "payments");
        var labels = (IReadOnlyDictionary<string, object>)((IReadOnlyDictionary<string, object>)ns.Inputs["metadata"])["labels"];
        Assert.Equal("ambient", labels["istio.io/dataplane-mode"]);
        var policies = run.RegistrationsOf("kubernetes:networking.k8s.io/v1:NetworkPolicy")
            .Select(p => (IReadOnlyDictionary<string, object>)p.Inputs["metadata"]).Where(m => (string)m["namespace"] == "payments").Select(m => (string)m["name"]);
        Assert.Contains("allow-mesh-hbone-in", policies);
        var crds = run.RegistrationsOf("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition")
            .Where(c => c.Name!.StartsWith("platform-prod-gateway-api-crd-", StringComparison.Ordinal)).ToList();
        Assert.Equal(GatewayApi.Crds.Select(c => c.Name).Order(), crds.Select(c => (string)((IReadOnlyDictionary<string, object>)c.Inputs["metadata"])["name"]).Order());
        Assert.All(crds, c => Assert.True(run.Options[c.Name!].RetainOnDelete, c.Name));
        // One install for the cluster: no other Gateway API CRD resource anywhere in the stack.
        Assert.Equal(crds.Count, run.RegistrationsOf("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition")
            .Count(c => ((string)((IReadOnlyDictionary<string, object>)c.Inputs["metadata"])["name"]).EndsWith(".gateway.networking.k8s.io", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Without_the_mesh_cilium_stays_exclusive_and_the_team_is_not_labelled()
    {
        var run = await StackRunner.RunAsync(Config("""{"namespaces": ["payments"]}""", on: false));

        var cilium = (IReadOnlyDictionary<string, object>)run.Registration("kubernetes:helm.sh/v3:Release", "platform-prod-cni-cilium").Inputs["values"];
        Assert.False(ValuesTree.Has(cilium, "cni.exclusive"));
        Assert.False(ValuesTree.Has(cilium, "extraConfig"));
        Assert.DoesNotContain(run.RegistrationsOf("kubernetes:helm.sh/v3:Release"), r => (string)r.Inputs["chart"] is "istiod" or "consul");
        Assert.DoesNotContain(run.RegistrationsOf("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition"),
            c => ((string)((IReadOnlyDictionary<string, object>)c.Inputs["metadata"])["name"]).EndsWith(".gateway.networking.k8s.io", StringComparison.Ordinal));
    }
}
