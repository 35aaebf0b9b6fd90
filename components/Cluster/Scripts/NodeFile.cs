namespace Platform.Components.Cluster.Scripts;

/// <summary>A file to place on a node: absolute path, octal mode and content.</summary>
public sealed record NodeFile
{
    /// <summary>Creates the file description, checking the path and mode are safe to put in a payload line.</summary>
    public NodeFile(string path, string mode, string content)
    {
        if (!path.StartsWith('/') || path.Any(char.IsWhiteSpace) || path.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException($"A node file needs an absolute path without spaces or '..', got '{path}'.", nameof(path));
        if (mode.Length != 4 || mode.Any(c => c is < '0' or > '7'))
            throw new ArgumentException($"A node file mode is four octal digits such as 0600, got '{mode}'.", nameof(mode));
        Path = path;
        Mode = mode;
        Content = content ?? throw new ArgumentNullException(nameof(content));
    }

    /// <summary>The absolute path on the node.</summary>
    public string Path { get; }

    /// <summary>The octal mode, e.g. 0600.</summary>
    public string Mode { get; }

    /// <summary>The content (UTF-8).</summary>
    public string Content { get; }

    /// <summary>Whether the file is written only where the node has none yet, and otherwise left as it is: a file whose
    /// first version the node needs from its files step on, and which another step keeps current afterwards (the API
    /// server's authentication configuration). Default false: the file is made what the payload says.</summary>
    public bool OnlyIfMissing { get; init; }
}
