using Platform.Components.Networking.Certificates;

namespace Platform.Tests.Networking.Certificates;

public class CertificateOptionsTests
{
    internal static readonly Rfc2136Settings Bind = new()
    {
        Nameserver = "ns1.example.com:53",
        TsigKeyName = "cert-manager.example.com.",
    };

    internal static readonly CertificateOptions Http01 = new() { AcmeEmail = "platform@example.com" };

    internal static readonly CertificateOptions Dns01 = Http01 with { Challenge = AcmeChallenge.Dns01Rfc2136, Rfc2136 = Bind };

    [Fact]
    public void Defaults_enable_both_issuers_with_http01()
    {
        var options = new CertificateOptions();

        Assert.True(options.LetsEncrypt);
        Assert.True(options.InternalCa);
        Assert.Equal(AcmeChallenge.Http01, options.Challenge);
        Assert.Equal(2, options.Replicas);
        Assert.False(options.ServiceMonitor);
        Assert.Equal(TsigAlgorithms.HmacSha256, Bind.TsigAlgorithm);
    }

    [Fact]
    public void Valid_options_have_no_problems()
    {
        Assert.Empty(Http01.Validate());
        Assert.Empty(Dns01.Validate());
        Assert.Empty(new CertificateOptions { LetsEncrypt = false }.Validate());
    }

    [Fact]
    public void Acme_without_email_is_a_problem()
    {
        var problem = Assert.Single(new CertificateOptions().Validate());
        Assert.Contains("acmeEmail is required", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("platform")]
    [InlineData("platform@")]
    [InlineData("@example.com")]
    [InlineData("platform@localhost")]
    [InlineData("platform team@example.com")]
    [InlineData("platform@exa_mple.com")]
    public void Bad_email_is_a_problem(string email)
    {
        var problem = Assert.Single((Http01 with { AcmeEmail = email }).Validate());
        Assert.Contains("not a valid email address", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Dns01_without_rfc2136_settings_is_a_problem()
    {
        var problem = Assert.Single((Dns01 with { Rfc2136 = null }).Validate());
        Assert.Contains("challenge Dns01Rfc2136 needs rfc2136", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HMACMD5")]
    [InlineData("HMACSHA1")]
    [InlineData("hmacsha256")]
    [InlineData("hmac-sha256")]
    [InlineData("")]
    public void Unsupported_tsig_algorithm_is_a_problem(string algorithm)
    {
        var problem = Assert.Single((Dns01 with { Rfc2136 = Bind with { TsigAlgorithm = algorithm } }).Validate());
        Assert.Contains("rfc2136.tsigAlgorithm", problem, StringComparison.Ordinal);
        Assert.Contains("HMACSHA256, HMACSHA512", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ns1.example.com")]
    [InlineData("ns1.example.com:5353")]
    [InlineData("192.0.2.53")]
    [InlineData("192.0.2.53:53")]
    [InlineData("[2001:db8::53]")]
    [InlineData("[2001:db8::53]:53")]
    public void Nameserver_accepts_host_and_host_port(string nameserver) =>
        Assert.Empty((Dns01 with { Rfc2136 = Bind with { Nameserver = nameserver } }).Validate());

    [Theory]
    [InlineData("")]
    [InlineData("ns1.example.com:")]
    [InlineData("ns1.example.com:0")]
    [InlineData("ns1.example.com:65536")]
    [InlineData("ns1.example.com:dns")]
    [InlineData("2001:db8::53")]
    [InlineData("[ns1.example.com]:53")]
    [InlineData("-ns1.example.com")]
    [InlineData("https://ns1.example.com")]
    public void Bad_nameserver_is_a_problem(string nameserver)
    {
        var problem = Assert.Single((Dns01 with { Rfc2136 = Bind with { Nameserver = nameserver } }).Validate());
        Assert.Contains("rfc2136.nameserver", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("key name")]
    [InlineData(".cert-manager")]
    [InlineData("cert-manager..example")]
    public void Bad_tsig_key_name_is_a_problem(string keyName)
    {
        var problem = Assert.Single((Dns01 with { Rfc2136 = Bind with { TsigKeyName = keyName } }).Validate());
        Assert.Contains("rfc2136.tsigKeyName", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Http01_with_rfc2136_settings_is_a_problem()
    {
        var problem = Assert.Single((Http01 with { Rfc2136 = Bind }).Validate());
        Assert.Contains("would be ignored", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void No_issuer_at_all_is_a_problem()
    {
        var problem = Assert.Single(new CertificateOptions { LetsEncrypt = false, InternalCa = false }.Validate());
        Assert.Contains("nothing to issue", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_replicas_and_unknown_challenge_are_problems()
    {
        var problems = (Http01 with { Replicas = 0, Challenge = (AcmeChallenge)7 }).Validate();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("replicas is 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("challenge 7", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new CertificateOptions
        {
            AcmeEmail = "nope",
            Challenge = AcmeChallenge.Dns01Rfc2136,
            Rfc2136 = new Rfc2136Settings { Nameserver = "bad host", TsigKeyName = "", TsigAlgorithm = "HMACMD5" },
        };

        Assert.Equal(4, options.Validate().Count);
    }
}
