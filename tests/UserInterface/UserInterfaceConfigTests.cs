using Platform.Components.UserInterface;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.UserInterface;

/// <summary><c>platform:userInterface</c> and how the stacks compose Headlamp: on from the medium tier, its host required
/// with ingress, its replicas by tier, the Prometheus plugin's access to the monitoring layer.</summary>
public class UserInterfaceConfigTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string Release = "platform-prod-user-interface-headlamp";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    [Fact]
    public void The_options_are_read_with_their_defaults()
    {
        var settings = ValidConfig.Load(v => v["userInterface"] = """{"host": "ui.example.com", "replicas": 3, "sessionTtlSeconds": 3600, "plugins": false}""");
        Assert.Equal(new UserInterfaceOptions { Host = "ui.example.com", Replicas = 3, SessionTtlSeconds = 3600, Plugins = false }, settings.UserInterface);
        var defaults = ValidConfig.Load(v => v.Remove("userInterface")).UserInterface;
        Assert.Equal(new UserInterfaceOptions(), defaults);
        Assert.Equal(86400, defaults.SessionTtlSeconds);
    }

    [Theory]
    [InlineData("""{"hostname": "ui.example.com"}""", "platform:userInterface.hostname", "could not be mapped")]
    [InlineData("""{"host": "UI.example.com"}""", "platform:userInterface", "is not a lowercase DNS name")]
    [InlineData("""{"host": "ui.example.com", "replicas": 0}""", "platform:userInterface", "replicas is 0; give 1 to 10")]
    [InlineData("""{"host": "ui.example.com", "sessionTtlSeconds": 60}""", "platform:userInterface", "give 300 (five minutes) to 604800")]
    [InlineData("""["ui.example.com"]""", "platform:userInterface", "Use e.g. `{\"host\": \"headlamp.example.com\"}`")]
    public void Bad_options_are_refused_naming_the_key(string value, string key, string message)
    {
        var problem = Assert.Single(ValidConfig.Problems(v => v["userInterface"] = value).Problems);
        Assert.Equal(key, problem.Key);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_is_documented_with_the_others()
    {
        Assert.Contains(PlatformConfigKeys.UserInterface, PlatformConfigKeys.All);
        Assert.Equal("platform:userInterface", PlatformConfigKeys.UserInterface.FullName);
    }

    [Fact]
    public async Task Headlamp_needs_its_host_with_ingress_before_anything_is_registered()
    {
        var mocks = new PlatformMocks();
        var config = ValidConfig.Values();
        config.Remove("userInterface");
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Contains("platform:userInterface.host: is required when the userInterface capability is on", error.Message, StringComparison.Ordinal);
        Assert.Contains("platform:capabilities.userInterface' false", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);

        // Without ingress there is no Ingress and no host is needed (kubectl port-forward reaches it).
        config["capabilities"] = """{"ingress": false}""";
        var noIngress = await StackRunner.RunAsync(config);
        Assert.Equal(false, ValuesTree.At(Map(noIngress.Registration(ReleaseType, Release).Inputs["values"]), "ingress.enabled"));
    }

    [Fact]
    public async Task Headlamp_is_on_from_the_medium_tier_after_every_other_layer_with_the_tiers_replicas()
    {
        // Two workers: two replicas (ValidConfig's one worker gets one).
        var config = ValidConfig.Values();
        config["nodes"] = config["nodes"].Replace("""{"name": "worker-1", "address": "10.0.0.21", "role": "worker"}""",
            """{"name": "worker-1", "address": "10.0.0.21", "role": "worker"}, {"name": "worker-2", "address": "10.0.0.22", "role": "worker"}""", StringComparison.Ordinal);
        var medium = await StackRunner.RunAsync(config);
        var layer = medium.Single<UserInterfaceLayer>();
        var values = Map(medium.Registration(ReleaseType, Release).Inputs["values"]);
        Assert.Equal(2.0, values["replicaCount"]);
        Assert.Equal("headlamp.platform-prod.example.com", Map(Assert.Single((IEnumerable<object>)ValuesTree.At(values, "ingress.hosts")))["host"]);
        // Without the certificates capability: plain HTTP, like Grafana's.
        Assert.False(Map(values["ingress"]).ContainsKey("tls"));
        Assert.Equal("http://headlamp.platform-prod.example.com", await Outputs.ValueAsync(layer.Url!));
        // The layers are built in order: Headlamp after the security audits layer. (The mock's registrations are not in
        // that order: a resource registers once its inputs resolve.)
        var order = Platform.Stacks.Composition.PlatformLayers.InOrder.Select(l => l.Key).ToList();
        Assert.True(order.IndexOf(Platform.Stacks.Capabilities.CapabilityIds.SecurityAudits) < order.IndexOf(Platform.Stacks.Capabilities.CapabilityIds.UserInterface));
        Assert.Equal(Platform.Stacks.Capabilities.CapabilityIds.UserInterface, order[^1]);
        // The Prometheus plugin finds the monitoring layer's Prometheus by its Service label, and the API server's proxy
        // reaches it on its port.
        var monitoring = Map(medium.Registration(ReleaseType, "platform-prod-monitoring-kube-prometheus-stack").Inputs["values"]);
        Assert.Equal("true", Map(ValuesTree.At(monitoring, "prometheus.service.labels"))["headlamp-prometheus"]);
        var proxy = medium.RegistrationsOf("kubernetes:networking.k8s.io/v1:NetworkPolicy")
            .Single(p => (string)Map(p.Inputs["metadata"])["name"] == "allow-prometheus-from-api-server" && (string)Map(p.Inputs["metadata"])["namespace"] == "monitoring");
        var rule = Map(Assert.Single((IEnumerable<object>)Map(proxy.Inputs["spec"])["ingress"]));
        Assert.Equal(9090.0, Map(Assert.Single((IEnumerable<object>)rule["ports"]))["port"]);

        // Small: optional, so off, and no allowance into Prometheus either.
        var small = ValidConfig.Values();
        small["tier"] = "small";
        var smallRun = await StackRunner.RunAsync(small);
        Assert.Empty(smallRun.All<UserInterfaceLayer>());
        Assert.DoesNotContain(smallRun.RegistrationsOf("kubernetes:networking.k8s.io/v1:NetworkPolicy"),
            p => (string)Map(p.Inputs["metadata"])["name"] == "allow-prometheus-from-api-server");
        // Switched on, one replica on small.
        small["capabilities"] = """{"userInterface": true}""";
        var on = await StackRunner.RunAsync(small);
        Assert.Equal(1.0, Map(on.Registration(ReleaseType, Release).Inputs["values"])["replicaCount"]);
    }
}
