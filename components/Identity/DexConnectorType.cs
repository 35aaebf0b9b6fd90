namespace Platform.Components.Identity;

/// <summary>The kinds of upstream identity provider Dex connects to (its connector <c>type</c>s).</summary>
public enum DexConnectorType
{
    /// <summary>LDAP or Active Directory (<c>ldap</c>): Dex binds with a service account and searches users and groups.</summary>
    Ldap,

    /// <summary>An upstream OpenID Connect provider (<c>oidc</c>), e.g. Azure AD / Entra ID, Okta, Google.</summary>
    Oidc,

    /// <summary>A SAML 2.0 identity provider (<c>saml</c>): the browser posts the assertion; Dex never calls the IdP.</summary>
    Saml,

    /// <summary>GitHub or GitHub Enterprise (<c>github</c>), with organisations and teams as groups.</summary>
    GitHub,

    /// <summary>GitLab, gitlab.com or self-managed (<c>gitlab</c>), with groups as groups.</summary>
    GitLab,
}
