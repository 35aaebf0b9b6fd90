using Pulumi;

namespace Platform.Components.Identity;

/// <summary>What a platform UI needs to sign its users in through the platform's identity provider (Dex, or Keycloak):
/// the issuer, the CA to verify it, its own client credentials, and which groups get which rights. Layers get it from
/// the composition (null when the authentication capability is off: they then keep their local logins).</summary>
public sealed record IdentityProvider
{
    /// <summary>The issuer URL (the discovery document is at <c>/.well-known/openid-configuration</c> under it), e.g.
    /// <c>https://dex.example.com</c>. Required.</summary>
    public required string IssuerUrl { get; init; }

    /// <summary>The namespace the identity provider runs in (for a consumer's egress allowance). Default <c>dex</c>.</summary>
    public string Namespace { get; init; } = "dex";

    /// <summary>The PEM certificate of the CA that signs the issuer's serving certificate when it is the platform's
    /// internal CA (consumers must trust it); null when it is publicly trusted (Let's Encrypt). Default null.</summary>
    public Output<string>? CertificateAuthorityPem { get; init; }

    /// <summary>Each consumer's client, by <see cref="OidcClients"/> name; only the consumers that are on. Required.</summary>
    public required IReadOnlyDictionary<string, OidcClientCredentials> Clients { get; init; }

    /// <summary>The claim that lists a user's groups in the ID token. Default <c>groups</c>.</summary>
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>The prefix the API server puts before the groups of this provider's tokens
    /// (<see cref="OidcIssuer.GroupsPrefix"/>, from the same setting): what a Kubernetes RoleBinding names them with
    /// (<c>&lt;prefix&gt;&lt;group&gt;</c>). The UIs' own role mappings use the groups as the token names them. Required.</summary>
    public required string GroupsPrefix { get; init; }

    /// <summary>The scopes a consumer asks for. Default <c>openid</c>, <c>email</c>, <c>profile</c>, <c>groups</c>,
    /// <c>offline_access</c>.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["openid", "email", "profile", "groups", "offline_access"];

    /// <summary>The groups (as the token names them, without the API server's prefix) that administer the platform
    /// (cluster-admin; admin in every UI). Default none.</summary>
    public IReadOnlyList<string> AdminGroups { get; init; } = [];

    /// <summary>The groups that may change workloads cluster-wide (edit; editor in the UIs). Default none.</summary>
    public IReadOnlyList<string> EditGroups { get; init; } = [];

    /// <summary>The groups that may look at everything (view; viewer in the UIs). Default none.</summary>
    public IReadOnlyList<string> ViewGroups { get; init; } = [];

    /// <summary>The resource a consumer waits for (the identity provider's release). Required.</summary>
    public required Resource Ready { get; init; }
}
