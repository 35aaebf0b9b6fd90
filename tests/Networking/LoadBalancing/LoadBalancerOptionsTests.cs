using Platform.Components.Networking.LoadBalancing;

namespace Platform.Tests.Networking.LoadBalancing;

public class LoadBalancerOptionsTests
{
    private static AddressPool Pool(string name, params string[] addresses) => new() { Name = name, Addresses = addresses };

    private static LoadBalancerOptions MetalLb(params AddressPool[] pools) => new() { Provider = LoadBalancerProvider.MetalLb, Pools = pools };

    [Fact]
    public void Defaults_are_metallb_without_pools()
    {
        var options = new LoadBalancerOptions();

        Assert.Equal(LoadBalancerProvider.MetalLb, options.Provider);
        Assert.Empty(options.Pools);
        Assert.Contains("needs at least one address pool", Assert.Single(options.Validate(ciliumIsTheCni: true)), StringComparison.Ordinal);
    }

    [Fact]
    public void Cidrs_and_ranges_in_separate_pools_are_valid()
    {
        var options = MetalLb(Pool("public", "192.0.2.0/28", "192.0.2.32-192.0.2.40"), Pool("internal", "10.10.0.1-10.10.0.1", "198.51.100.0/24"));

        Assert.Empty(options.Validate(ciliumIsTheCni: false));
        Assert.Empty((options with { Provider = LoadBalancerProvider.CiliumL2 }).Validate(ciliumIsTheCni: true));
    }

    [Fact]
    public void A_pool_without_addresses_is_a_problem()
    {
        var problem = Assert.Single(MetalLb(Pool("public")).Validate(ciliumIsTheCni: false));

        Assert.Contains("pools['public']: needs at least one address", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.20-192.0.2.10", "is a range whose start is after its end")]
    [InlineData("192.0.2.1/24", "has host bits set: write the network address 192.0.2.0/24")]
    [InlineData("192.0.2.0/33", "is not an IPv4 CIDR")]
    [InlineData("192.0.2.256-192.0.2.300", "is not an IPv4 CIDR")]
    [InlineData("2001:db8::/64", "is not an IPv4 CIDR")]
    [InlineData("192.0.2.010-192.0.2.20", "is not an IPv4 CIDR")]
    [InlineData("192.0.2.10 - 192.0.2.20", "is not an IPv4 CIDR")]
    [InlineData("192.0.2.10", "is not an IPv4 CIDR")]
    [InlineData("", "is empty")]
    public void Bad_addresses_are_problems(string address, string expected)
    {
        var problem = Assert.Single(MetalLb(Pool("public", address)).Validate(ciliumIsTheCni: false));

        Assert.Contains($"address '{address}' {expected}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_pools_are_a_problem_naming_both()
    {
        var problem = Assert.Single(MetalLb(Pool("public", "192.0.2.0/28"), Pool("internal", "192.0.2.10-192.0.2.20")).Validate(ciliumIsTheCni: false));

        Assert.Contains("pools 'public' and 'internal' overlap ('192.0.2.0/28' and '192.0.2.10-192.0.2.20')", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_addresses_within_a_pool_are_a_problem()
    {
        var problem = Assert.Single(MetalLb(Pool("public", "192.0.2.0/24", "192.0.2.128/25")).Validate(ciliumIsTheCni: false));

        Assert.Contains("pools['public']: addresses '192.0.2.0/24' and '192.0.2.128/25' overlap", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Adjacent_ranges_do_not_overlap() =>
        Assert.Empty(MetalLb(Pool("a", "192.0.2.0-192.0.2.9"), Pool("b", "192.0.2.10-192.0.2.19")).Validate(ciliumIsTheCni: false));

    [Fact]
    public void Duplicate_and_invalid_pool_names_are_problems()
    {
        var problems = MetalLb(Pool("public", "192.0.2.0/28"), Pool("public", "198.51.100.0/28"), Pool("Public_Pool", "203.0.113.0/28")).Validate(ciliumIsTheCni: false);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("name 'public' is used by more than one pool", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("name 'Public_Pool' is not a DNS-1123 label", StringComparison.Ordinal));
    }

    [Fact]
    public void Cilium_l2_without_cilium_says_to_use_metallb()
    {
        var options = new LoadBalancerOptions { Provider = LoadBalancerProvider.CiliumL2, Pools = [Pool("public", "192.0.2.0/28")] };

        var problem = Assert.Single(options.Validate(ciliumIsTheCni: false));
        Assert.Contains("needs Cilium as the CNI; with Calico use metallb", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Cilium_l2_needs_kube_proxy_replacement()
    {
        var options = new LoadBalancerOptions { Provider = LoadBalancerProvider.CiliumL2, Pools = [Pool("public", "192.0.2.0/28")] };

        Assert.Contains("kube-proxy replacement", Assert.Single(options.Validate(ciliumIsTheCni: true, ciliumReplacesKubeProxy: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void None_with_pools_is_a_problem()
    {
        var options = new LoadBalancerOptions { Provider = LoadBalancerProvider.None, Pools = [Pool("public", "192.0.2.0/28")] };

        Assert.Contains("pools ('public') would be unused", Assert.Single(options.Validate(ciliumIsTheCni: true)), StringComparison.Ordinal);
        Assert.Empty(new LoadBalancerOptions { Provider = LoadBalancerProvider.None }.Validate(ciliumIsTheCni: false));
    }

    [Fact]
    public void Unknown_provider_is_a_problem() =>
        Assert.Contains("unknown provider 9", Assert.Single(new LoadBalancerOptions { Provider = (LoadBalancerProvider)9 }.Validate(ciliumIsTheCni: true)), StringComparison.Ordinal);

    [Fact]
    public void Messages_name_providers_as_the_configuration_spells_them()
    {
        var none = new LoadBalancerOptions { Provider = LoadBalancerProvider.None, Pools = [Pool("public", "192.0.2.0/28")] };
        var l2 = new LoadBalancerOptions { Provider = LoadBalancerProvider.CiliumL2, Pools = [Pool("public", "192.0.2.0/28")] };

        Assert.Contains("choose metallb or cilium-l2", Assert.Single(none.Validate(ciliumIsTheCni: true)), StringComparison.Ordinal);
        Assert.StartsWith("loadBalancer: provider cilium-l2 needs Cilium's kube-proxy replacement", Assert.Single(l2.Validate(true, false)), StringComparison.Ordinal);
        Assert.Contains("provider cilium-l2 needs at least one address pool",
            Assert.Single((l2 with { Pools = [] }).Validate(ciliumIsTheCni: true)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.96.0.0/12", new[] { "0:1", "1:0" })]
    [InlineData("10.96.0.5", new[] { "0:1" })]
    [InlineData("192.0.2.15-192.0.2.16", new[] { "0:0", "1:1" })]
    [InlineData("192.0.2.16", new[] { "1:1" })]
    [InlineData("203.0.113.0/24", new string[0])]
    public void Addresses_overlapping_a_range_are_found_by_pool_and_address(string range, string[] expected)
    {
        var options = MetalLb(Pool("public", "192.0.2.0/28", "10.96.0.0/28"), Pool("internal", "10.100.0.1-10.100.0.9", "192.0.2.16/28", "not-an-address"));

        Assert.Equal(expected, options.AddressesOverlapping(range).Select(o => $"{o.Pool}:{o.Address}"));
    }

    [Theory]
    [InlineData("10.96.0.0/33")]
    [InlineData("10.96.0.1/12")]
    [InlineData("fd00::1")]
    [InlineData("")]
    public void A_range_that_is_no_ipv4_block_is_an_argument_error(string range) =>
        Assert.Throws<ArgumentException>(() => MetalLb(Pool("public", "192.0.2.0/28")).AddressesOverlapping(range));
}
