using System.Text;
using System.Text.RegularExpressions;
using Platform.Components.Cluster.Scripts;

namespace Platform.Renderer;

/// <summary>Reads a node-files payload (one <c>mode path base64</c> line per file, <c>if-missing</c> after it for a
/// file written only where the node has none, as
/// <see cref="ShellScript.FilePayload"/> writes it) back into files.</summary>
public static partial class NodeFiles
{
    /// <summary>The files of <paramref name="payload"/>; false when it is not a files payload (a token, say).</summary>
    public static bool TryParse(string payload, out IReadOnlyList<NodeFile> files)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var result = new List<NodeFile>();
        files = result;
        var lines = payload.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return false;
        foreach (var line in lines)
        {
            var match = PayloadLine().Match(line);
            if (!match.Success) return false;
            result.Add(new NodeFile(match.Groups[2].Value, match.Groups[1].Value, Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups[3].Value)))
            {
                OnlyIfMissing = match.Groups[4].Success,
            });
        }
        return true;
    }

    [GeneratedRegex("^([0-7]{4}) (/[^ ]+) ([A-Za-z0-9+/=]*)( if-missing)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PayloadLine();
}
