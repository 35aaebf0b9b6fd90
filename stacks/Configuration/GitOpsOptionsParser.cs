using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.GitOps;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:gitOps</c>; unknown fields are errors.</summary>
internal static class GitOpsOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private sealed record GitOpsJson(
        [property: JsonPropertyName("host")] string? Host,
        [property: JsonPropertyName("notifications")] bool? Notifications,
        [property: JsonPropertyName("bootstrap")] BootstrapJson? Bootstrap);

    private sealed record BootstrapJson(
        [property: JsonPropertyName("repoUrl")] string? RepoUrl,
        [property: JsonPropertyName("path")] string? Path,
        [property: JsonPropertyName("targetRevision")] string? TargetRevision);

    /// <summary>The gitOps options: the defaults when the key is unset, null when the value is wrong (see the
    /// problems).</summary>
    public static GitOpsOptions? Read(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.GitOps;
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text)) return new GitOpsOptions();
        GitOpsJson json;
        try
        {
            json = JsonSerializer.Deserialize<GitOpsJson>(text, Strict) ?? throw new JsonException("The value is null.");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
            problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
            return null;
        }
        var found = false;
        GitOpsBootstrap? bootstrap = null;
        if (json.Bootstrap is { } b)
        {
            if (string.IsNullOrWhiteSpace(b.RepoUrl))
            {
                problems.Add($"{key.Name}.bootstrap.repoUrl", "is required with bootstrap: the Git repository of the app-of-apps, e.g. https://git.example.com/platform/apps.git.");
                found = true;
            }
            if (string.IsNullOrWhiteSpace(b.Path))
            {
                problems.Add($"{key.Name}.bootstrap.path", "is required with bootstrap: the folder of the repository Argo CD applies, e.g. clusters/prod (. for the root).");
                found = true;
            }
            if (!found)
                bootstrap = new GitOpsBootstrap { RepoUrl = b.RepoUrl!, Path = b.Path!, TargetRevision = b.TargetRevision ?? "HEAD" };
        }
        var options = new GitOpsOptions { Host = json.Host, Notifications = json.Notifications ?? true, Bootstrap = bootstrap };
        foreach (var problem in options.Validate())
        {
            problems.Add(key.Name, problem);
            found = true;
        }
        return found ? null : options;
    }
}
