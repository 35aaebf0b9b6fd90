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

    /// <summary>The Job's name: <c>harbor-setup-</c> and 10 hex digits of the SHA-256 of the script and the project list,
    /// so a change of either is a Job of another name (Pulumi creates it, which runs the script, then deletes the old
    /// one), and an unchanged list keeps the Job that ran.</summary>
    public static string JobName(IReadOnlyList<HarborProject> projects)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Script + "\n" + Projects(projects)));
        return "harbor-setup-" + Convert.ToHexStringLower(hash)[..10];
    }

    private static string Load()
    {
        using var stream = typeof(HarborSetup).Assembly.GetManifestResourceStream("Platform.Components.Security.Scanning.harbor-setup.sh")
            ?? throw new InvalidOperationException("The embedded harbor-setup.sh is missing.");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
        return reader.ReadToEnd();
    }
}
