using System.Collections.Immutable;

namespace Platform.Components.GitOps;

/// <summary>The app-of-apps Application of <see cref="GitOpsBootstrap"/> and the repository Secret Argo CD clones it
/// with. The Application syncs automatically, prunes what leaves the folder and reverts changes made beside Git
/// (self-heal); it has no resources finalizer, so deleting it (or switching the bootstrap off) leaves what it deployed
/// in place.</summary>
public static class ArgoCdBootstrap
{
    /// <summary>The Application's name.</summary>
    public const string ApplicationName = "platform-bootstrap";

    /// <summary>The Application's apiVersion (the vendored CRD's served version).</summary>
    public const string ApiVersion = "argoproj.io/v1alpha1";

    /// <summary>The repository Secret's name.</summary>
    public const string RepositorySecretName = "platform-bootstrap-repository";

    /// <summary>The in-cluster API server, as Argo CD names the cluster it runs in.</summary>
    public const string InClusterServer = "https://kubernetes.default.svc";

    /// <summary>The label by which Argo CD takes a Secret for a repository's URL and credentials.
    /// Source: <c>https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#repositories</c>.</summary>
    public static IReadOnlyDictionary<string, string> RepositoryLabels { get; } =
        new Dictionary<string, string> { ["argocd.argoproj.io/secret-type"] = "repository" }.AsReadOnly();

    /// <summary>The fields of <c>platform:gitOpsRepositoryCredentials</c> for an https repository.</summary>
    public static IReadOnlyList<string> HttpsFields { get; } = ["username", "password"];

    /// <summary>The field of <c>platform:gitOpsRepositoryCredentials</c> for an SSH repository.</summary>
    public static IReadOnlyList<string> SshFields { get; } = ["sshPrivateKey"];

    /// <summary>The Application's <c>spec</c>: the <c>default</c> project, the repository's folder, the in-cluster
    /// destination (namespace <paramref name="ns"/> for objects without one), automated sync with prune and
    /// self-heal.</summary>
    public static IReadOnlyDictionary<string, object> ApplicationSpec(GitOpsBootstrap bootstrap, string ns)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        var problems = bootstrap.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"GitOps bootstrap: {string.Join(" ", problems)}", nameof(bootstrap));
        return new Dictionary<string, object>
        {
            ["project"] = "default",
            ["source"] = new Dictionary<string, object>
            {
                ["repoURL"] = bootstrap.RepoUrl,
                ["path"] = bootstrap.Path,
                ["targetRevision"] = bootstrap.TargetRevision,
            },
            ["destination"] = new Dictionary<string, object> { ["server"] = InClusterServer, ["namespace"] = ns },
            ["syncPolicy"] = new Dictionary<string, object>
            {
                ["automated"] = new Dictionary<string, object> { ["prune"] = true, ["selfHeal"] = true },
                ["retry"] = new Dictionary<string, object>
                {
                    ["limit"] = 5,
                    ["backoff"] = new Dictionary<string, object> { ["duration"] = "10s", ["factor"] = 2, ["maxDuration"] = "5m" },
                },
            },
        };
    }

    /// <summary>The repository Secret's data: <c>type</c> git, the URL and the credentials (https: username and
    /// password or token; SSH: the private key).</summary>
    /// <exception cref="ArgumentException">The credentials' fields do not fit the URL's scheme; the message names the
    /// fields, never their values.</exception>
    public static ImmutableDictionary<string, string> RepositoryData(GitOpsBootstrap bootstrap, IReadOnlyDictionary<string, string> credentials)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        ArgumentNullException.ThrowIfNull(credentials);
        var expected = bootstrap.Ssh ? SshFields : HttpsFields;
        var keys = credentials.Keys.Order(StringComparer.Ordinal).ToList();
        if (!keys.SequenceEqual(expected.Order(StringComparer.Ordinal)) || credentials.Values.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException(
                $"the repository {bootstrap.RepoUrl} is reached over {(bootstrap.Ssh ? "SSH" : "https")}, so its credentials are " +
                $"{string.Join(" and ", expected)} (non-empty), not {(keys.Count == 0 ? "nothing" : string.Join(", ", keys))}.", nameof(credentials));
        }
        var data = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        data.Add("type", "git");
        data.Add("url", bootstrap.RepoUrl);
        foreach (var (key, value) in credentials) data.Add(key, value);
        return data.ToImmutable();
    }
}
