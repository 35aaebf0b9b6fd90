using System.Net;
using Platform.Stacks.Configuration;
using Xunit;

namespace Platform.Tests.Configuration;

public class ApiEndpointTests
{
    [Theory]
    [InlineData("10.0.0.10", "10.0.0.10", 6443)]
    [InlineData("10.0.0.10:443", "10.0.0.10", 443)]
    [InlineData("k8s-api.example.internal", "k8s-api.example.internal", 6443)]
    [InlineData("K8s-API.example.internal:8443", "K8s-API.example.internal", 8443)]
    [InlineData("api:1", "api", 1)]
    [InlineData("api:65535", "api", 65535)]
    public void ParsesHostAndOptionalPort(string text, string host, int port)
    {
        var endpoint = ApiEndpoint.Parse(text);

        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal($"{host}:{port}", endpoint.ToString());
        Assert.Equal($"https://{host}:{port}", endpoint.Url);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(":6443")]
    [InlineData("api:0")]
    [InlineData("api:65536")]
    [InlineData("api:http")]
    [InlineData("api:+1")]
    [InlineData("https://api:6443")]
    [InlineData("::1")]
    [InlineData("[::1]:6443")]
    [InlineData("api_server")]
    [InlineData("-api")]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.999")]
    public void RejectsInvalidEndpoints(string? text)
    {
        Assert.False(ApiEndpoint.TryParse(text, out var endpoint));
        Assert.Null(endpoint);
    }

    [Fact]
    public void HostAddressIsSetOnlyForIpv4Hosts()
    {
        Assert.Equal(IPAddress.Parse("10.0.0.10"), ApiEndpoint.Parse("10.0.0.10").HostAddress);
        Assert.Null(ApiEndpoint.Parse("api.example.internal").HostAddress);
    }

    [Fact]
    public void ConstructorValidates()
    {
        Assert.Equal(6443, new ApiEndpoint("api").Port);
        Assert.Throws<ArgumentException>(() => new ApiEndpoint("not a host"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApiEndpoint("api", 0));
    }
}
