using System.Net;
using Platform.Stacks.Configuration;
using Xunit;

namespace Platform.Tests.Configuration;

public class Ipv4CidrTests
{
    [Theory]
    [InlineData("10.244.0.0/16", "10.244.0.0", 16, 65536L)]
    [InlineData(" 192.168.1.0/24 ", "192.168.1.0", 24, 256L)]
    [InlineData("0.0.0.0/0", "0.0.0.0", 0, 4294967296L)]
    [InlineData("10.0.0.1/32", "10.0.0.1", 32, 1L)]
    public void ParsesValidRanges(string text, string network, int prefix, long count)
    {
        var cidr = Ipv4Cidr.Parse(text);

        Assert.Equal(IPAddress.Parse(network), cidr.Network);
        Assert.Equal(prefix, cidr.PrefixLength);
        Assert.Equal(count, cidr.AddressCount);
        Assert.Equal($"{network}/{prefix}", cidr.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.244.0.0")]
    [InlineData("10.244.0.0/")]
    [InlineData("10.244.0.0/x")]
    [InlineData("10.244.0.0/-1")]
    [InlineData("10.244.0.0/33")]
    [InlineData("10.244.0/16")]
    [InlineData("10.244.00.0/16")]
    [InlineData("256.0.0.0/8")]
    [InlineData("10.244.1.0/16")]
    [InlineData("fd00::/64")]
    public void RejectsInvalidRanges(string? text)
    {
        Assert.False(Ipv4Cidr.TryParse(text, out var cidr));
        Assert.Null(cidr);
    }

    [Fact]
    public void ParseExplainsTheProblem()
    {
        var exception = Assert.Throws<FormatException>(() => Ipv4Cidr.Parse("10.244.1.0/16"));

        Assert.Equal("'10.244.1.0/16' has host bits set; the range it lies in is 10.244.0.0/16.", exception.Message);
    }

    [Theory]
    [InlineData("10.96.0.0/12", "10.96.0.1", true)]
    [InlineData("10.96.0.0/12", "10.111.255.255", true)]
    [InlineData("10.96.0.0/12", "10.112.0.0", false)]
    [InlineData("10.96.0.0/12", "10.95.255.255", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "fd00::1", false)]
    public void ContainsChecksTheNetworkBits(string range, string address, bool expected)
    {
        Assert.Equal(expected, Ipv4Cidr.Parse(range).Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.96.0.0/12", "10.96.0.0/16", true)]
    [InlineData("10.96.0.0/16", "10.96.0.0/12", true)]
    [InlineData("10.96.0.0/12", "10.111.0.0/24", true)]
    [InlineData("10.96.0.0/12", "10.244.0.0/16", false)]
    [InlineData("10.244.0.0/16", "10.245.0.0/16", false)]
    [InlineData("0.0.0.0/0", "192.168.0.0/16", true)]
    public void OverlapsIsSymmetricAndExact(string a, string b, bool expected)
    {
        var (left, right) = (Ipv4Cidr.Parse(a), Ipv4Cidr.Parse(b));

        Assert.Equal(expected, left.Overlaps(right));
        Assert.Equal(expected, right.Overlaps(left));
    }

    [Fact]
    public void AddressAtCountsFromTheNetworkAddress()
    {
        var services = Ipv4Cidr.Parse("10.96.0.0/12");

        Assert.Equal(IPAddress.Parse("10.96.0.1"), services.AddressAt(1));
        Assert.Equal(IPAddress.Parse("10.96.0.10"), services.AddressAt(10));
        Assert.Equal(IPAddress.Parse("10.111.255.255"), services.AddressAt(services.AddressCount - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddressAt(services.AddressCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddressAt(-1));
    }

    [Fact]
    public void EqualityIsByValue()
    {
        Assert.Equal(Ipv4Cidr.Parse("10.244.0.0/16"), Ipv4Cidr.Parse(" 10.244.0.0/16"));
        Assert.NotEqual(Ipv4Cidr.Parse("10.244.0.0/16"), Ipv4Cidr.Parse("10.244.0.0/17"));
    }
}
