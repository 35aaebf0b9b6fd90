namespace Platform.Stacks.Configuration;

/// <summary>Collects configuration problems so that all of them are reported at once.</summary>
internal sealed class ProblemCollector
{
    private readonly List<ConfigProblem> problems = [];

    public int Count => problems.Count;

    /// <summary>Adds a problem for <paramref name="path"/>, a key without the namespace (e.g. <c>nodes[0].name</c>).</summary>
    public void Add(string path, string message) => problems.Add(new ConfigProblem(PlatformConfigKeys.Prefix + path, message));

    public void ThrowIfAny()
    {
        if (problems.Count > 0)
        {
            throw new PlatformConfigException(problems);
        }
    }
}
