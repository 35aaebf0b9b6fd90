using Platform.Tests.Harness;
using Platform.Components.Networking.LoadBalancing;
using static Platform.Tests.Harness.ValuesTree;

namespace Platform.Tests.Networking.LoadBalancing;

public class LoadBalancerResourcesTests
{
    private static readonly AddressPool Public = new() { Name = "public", Addresses = ["192.0.2.0/28", "192.0.2.32-192.0.2.40"] };
    private static readonly AddressPool Internal = new() { Name = "internal", Addresses = ["10.10.0.0/24"] };

    [Fact]
    public void Metallb_values_round_trip_and_keep_l2_only()
    {
        var values = MetalLbValues.Render();

        AssertRoundTrips(values);
        Assert.Equal(false, At(values, "speaker.frr.enabled"));
        Assert.Equal(false, At(values, "frrk8s.enabled"));
        Assert.Equal(true, At(values, "crds.enabled"));
        Assert.Equal(true, At(values, "controller.securityContext.runAsNonRoot"));
        Assert.Equal("metallb-system", MetalLbValues.Namespace);
    }

    [Fact]
    public void Metallb_pool_and_advertisement_specs()
    {
        var pool = MetalLbResources.IPAddressPoolSpec(Public);
        var advertisement = MetalLbResources.L2AdvertisementSpec([Public, Internal]);

        AssertRoundTrips(pool);
        AssertRoundTrips(advertisement);
        Assert.Equal(new object[] { "192.0.2.0/28", "192.0.2.32-192.0.2.40" }, At(pool, "addresses"));
        Assert.Equal(new object[] { "public", "internal" }, At(advertisement, "ipAddressPools"));
        Assert.Equal(("metallb.io/v1beta1", "IPAddressPool", "L2Advertisement"), (MetalLbResources.ApiVersion, MetalLbResources.PoolKind, MetalLbResources.L2Kind));
    }

    [Fact]
    public void Cilium_pool_blocks_use_cidr_or_start_and_stop()
    {
        var spec = CiliumLoadBalancerResources.PoolSpec(Public);

        AssertRoundTrips(spec);
        var blocks = Assert.IsType<object[]>(At(spec, "blocks")).Cast<IReadOnlyDictionary<string, object>>().ToList();
        Assert.Equal("192.0.2.0/28", blocks[0]["cidr"]);
        Assert.Equal(("192.0.2.32", "192.0.2.40"), ((string)blocks[1]["start"], (string)blocks[1]["stop"]));
        Assert.Throws<ArgumentException>(() => CiliumLoadBalancerResources.PoolSpec(new AddressPool { Name = "bad", Addresses = ["nope"] }));
    }

    [Fact]
    public void Cilium_l2_policy_announces_load_balancer_addresses()
    {
        var spec = CiliumLoadBalancerResources.L2PolicySpec();

        AssertRoundTrips(spec);
        Assert.Equal(true, At(spec, "loadBalancerIPs"));
        Assert.Equal(("cilium.io/v2", "cilium.io/v2alpha1"), (CiliumLoadBalancerResources.PoolApiVersion, CiliumLoadBalancerResources.L2PolicyApiVersion));
        Assert.Equal(("CiliumLoadBalancerIPPool", "CiliumL2AnnouncementPolicy"), (CiliumLoadBalancerResources.PoolKind, CiliumLoadBalancerResources.L2PolicyKind));
    }

    [Fact]
    public void Cilium_values_overlay_turns_on_l2_announcements_and_raises_the_rate_limit()
    {
        var overlay = CiliumLoadBalancerResources.CiliumValuesOverlay();

        AssertRoundTrips(overlay);
        Assert.Equal(true, At(overlay, "l2announcements.enabled"));
        Assert.True((int)At(overlay, "k8sClientRateLimit.qps") > 10);
        Assert.True((int)At(overlay, "k8sClientRateLimit.burst") >= (int)At(overlay, "k8sClientRateLimit.qps"));
    }
}
