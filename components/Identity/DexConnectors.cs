using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Components.Identity;

/// <summary>What each <see cref="DexConnectorType"/> takes: its Dex type name, the settings the platform passes through
/// (Dex 2.44's connector <c>Config</c> fields, dexidp/dex connector/&lt;type&gt;/&lt;type&gt;.go), the ones it requires,
/// its one secret field, and the port Dex reaches the provider on. The redirect URI is always the platform's
/// (<c>https://&lt;host&gt;/callback</c>), so it is not a setting; file paths (<c>rootCA</c>, <c>rootCAs</c>,
/// <c>clientCert</c>) are not either, as nothing mounts files into Dex: use <c>rootCAData</c> / <c>caData</c>.</summary>
public static partial class DexConnectors
{
    /// <summary>Dex's name of <paramref name="type"/>: <c>ldap</c>, <c>oidc</c>, <c>saml</c>, <c>github</c>, <c>gitlab</c>.</summary>
    public static string TypeName(DexConnectorType type) => type switch
    {
        DexConnectorType.Ldap => "ldap",
        DexConnectorType.Oidc => "oidc",
        DexConnectorType.Saml => "saml",
        DexConnectorType.GitHub => "github",
        DexConnectorType.GitLab => "gitlab",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown connector type."),
    };

    /// <summary>The type whose Dex name is <paramref name="name"/> (case-insensitive), or null.</summary>
    public static DexConnectorType? Parse(string name) =>
        Enum.GetValues<DexConnectorType>().Select(t => (DexConnectorType?)t).FirstOrDefault(t => string.Equals(TypeName(t!.Value), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The settings of <paramref name="type"/> the platform passes to Dex.</summary>
    public static IReadOnlyList<string> AllowedSettings(DexConnectorType type) => type switch
    {
        DexConnectorType.Ldap => ["host", "insecureNoSSL", "insecureSkipVerify", "startTLS", "rootCAData", "bindDN", "usernamePrompt", "userSearch", "groupSearch"],
        DexConnectorType.Oidc => ["issuer", "clientID", "scopes", "hostedDomains", "insecureSkipEmailVerified", "insecureEnableGroups", "allowedGroups",
            "getUserInfo", "userIDKey", "userNameKey", "promptType", "overrideClaimMapping", "claimMapping", "basicAuthUnsupported", "acrValues", "providerDiscoveryOverrides"],
        DexConnectorType.Saml => ["ssoURL", "caData", "entityIssuer", "ssoIssuer", "usernameAttr", "emailAttr", "groupsAttr", "groupsDelim", "allowedGroups",
            "filterGroups", "nameIDPolicyFormat"],
        DexConnectorType.GitHub => ["clientID", "orgs", "hostName", "teamNameField", "loadAllGroups", "useLoginAsID", "preferredEmailDomain"],
        DexConnectorType.GitLab => ["clientID", "baseURL", "groups", "useLoginAsID", "getGroupsPermission"],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown connector type."),
    };

    /// <summary>The settings <paramref name="type"/> cannot do without.</summary>
    public static IReadOnlyList<string> RequiredSettings(DexConnectorType type) => type switch
    {
        DexConnectorType.Ldap => ["host", "bindDN", "userSearch"],
        DexConnectorType.Oidc => ["issuer", "clientID"],
        DexConnectorType.Saml => ["ssoURL", "caData", "usernameAttr", "emailAttr"],
        DexConnectorType.GitHub => ["clientID"],
        DexConnectorType.GitLab => ["clientID"],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown connector type."),
    };

    /// <summary>The connector's secret field as Dex names it (LDAP's bind password <c>bindPW</c>, the OAuth client secret
    /// <c>clientSecret</c>), or null for SAML, which has none (the IdP's signature is checked against <c>caData</c>).</summary>
    public static string? SecretField(DexConnectorType type) => type switch
    {
        DexConnectorType.Ldap => "bindPW",
        DexConnectorType.Saml => null,
        _ => "clientSecret",
    };

    /// <summary>The environment variable that holds connector <paramref name="id"/>'s secret in Dex's pod, e.g.
    /// <c>DEX_CONNECTOR_CORP_LDAP</c>; Dex expands <c>$NAME</c> in every string of a connector's config (feature flag
    /// <c>DEX_EXPAND_ENV</c>, on by default: dexidp/dex cmd/dex/config.go <c>Connector.UnmarshalJSON</c>).</summary>
    public static string EnvironmentVariable(string id) => "DEX_CONNECTOR_" + id.ToUpperInvariant().Replace('-', '_');

    /// <summary>The TCP port Dex reaches the provider on, or null when it never does (SAML). LDAP: the port in
    /// <c>host</c>, else 389 with <c>insecureNoSSL</c> and 636 otherwise (Dex's own default); OIDC and GitLab: the port of
    /// <c>issuer</c> / <c>baseURL</c>, else 443; GitHub: 443.</summary>
    public static int? EgressPort(DexConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var settings = connector.Settings;
        switch (connector.Type)
        {
            case DexConnectorType.Ldap:
                var host = settings.GetValueOrDefault("host") as string ?? "";
                var colon = host.LastIndexOf(':');
                if (colon > 0 && int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)) return port;
                return settings.GetValueOrDefault("insecureNoSSL") is true ? 389 : 636;
            case DexConnectorType.Oidc:
                return UrlPort(settings.GetValueOrDefault("issuer") as string);
            case DexConnectorType.GitLab:
                return UrlPort(settings.GetValueOrDefault("baseURL") as string);
            case DexConnectorType.GitHub:
                return 443;
            default:
                return null;
        }
    }

    private static int UrlPort(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsDefaultPort ? uri.Port : 443;

    /// <summary>What is wrong with <paramref name="connector"/>, each a sentence naming the setting and the fix; empty
    /// when it is fine.</summary>
    public static IReadOnlyList<string> Validate(DexConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var problems = new List<string>();
        var type = TypeName(connector.Type);
        if (!Id().IsMatch(connector.Id))
            problems.Add($"id '{connector.Id}' must be 1 to 40 lowercase letters, digits or '-', starting with a letter (e.g. corp-ldap).");
        var allowed = AllowedSettings(connector.Type);
        foreach (var name in connector.Settings.Keys.Where(n => !allowed.Contains(n, StringComparer.Ordinal)))
        {
            var why = name == SecretField(connector.Type)
                ? $"{name} is the connector's secret: put it in platform:authenticationSecrets under \"{connector.Id}\", never in plain configuration"
                : name == "redirectURI"
                    ? "redirectURI is always https://<authentication.host>/callback, set by the platform"
                    : $"{name} is not a setting of the {type} connector the platform passes on (use {string.Join(", ", allowed)})";
            problems.Add($"{why}.");
        }
        foreach (var name in RequiredSettings(connector.Type).Where(n => !connector.Settings.ContainsKey(n)))
            problems.Add($"the {type} connector needs {name}.");
        foreach (var (path, text) in Strings(connector.Settings, ""))
        {
            // Dex expands $NAME in every string of a connector's config: a literal $ would silently become something else.
            if (text.Contains('$', StringComparison.Ordinal))
                problems.Add($"{path.TrimStart('.')} contains '$', which Dex would expand as an environment variable. Remove it (a secret goes in platform:authenticationSecrets).");
        }
        switch (connector.Type)
        {
            case DexConnectorType.Oidc when connector.Settings.GetValueOrDefault("issuer") is string issuer && !IsHttps(issuer):
                problems.Add($"issuer '{issuer}' must be an https URL (Dex fetches the provider's keys from it).");
                break;
            case DexConnectorType.GitLab when connector.Settings.GetValueOrDefault("baseURL") is string baseUrl && !IsHttps(baseUrl):
                problems.Add($"baseURL '{baseUrl}' must be an https URL.");
                break;
            case DexConnectorType.Saml when connector.Settings.GetValueOrDefault("ssoURL") is string sso && !IsHttps(sso):
                problems.Add($"ssoURL '{sso}' must be an https URL.");
                break;
            case DexConnectorType.Ldap when connector.Settings.GetValueOrDefault("insecureNoSSL") is true && connector.Settings.GetValueOrDefault("startTLS") is not true:
                problems.Add("insecureNoSSL without startTLS sends the bind password and users' passwords in clear text. Use ldaps (port 636, the default) or set startTLS true.");
                break;
        }
        if (connector.Type == DexConnectorType.Ldap && connector.Settings.GetValueOrDefault("insecureSkipVerify") is true)
            problems.Add("insecureSkipVerify accepts any server certificate. Give the directory's CA in rootCAData (base64 of its PEM) instead.");
        return problems;
    }

    private static bool IsHttps(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;

    private static IEnumerable<(string Path, string Text)> Strings(object value, string path)
    {
        switch (value)
        {
            case string text:
                yield return (path, text);
                break;
            case IReadOnlyDictionary<string, object> map:
                foreach (var (key, item) in map)
                    foreach (var found in Strings(item, $"{path}.{key}")) yield return found;
                break;
            case IEnumerable<object> list:
                var i = 0;
                foreach (var item in list)
                    foreach (var found in Strings(item, $"{path}[{i++}]")) yield return found;
                break;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex Id();
}
