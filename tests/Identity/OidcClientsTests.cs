using Platform.Components.Identity;

namespace Platform.Tests.Identity;

/// <summary>The one place a web consumer's redirect URI is made: what Dex registers and what the consumer sends.</summary>
public class OidcClientsTests
{
    [Theory]
    [InlineData(OidcClients.Grafana, "grafana.example.com", "https://grafana.example.com/login/generic_oauth")]
    [InlineData(OidcClients.OpenSearchDashboards, "logs.example.com", "https://logs.example.com/auth/openid/login")]
    [InlineData(OidcClients.Harbor, "harbor.example.com", "https://harbor.example.com/c/oidc/callback")]
    [InlineData(OidcClients.ArgoCd, "argocd.example.com", "https://argocd.example.com/auth/callback")]
    [InlineData(OidcClients.Headlamp, "headlamp.example.com", "https://headlamp.example.com/oidc-callback")]
    public void A_web_consumers_redirect_uri_is_its_callback_path_under_its_host_over_https(string client, string host, string expected)
    {
        Assert.Equal(expected, OidcClients.RedirectUri(client, host));
        Assert.Equal([expected], OidcClientRegistration.Web(client, host).RedirectUris);
    }

    [Theory]
    [InlineData(OidcClients.Kubernetes)]
    [InlineData("gitea")]
    public void A_client_without_a_callback_path_is_refused_by_name(string client)
    {
        var error = Assert.Throws<ArgumentException>(() => OidcClients.RedirectUri(client, "example.com"));
        Assert.Contains($"'{client}'", error.Message, StringComparison.Ordinal);
        Assert.Equal("clientName", error.ParamName);
        Assert.Throws<ArgumentException>(() => OidcClientRegistration.Web(client, "example.com"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_empty_host_is_refused(string host)
    {
        Assert.Throws<ArgumentException>(() => OidcClients.RedirectUri(OidcClients.Grafana, host));
    }
}
