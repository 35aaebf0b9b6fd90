using Platform.Components.Identity;
using Platform.Components.Networking;
using Platform.Stacks.Composition;
using Platform.Tests.Configuration;

namespace Platform.Tests.Identity;

/// <summary>The way the UIs reach the identity provider's public issuer: the default ingress controller's pods on their
/// HTTPS container port behind a LoadBalancer Service, HTTPS anywhere otherwise; and the logins made from the provider.</summary>
public class IssuerRouteTests
{
    [Fact]
    public void Through_a_load_balancer_the_egress_is_the_controllers_namespace_on_its_https_container_port()
    {
        var route = PlatformLayers.IssuerRouteOf(ValidConfig.Load(v => v["loadBalancer"] = MetalLb));
        Assert.True(route.ThroughLoadBalancer);
        var egress = route.Egress();
        Assert.Equal(TrafficDirection.Egress, egress.Direction);
        Assert.Equal(route.ControllerNamespace, egress.Namespace);
        Assert.False(egress.AnyPeer);
        Assert.Equal([(route.HttpsPort, "TCP")], egress.Ports);
        Assert.Null(egress.Problem());

        var nginx = PlatformLayers.IssuerRouteOf(ValidConfig.Load(v =>
        {
            v["loadBalancer"] = MetalLb;
            v["ingress"] = """{"controllers": [{"kind": "ingress-nginx", "default": true}]}""";
        }));
        Assert.Equal(443, nginx.HttpsPort);
        Assert.Equal("ingress-nginx", nginx.ControllerNamespace);
    }

    private const string MetalLb = """{"provider": "metallb", "pools": [{"name": "default", "addresses": ["10.0.0.200-10.0.0.220"]}]}""";

    [Fact]
    public void Through_node_or_host_ports_the_egress_is_https_to_any_address()
    {
        // Without a load balancer the controllers are exposed on node ports.
        Assert.False(PlatformLayers.IssuerRouteOf(ValidConfig.Load(_ => { })).ThroughLoadBalancer);
        var egress = new IssuerRoute { ControllerNamespace = "traefik", HttpsPort = 8443, ThroughLoadBalancer = false }.Egress();
        Assert.True(egress.AnyPeer);
        Assert.Null(egress.Namespace);
        Assert.Equal([(443, "TCP")], egress.Ports);
    }

    [Fact]
    public void A_login_is_made_from_the_provider_and_needs_the_uis_client()
    {
        var identity = new IdentityProvider
        {
            IssuerUrl = "https://dex.example.com/",
            Clients = new Dictionary<string, OidcClientCredentials> { [OidcClients.Grafana] = new() { ClientId = "grafana-ui", ClientSecret = Pulumi.Output.CreateSecret("s") } },
            AdminGroups = ["admins"],
            Ready = null!,
        };
        var login = OidcLogin.For(identity, OidcClients.Grafana);
        Assert.Equal(("https://dex.example.com", "grafana-ui", false), (login.IssuerUrl, login.ClientId, login.PrivateCa));
        Assert.True(login.MapsGroups);
        Assert.Contains("has no 'headlamp' client", Assert.Throws<ArgumentException>(() => OidcLogin.For(identity, OidcClients.Headlamp)).Message, StringComparison.Ordinal);
    }
}
