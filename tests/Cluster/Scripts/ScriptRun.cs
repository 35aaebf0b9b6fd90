namespace Platform.Tests.Cluster.Scripts;

/// <summary>How a node script ran on a <see cref="FakeHost"/>: its exit code, what it printed, and the command lines
/// of the stand-ins it called, in order, with paths as the node sees them.</summary>
public sealed record ScriptRun(int ExitCode, string Output, string Errors, IReadOnlyList<string> Calls)
{
    /// <summary>The calls of the stand-ins named <paramref name="commands"/>, in order.</summary>
    public IReadOnlyList<string> CallsOf(params string[] commands) =>
        Calls.Where(c => commands.Any(command => c == command || c.StartsWith(command + " ", StringComparison.Ordinal))).ToList();

    /// <summary>A one-line account, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}; stderr: {Errors}; calls: {string.Join(" | ", Calls)}";
}
