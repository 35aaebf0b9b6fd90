namespace Platform.Tests.Harness;

/// <summary>The repository's root folder (the one holding Pulumi.yaml), found from the test assembly's location.</summary>
public static class RepoRoot
{
    /// <summary>The root's full path.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.yaml")) && File.Exists(System.IO.Path.Combine(dir.FullName, "Platform.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No repository root (Pulumi.yaml and Platform.sln) above {AppContext.BaseDirectory}.");
    }
}
