using Platform.Components.Identity;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>One JWT authenticator of the API server's structured authentication configuration
/// (<see cref="AuthenticationConfigRenderer"/>), in plain values: an <see cref="OidcIssuer"/> whose CA is known.</summary>
public sealed record JwtAuthenticatorSpec
{
    /// <summary>The issuer URL, exactly as the tokens' <c>iss</c> claim has it; https only. Required.</summary>
    public required string IssuerUrl { get; init; }

    /// <summary>The client ids a token's <c>aud</c> claim may name; at least one. Required.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>The PEM certificate(s) the issuer's serving certificate is verified with; null for the system's trust
    /// store. Default null.</summary>
    public string? CertificateAuthorityPem { get; init; }

    /// <summary>The claim that names the user. Default <c>email</c>.</summary>
    public string UsernameClaim { get; init; } = "email";

    /// <summary>The prefix of every user name from this issuer. Default <c>oidc:</c>.</summary>
    public string UsernamePrefix { get; init; } = "oidc:";

    /// <summary>The claim that lists the user's groups. Default <c>groups</c>.</summary>
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>The prefix of every group from this issuer. Default <c>oidc:</c>.</summary>
    public string GroupsPrefix { get; init; } = "oidc:";

    /// <summary>The authenticator for <paramref name="issuer"/>, with <paramref name="certificateAuthorityPem"/> (the
    /// resolved value of its <see cref="OidcIssuer.CertificateAuthorityPem"/>, or null) as its CA.</summary>
    public static JwtAuthenticatorSpec From(OidcIssuer issuer, string? certificateAuthorityPem)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return new JwtAuthenticatorSpec
        {
            IssuerUrl = issuer.IssuerUrl,
            Audiences = issuer.Audiences,
            CertificateAuthorityPem = certificateAuthorityPem,
            UsernameClaim = issuer.UsernameClaim,
            UsernamePrefix = issuer.UsernamePrefix,
            GroupsClaim = issuer.GroupsClaim,
            GroupsPrefix = issuer.GroupsPrefix,
        };
    }
}
