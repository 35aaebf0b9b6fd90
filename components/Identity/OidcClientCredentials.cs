using Pulumi;

namespace Platform.Components.Identity;

/// <summary>One client of the platform's identity provider: its id and its secret (a Pulumi secret; empty for a public
/// client such as kubelogin, which uses PKCE).</summary>
public sealed record OidcClientCredentials
{
    /// <summary>The client id, e.g. <c>grafana</c>. Required.</summary>
    public required string ClientId { get; init; }

    /// <summary>The client secret, a Pulumi secret (a RandomPassword's result); an empty secret for a public client.
    /// Required.</summary>
    public required Output<string> ClientSecret { get; init; }
}
