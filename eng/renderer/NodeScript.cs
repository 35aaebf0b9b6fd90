namespace Platform.Renderer;

/// <summary>The script inside a node command line (<c>sudo -n bash -c '...'</c> or <c>bash -c '...'</c>), as the node
/// runs it.</summary>
public static class NodeScript
{
    /// <summary>The script <paramref name="commandLine"/> runs; the command line itself when it is not of that form.</summary>
    public static string Unwrap(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var rest = commandLine.StartsWith("sudo -n ", StringComparison.Ordinal) ? commandLine["sudo -n ".Length..] : commandLine;
        if (!rest.StartsWith("bash -c '", StringComparison.Ordinal) || !rest.EndsWith('\'')) return commandLine;
        // The script is one single-quoted word in which each ' is written '\''.
        return rest["bash -c '".Length..^1].Replace("'\\''", "'", StringComparison.Ordinal);
    }
}
