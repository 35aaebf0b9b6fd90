using System.Text;

namespace Platform.Tests.Harness;

/// <summary>Reads a file out of a node-files payload (one "mode path base64" line per file, as the files step sends).</summary>
public static class NodeFilePayload
{
    /// <summary>The content of the file at <paramref name="path"/>; fails the test when the payload has no such file.</summary>
    public static string Content(string payload, string path)
    {
        var line = Assert.Single(payload.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Split(' ')[1] == path);
        return Encoding.UTF8.GetString(Convert.FromBase64String(line.Split(' ')[2]));
    }
}
