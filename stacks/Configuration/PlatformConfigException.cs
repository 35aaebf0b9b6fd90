namespace Platform.Stacks.Configuration;

/// <summary>The <c>platform:</c> configuration is invalid. Thrown before any resource is registered, with every problem
/// found, so one run reports everything that needs fixing.</summary>
public sealed class PlatformConfigException : Exception
{
    /// <summary>Creates the exception; its message is a header followed by one line per problem.</summary>
    /// <param name="problems">At least one problem.</param>
    /// <exception cref="ArgumentException"><paramref name="problems"/> is empty.</exception>
    public PlatformConfigException(IEnumerable<ConfigProblem> problems)
        : this(Snapshot(problems))
    {
    }

    private PlatformConfigException(ConfigProblem[] problems)
        : base(FormatMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in the order they were found.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static ConfigProblem[] Snapshot(IEnumerable<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var snapshot = problems.ToArray();
        if (snapshot.Length == 0)
        {
            throw new ArgumentException("A configuration exception needs at least one problem.", nameof(problems));
        }

        return snapshot;
    }

    private static string FormatMessage(ConfigProblem[] problems)
    {
        var header = problems.Length == 1
            ? "Platform configuration has 1 problem (nothing was deployed):"
            : $"Platform configuration has {problems.Length} problems (nothing was deployed):";
        return string.Join('\n', problems.Select(problem => problem.ToString()).Prepend(header));
    }
}
