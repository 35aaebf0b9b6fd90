using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Platform.Tests.Identity;

// Dex 2.44's configuration types (dexidp/dex cmd/dex/config.go, storage/storage.go Client, connector/*/*.go Config) with
// their exact JSON names, for a strict decode of what the platform renders: a misspelt or unknown field fails.

/// <summary>Dex's <c>Config</c>, the fields the platform writes.</summary>
public sealed record DexConfigDocument(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("storage")] DexStorage Storage,
    [property: JsonPropertyName("web")] DexWeb Web,
    [property: JsonPropertyName("telemetry")] DexWeb Telemetry,
    [property: JsonPropertyName("logger")] DexLogger Logger,
    [property: JsonPropertyName("oauth2")] DexOAuth2 OAuth2,
    [property: JsonPropertyName("expiry")] DexExpiry Expiry,
    [property: JsonPropertyName("enablePasswordDB")] bool EnablePasswordDb,
    [property: JsonPropertyName("connectors")] IReadOnlyList<DexConnectorEntry> Connectors,
    [property: JsonPropertyName("staticClients")] IReadOnlyList<DexStaticClient> StaticClients);

/// <summary><c>Storage</c> with the kubernetes storage's <c>Config</c>.</summary>
public sealed record DexStorage(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("config")] DexKubernetesStorage Config);

/// <summary>storage/kubernetes <c>Config</c>.</summary>
public sealed record DexKubernetesStorage([property: JsonPropertyName("inCluster")] bool InCluster);

/// <summary><c>Web</c> / <c>Telemetry</c>: the listen address.</summary>
public sealed record DexWeb([property: JsonPropertyName("http")] string Http);

/// <summary><c>Logger</c>.</summary>
public sealed record DexLogger(
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("format")] string Format);

/// <summary><c>OAuth2</c>.</summary>
public sealed record DexOAuth2(
    [property: JsonPropertyName("responseTypes")] IReadOnlyList<string> ResponseTypes,
    [property: JsonPropertyName("skipApprovalScreen")] bool SkipApprovalScreen);

/// <summary><c>Expiry</c>.</summary>
public sealed record DexExpiry(
    [property: JsonPropertyName("idTokens")] string IdTokens,
    [property: JsonPropertyName("refreshTokens")] DexRefreshTokens RefreshTokens);

/// <summary><c>RefreshToken</c> expiry.</summary>
public sealed record DexRefreshTokens(
    [property: JsonPropertyName("validIfNotUsedFor")] string ValidIfNotUsedFor,
    [property: JsonPropertyName("absoluteLifetime")] string AbsoluteLifetime);

/// <summary><c>Connector</c>; its config is decoded by type.</summary>
public sealed record DexConnectorEntry(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("config")] JsonObject Config);

/// <summary>storage <c>Client</c>: confidential clients name their secret's variable, public ones have none.</summary>
public sealed record DexStaticClient(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("redirectURIs")] IReadOnlyList<string> RedirectUris,
    [property: JsonPropertyName("secretEnv")] string? SecretEnv = null,
    [property: JsonPropertyName("public")] bool Public = false);

/// <summary>connector/ldap <c>Config</c> (the fields the platform passes).</summary>
public sealed record DexLdapConfig(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("bindDN")] string BindDn,
    [property: JsonPropertyName("bindPW")] string BindPw,
    [property: JsonPropertyName("redirectURI")] string RedirectUri,
    [property: JsonPropertyName("userSearch")] DexLdapUserSearch UserSearch,
    [property: JsonPropertyName("groupSearch")] DexLdapGroupSearch? GroupSearch = null,
    [property: JsonPropertyName("rootCAData")] string? RootCaData = null,
    [property: JsonPropertyName("usernamePrompt")] string? UsernamePrompt = null,
    [property: JsonPropertyName("startTLS")] bool? StartTls = null,
    [property: JsonPropertyName("insecureNoSSL")] bool? InsecureNoSsl = null);

/// <summary>connector/ldap <c>userSearch</c>.</summary>
public sealed record DexLdapUserSearch(
    [property: JsonPropertyName("baseDN")] string BaseDn,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("idAttr")] string IdAttr,
    [property: JsonPropertyName("emailAttr")] string EmailAttr,
    [property: JsonPropertyName("nameAttr")] string NameAttr,
    [property: JsonPropertyName("filter")] string? Filter = null,
    [property: JsonPropertyName("preferredUsernameAttr")] string? PreferredUsernameAttr = null);

/// <summary>connector/ldap <c>groupSearch</c>.</summary>
public sealed record DexLdapGroupSearch(
    [property: JsonPropertyName("baseDN")] string BaseDn,
    [property: JsonPropertyName("nameAttr")] string NameAttr,
    [property: JsonPropertyName("userMatchers")] IReadOnlyList<DexLdapUserMatcher> UserMatchers,
    [property: JsonPropertyName("filter")] string? Filter = null);

/// <summary>connector/ldap <c>UserMatcher</c>.</summary>
public sealed record DexLdapUserMatcher(
    [property: JsonPropertyName("userAttr")] string UserAttr,
    [property: JsonPropertyName("groupAttr")] string GroupAttr);

/// <summary>connector/oidc <c>Config</c> (the fields the platform's tests use).</summary>
public sealed record DexOidcConfig(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("clientID")] string ClientId,
    [property: JsonPropertyName("clientSecret")] string ClientSecret,
    [property: JsonPropertyName("redirectURI")] string RedirectUri,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string>? Scopes = null,
    [property: JsonPropertyName("getUserInfo")] bool? GetUserInfo = null,
    [property: JsonPropertyName("insecureEnableGroups")] bool? InsecureEnableGroups = null);

/// <summary>connector/saml <c>Config</c> (the fields the platform's tests use).</summary>
public sealed record DexSamlConfig(
    [property: JsonPropertyName("ssoURL")] string SsoUrl,
    [property: JsonPropertyName("caData")] string CaData,
    [property: JsonPropertyName("usernameAttr")] string UsernameAttr,
    [property: JsonPropertyName("emailAttr")] string EmailAttr,
    [property: JsonPropertyName("redirectURI")] string RedirectUri,
    [property: JsonPropertyName("groupsAttr")] string? GroupsAttr = null);

/// <summary>connector/github <c>Config</c> (the fields the platform's tests use).</summary>
public sealed record DexGitHubConfig(
    [property: JsonPropertyName("clientID")] string ClientId,
    [property: JsonPropertyName("clientSecret")] string ClientSecret,
    [property: JsonPropertyName("redirectURI")] string RedirectUri,
    [property: JsonPropertyName("orgs")] IReadOnlyList<DexGitHubOrg>? Orgs = null,
    [property: JsonPropertyName("hostName")] string? HostName = null);

/// <summary>connector/github <c>Org</c>.</summary>
public sealed record DexGitHubOrg(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("teams")] IReadOnlyList<string>? Teams = null);

/// <summary>connector/gitlab <c>Config</c>.</summary>
public sealed record DexGitLabConfig(
    [property: JsonPropertyName("clientID")] string ClientId,
    [property: JsonPropertyName("clientSecret")] string ClientSecret,
    [property: JsonPropertyName("redirectURI")] string RedirectUri,
    [property: JsonPropertyName("baseURL")] string? BaseUrl = null,
    [property: JsonPropertyName("groups")] IReadOnlyList<string>? Groups = null);
