using Pulumi;

namespace Platform.Components.Identity;

/// <summary>An OpenID Connect issuer the API server trusts for user logins (one JWT authenticator of its structured
/// authentication configuration): where it is, which tokens it accepts and how claims become the user's name and
/// groups. The authentication layer describes Dex (or Keycloak) with it; the core writes it to the control planes.</summary>
public sealed record OidcIssuer
{
    /// <summary>The issuer URL exactly as the tokens' <c>iss</c> claim has it, e.g. <c>https://dex.example.com</c>; https
    /// only. Required.</summary>
    public required string IssuerUrl { get; init; }

    /// <summary>The client ids a token's <c>aud</c> claim may name (kubelogin's client). Required, at least one.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>The PEM certificate(s) of the CA that signs the issuer's serving certificate, when it is not publicly
    /// trusted (the platform's internal CA); null when the system's trust store verifies it (Let's Encrypt).
    /// Default null.</summary>
    public Input<string>? CertificateAuthorityPem { get; init; }

    /// <summary>The claim that names the user. Default <c>email</c>.</summary>
    public string UsernameClaim { get; init; } = "email";

    /// <summary>The prefix the API server puts before every user name from this issuer (never <c>system:</c>). Default
    /// <c>oidc:</c>.</summary>
    public string UsernamePrefix { get; init; } = "oidc:";

    /// <summary>The claim that lists the user's groups. Default <c>groups</c>.</summary>
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>The prefix the API server puts before every group from this issuer (never <c>system:</c>); RBAC bindings
    /// name groups with it. Default <c>oidc:</c>.</summary>
    public string GroupsPrefix { get; init; } = "oidc:";
}
