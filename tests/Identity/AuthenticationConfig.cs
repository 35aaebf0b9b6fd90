using Platform.Tests.Configuration;

namespace Platform.Tests.Identity;

/// <summary>ValidConfig with the authentication capability on: Dex at dex.platform-prod.example.com in front of an LDAP
/// directory (secret in platform:authenticationSecrets), a group per role, certificates from the internal CA.</summary>
internal static class AuthenticationConfig
{
    public const string Host = "dex.platform-prod.example.com";

    public const string LdapSecret = "ldap-bind-password-value";

    public const string Ldap = """
        {"id": "corp-ldap", "type": "ldap", "name": "Corporate directory", "config": {"host": "ldap.example.com:636",
         "bindDN": "cn=dex,dc=example,dc=com", "userSearch": {"baseDN": "ou=people,dc=example,dc=com", "username": "uid",
         "idAttr": "uid", "emailAttr": "mail", "nameAttr": "cn"},
         "groupSearch": {"baseDN": "ou=groups,dc=example,dc=com", "nameAttr": "cn", "userMatchers": [{"userAttr": "DN", "groupAttr": "member"}]}}}
        """;

    public static string Authentication(string connectors = $"[{Ldap}]", string extra = "") =>
        $$"""{"host": "{{Host}}", "connectors": {{connectors}}, "rbac": {"platform-admins": "cluster-admin", "developers": "edit", "auditors": "view"}{{extra}}}""";

    /// <summary>ValidConfig with authentication on; <paramref name="edit"/> changes it further.</summary>
    public static Dictionary<string, string> Values(Action<Dictionary<string, string>>? edit = null)
    {
        var values = ValidConfig.Values();
        values["capabilities"] = """{"certificates": true, "authentication": true}""";
        values["certificates"] = """{"letsEncrypt": false}""";
        values["authentication"] = Authentication();
        values["authenticationSecrets"] = $$"""{"corp-ldap": "{{LdapSecret}}"}""";
        edit?.Invoke(values);
        return values;
    }
}
