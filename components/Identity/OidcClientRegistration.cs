namespace Platform.Components.Identity;

/// <summary>One static client the identity provider registers: a consumer that is on (<see cref="OidcClients"/>' names)
/// and where Dex may send its users back after login.</summary>
public sealed record OidcClientRegistration
{
    /// <summary>The client's name and id, an <see cref="OidcClients"/> constant (e.g. <c>grafana</c>). Required.</summary>
    public required string Name { get; init; }

    /// <summary>The exact redirect URIs Dex accepts for it, e.g. <c>https://grafana.example.com/login/generic_oauth</c>.
    /// Required, at least one.</summary>
    public required IReadOnlyList<string> RedirectUris { get; init; }

    /// <summary>Whether the client is public (no secret; PKCE), as kubelogin on a user's machine is. Default false.</summary>
    public bool Public { get; init; }

    /// <summary>The registration of <see cref="OidcClients.Kubernetes"/>: public, kubelogin's localhost listeners.</summary>
    public static OidcClientRegistration Kubernetes { get; } = new()
    {
        Name = OidcClients.Kubernetes,
        RedirectUris = OidcClients.KubernetesRedirectUris,
        Public = true,
    };

    /// <summary>The registration of web consumer <paramref name="name"/> served at <paramref name="host"/>:
    /// <c>https://&lt;host&gt;&lt;callback path&gt;</c> (<see cref="OidcClients.CallbackPaths"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> has no callback path.</exception>
    public static OidcClientRegistration Web(string name, string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (!OidcClients.CallbackPaths.TryGetValue(name, out var path))
            throw new ArgumentException($"'{name}' is not a web consumer of {nameof(OidcClients)}.", nameof(name));
        return new OidcClientRegistration { Name = name, RedirectUris = [$"https://{host}{path}"] };
    }
}
