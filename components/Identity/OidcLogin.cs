using System.Text;

namespace Platform.Components.Identity;

/// <summary>The non-secret facts one UI signs its users in with (a pure renderer's input): the issuer, the UI's client id,
/// the scopes, the groups claim, which groups get which rights, and whether the issuer's certificate is the platform's
/// internal CA's (the UI must then trust that CA). Made from the <see cref="IdentityProvider"/> by <see cref="For"/>;
/// the client secret stays in the provider's <see cref="OidcClientCredentials"/>.</summary>
public sealed record OidcLogin
{
    /// <summary>The issuer URL, e.g. <c>https://dex.example.com</c> (no trailing slash). Required.</summary>
    public required string IssuerUrl { get; init; }

    /// <summary>The UI's client id. Required.</summary>
    public required string ClientId { get; init; }

    /// <summary>The scopes the UI asks for. Default <c>openid</c>, <c>email</c>, <c>profile</c>, <c>groups</c>,
    /// <c>offline_access</c>.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["openid", "email", "profile", "groups", "offline_access"];

    /// <summary>The claim that lists the user's groups. Default <c>groups</c>.</summary>
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>Groups whose members administer the UI. Default none.</summary>
    public IReadOnlyList<string> AdminGroups { get; init; } = [];

    /// <summary>Groups whose members edit in the UI. Default none.</summary>
    public IReadOnlyList<string> EditGroups { get; init; } = [];

    /// <summary>Groups whose members only look. Default none.</summary>
    public IReadOnlyList<string> ViewGroups { get; init; } = [];

    /// <summary>Whether the issuer's serving certificate is signed by the platform's internal CA (the UI then verifies it
    /// against <see cref="IdentityProvider.CertificateAuthorityPem"/>). Default false.</summary>
    public bool PrivateCa { get; init; }

    /// <summary>Whether any group is given a right.</summary>
    public bool MapsGroups => AdminGroups.Count + EditGroups.Count + ViewGroups.Count > 0;

    /// <summary>The login of <paramref name="client"/> (an <see cref="OidcClients"/> name) at <paramref name="identity"/>.</summary>
    /// <exception cref="ArgumentException">The identity provider has no such client: the authentication layer registers one
    /// only for the consumers whose host is set, so the UI and the registration list disagree.</exception>
    public static OidcLogin For(IdentityProvider identity, string client)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrEmpty(client);
        if (!identity.Clients.TryGetValue(client, out var credentials))
        {
            throw new ArgumentException($"The identity provider has no '{client}' client, but {client} is exposed and would sign its users in " +
                "through it: the authentication layer's client registrations must list it (with its host's callback URL).", nameof(client));
        }
        return new OidcLogin
        {
            IssuerUrl = identity.IssuerUrl.TrimEnd('/'),
            ClientId = credentials.ClientId,
            Scopes = identity.Scopes,
            GroupsClaim = identity.GroupsClaim,
            AdminGroups = identity.AdminGroups,
            EditGroups = identity.EditGroups,
            ViewGroups = identity.ViewGroups,
            PrivateCa = identity.CertificateAuthorityPem is not null,
        };
    }

    /// <summary>A JMESPath expression (Grafana's <c>role_attribute_path</c>) that gives the first of
    /// <paramref name="roles"/> whose groups hold one of the user's groups, and null (no role) when none does.</summary>
    public string RoleExpression(IReadOnlyList<(IReadOnlyList<string> Groups, string Role)> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var claim = IsIdentifier(GroupsClaim) ? GroupsClaim : "\"" + GroupsClaim.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var text = new StringBuilder();
        foreach (var (groups, role) in roles.Where(r => r.Groups.Count > 0))
        {
            if (text.Length > 0) text.Append(" || ");
            text.Append('(')
                .AppendJoin(" || ", groups.Select(g => $"contains({claim}[*], {Literal(g)})"))
                .Append(") && ").Append(Literal(role));
        }
        return text.ToString();
    }

    // A JMESPath raw string literal: 'text', with ' and \ escaped.
    private static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
