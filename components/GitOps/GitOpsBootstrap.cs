using System.Text.RegularExpressions;

namespace Platform.Components.GitOps;

/// <summary>The app-of-apps Application of <c>platform:gitOps.bootstrap</c>: a folder of a Git repository whose
/// manifests (usually more Applications) Argo CD applies to the cluster and keeps in sync.</summary>
public sealed partial record GitOpsBootstrap
{
    /// <summary>The repository's URL: <c>https://host/path</c>, <c>ssh://user@host/path</c> or the scp-like
    /// <c>user@host:path</c>. Its credentials, when it needs any, are the secret
    /// <c>platform:gitOpsRepositoryCredentials</c>. Required.</summary>
    public required string RepoUrl { get; init; }

    /// <summary>The folder in the repository, relative to its root (<c>.</c> for the root), e.g. <c>clusters/prod</c>.
    /// Required.</summary>
    public required string Path { get; init; }

    /// <summary>The branch, tag or commit Argo CD follows. Default <c>HEAD</c> (the repository's default branch).</summary>
    public string TargetRevision { get; init; } = "HEAD";

    /// <summary>Whether <see cref="RepoUrl"/> is reached over SSH (its credentials are then a private key, otherwise a
    /// user name and password or token).</summary>
    public bool Ssh => !RepoUrl.StartsWith("https://", StringComparison.Ordinal);

    /// <summary>The problems, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!HttpsUrl().IsMatch(RepoUrl) && !SshUrl().IsMatch(RepoUrl) && !ScpLike().IsMatch(RepoUrl))
            problems.Add($"repoUrl '{RepoUrl}' is not a Git repository URL; use https://host/path (e.g. https://git.example.com/platform/apps.git), ssh://git@host/path or git@host:path.");
        if (Path.Length == 0 || Path.StartsWith('/') || Path.Split('/').Any(s => s is "" or "..") || Path.Any(char.IsWhiteSpace) || Path.Contains('\\'))
            problems.Add($"path '{Path}' must be a folder relative to the repository's root without '..' or empty segments, e.g. clusters/prod (or . for the root).");
        if (!Revision().IsMatch(TargetRevision))
            problems.Add($"targetRevision '{TargetRevision}' is not a branch, tag or commit name; use e.g. main, v1.2.0 or HEAD.");
        return problems;
    }

    [GeneratedRegex(@"^https://[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:[0-9]{1,5})?/[^\s?#]+$")]
    private static partial Regex HttpsUrl();

    [GeneratedRegex(@"^ssh://([A-Za-z0-9._-]+@)?[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:[0-9]{1,5})?/[^\s?#]+$")]
    private static partial Regex SshUrl();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+@[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:[^\s/][^\s]*$")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$")]
    private static partial Regex Revision();
}
