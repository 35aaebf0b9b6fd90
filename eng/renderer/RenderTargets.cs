using Pulumi;

namespace Platform.Renderer;

/// <summary>Which stack files a render covers, where the repository is, and how a failed run is explained.</summary>
public static class RenderTargets
{
    /// <summary>The folder of the render fixtures: stack files with every available capability and option switched on
    /// (<c>Pulumi.fixture-*.yaml</c>; one per set of alternatives, as a CNI or load balancer excludes another).</summary>
    public const string FixturesFolder = "tests/Fixtures";

    /// <summary>The repository's root (the folder with Pulumi.yaml and Platform.sln), from the working folder or the tool's own.</summary>
    public static string RepoRoot { get; } = Find(Environment.CurrentDirectory) ?? Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("render: run it inside the repository (no Pulumi.yaml with Platform.sln above this folder).");

    /// <summary>Every example stack file, by name.</summary>
    public static IReadOnlyList<string> Examples() =>
        Directory.GetFiles(Path.Combine(RepoRoot, "stacks"), "Pulumi.example-*.yaml").Order(StringComparer.Ordinal).ToList();

    /// <summary>Every render fixture, by name.</summary>
    public static IReadOnlyList<string> Fixtures() =>
        Directory.GetFiles(Path.Combine(RepoRoot, FixturesFolder), "Pulumi.fixture-*.yaml").Order(StringComparer.Ordinal).ToList();

    /// <summary>The files for the options given, in order, each once.</summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> stacks, IEnumerable<FileInfo> configs, bool all)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(configs);
        var files = new List<string>();
        if (all)
        {
            files.AddRange(Examples());
            files.AddRange(Fixtures());
        }
        files.AddRange(stacks.Select(s => Path.Combine(RepoRoot, "stacks", $"Pulumi.{s}.yaml")));
        files.AddRange(configs.Select(c => c.FullName));
        return files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The message that explains a failed run: the configuration problems, or the program's error.</summary>
    public static string Explain(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e != null; e = e.InnerException)
            if (e is RunException or Platform.Stacks.Configuration.PlatformConfigException)
                return e.Message;
        return error.ToString();
    }

    private static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")) && File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                return dir.FullName;
        return null;
    }
}
