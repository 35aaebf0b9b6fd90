using Platform.Renderer;

namespace Platform.Tests.Harness;

/// <summary>Reads a file out of a node-files payload (one "mode path base64" line per file, as the files step sends).</summary>
public static class NodeFilePayload
{
    /// <summary>The content of the file at <paramref name="path"/>; fails the test when the payload has no such file.</summary>
    public static string Content(string payload, string path)
    {
        Assert.True(NodeFiles.TryParse(payload, out var files), "not a node-files payload");
        return Assert.Single(files, f => f.Path == path).Content;
    }
}
