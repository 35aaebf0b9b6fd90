using System.Text;

namespace Platform.Components.Security.Scanning;

/// <summary>The Job that keeps Harbor's projects configured: Harbor's projects, registry endpoints and their policies
/// are objects of Harbor's API, not of Kubernetes, so a Job runs <see cref="Script"/> against core's in-cluster URL with
/// the admin password from its Secret, after every change of the project list or the script (a Job of another name,
/// <see cref="JobName"/>, so the script runs again). The script looks every object up first (GET/HEAD, then POST only when missing, then PUT
/// of the metadata), so running it again changes nothing.</summary>
public static class HarborSetup
{
    /// <summary>The image the Job runs: Harbor core's own of the chart's appVersion (<c>core.image</c> of chart 1.19.1,
    /// Harbor 2.15.1), which has <c>sh</c> and <c>curl</c> (its Dockerfile's health check calls curl), so the Job pulls
    /// nothing Harbor does not already run.</summary>
    public const string Image = "docker.io/goharbor/harbor-core:v2.15.1";

    /// <summary>The script (<c>harbor-setup.sh</c>, POSIX sh), read from the assembly.</summary>
    public static string Script { get; } = Load();

    /// <summary>The Job's <c>PROJECTS</c> variable: one line per project, <c>name|public|proxyCache|severity</c>
    /// (severity <c>none</c> when pulls are not prevented).</summary>
    public static string Projects(IReadOnlyList<HarborProject> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var text = new StringBuilder();
        foreach (var project in projects)
        {
            if (project.Name.Contains('|', StringComparison.Ordinal) || project.Name.Contains('\n', StringComparison.Ordinal))
                throw new ArgumentException($"'{project.Name}' is not a Harbor project name.", nameof(projects));
            text.Append(project.Name).Append('|')
                .Append(project.Public ? "true" : "false").Append('|')
                .Append(project.ProxyCache ? "true" : "false").Append('|')
                .Append(project.PreventSeverity ?? "none").Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The Job's name: <c>harbor-setup-</c> and 10 hex digits of the SHA-256 of the script, the project list and,
    /// with <paramref name="login"/>, the OIDC settings and members, so a change of any is a Job of another name (Pulumi
    /// creates it, which runs the script, then deletes the old one), and an unchanged list keeps the Job that ran.</summary>
    public static string JobName(IReadOnlyList<HarborProject> projects, Identity.OidcLogin? login = null)
    {
        var text = Script + "\n" + Projects(projects);
        if (login is not null) text += "\n" + OidcConfiguration(login) + "\n" + Members(login);
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return "harbor-setup-" + Convert.ToHexStringLower(hash)[..10];
    }

    /// <summary>The role Harbor gives the edit groups in every project: developer (push and pull).</summary>
    public const int DeveloperRole = 2;

    /// <summary>The role Harbor gives the view groups in every project: guest (pull).</summary>
    public const int GuestRole = 3;

    /// <summary>The Job's <c>OIDC_CONFIGURATION</c>: Harbor's OIDC auth mode settings (<c>PUT /api/v2.0/configurations</c>)
    /// for <paramref name="login"/>, a JSON object without the client secret (the script adds it from the Secret). Users
    /// are named by their email and created at their first login (auto-onboard); the first admin group is Harbor's admin
    /// group (Harbor takes one, <c>oidc_admin_group</c>); the certificate is verified (the internal CA through the chart's
    /// <c>caBundleSecretName</c>).</summary>
    public static string OidcConfiguration(Identity.OidcLogin login)
    {
        ArgumentNullException.ThrowIfNull(login);
        var settings = new System.Text.Json.Nodes.JsonObject
        {
            ["auth_mode"] = "oidc_auth",
            ["oidc_name"] = "Platform single sign-on",
            ["oidc_endpoint"] = login.IssuerUrl,
            ["oidc_client_id"] = login.ClientId,
            ["oidc_scope"] = string.Join(',', login.Scopes),
            ["oidc_verify_cert"] = true,
            ["oidc_auto_onboard"] = true,
            ["oidc_user_claim"] = "email",
            ["oidc_groups_claim"] = login.GroupsClaim,
        };
        if (login.AdminGroups.Count > 0) settings["oidc_admin_group"] = login.AdminGroups[0];
        return settings.ToJsonString();
    }

    /// <summary>The Job's <c>OIDC_MEMBERS</c>: one line per group, <c>group|role id</c>: the edit groups developers, the
    /// view groups guests of every project (an edit group that is a view group too is a developer).</summary>
    public static string Members(Identity.OidcLogin login)
    {
        ArgumentNullException.ThrowIfNull(login);
        var text = new StringBuilder();
        var edit = login.EditGroups.Distinct(StringComparer.Ordinal).ToList();
        foreach (var (group, role) in edit.Select(g => (g, DeveloperRole))
            .Concat(login.ViewGroups.Distinct(StringComparer.Ordinal).Where(g => !edit.Contains(g, StringComparer.Ordinal)).Select(g => (g, GuestRole))))
        {
            if (group.IndexOfAny(['|', '\n', '"', '\\']) >= 0)
                throw new ArgumentException($"'{group}' cannot be a Harbor group member's name (it has |, a quote, a backslash or a line break).", nameof(login));
            text.Append(group).Append('|').Append(role).Append('\n');
        }
        return text.ToString();
    }

    private static string Load()
    {
        using var stream = typeof(HarborSetup).Assembly.GetManifestResourceStream("Platform.Components.Security.Scanning.harbor-setup.sh")
            ?? throw new InvalidOperationException("The embedded harbor-setup.sh is missing.");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
        return reader.ReadToEnd();
    }
}
