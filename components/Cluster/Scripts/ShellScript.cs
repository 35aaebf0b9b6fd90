using System.Text;

namespace Platform.Components.Cluster.Scripts;

/// <summary>Small helpers for the node scripts: quoting, the remote command line, and the file payload format.</summary>
public static class ShellScript
{
    /// <summary>The start of every node script: bash, strict mode, and what the script is for.</summary>
    public static string Header(string purpose) =>
        $"#!/usr/bin/env bash\n# Platform: {purpose}\n# Idempotent: every step checks before it acts, so running it again is safe.\nset -euo pipefail\n";

    /// <summary><paramref name="value"/> as one single-quoted shell word.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// The command line that runs <paramref name="script"/> as root over SSH: through <c>sudo -n</c> (passwordless
    /// sudo is required) unless the SSH user is root. Standard input stays free for a payload.
    /// </summary>
    public static string AsRoot(string script, string sshUser)
    {
        ArgumentNullException.ThrowIfNull(script);
        var run = "bash -c " + Quote(script);
        return string.Equals(sshUser, "root", StringComparison.Ordinal) ? run : "sudo -n " + run;
    }

    /// <summary>The word after a payload line's content that marks a file written only where the node has none.</summary>
    public const string OnlyIfMissingFlag = "if-missing";

    /// <summary>
    /// Files for <see cref="NodeScripts.InstallFiles"/>, as one line each: octal mode, absolute path, base64 content,
    /// and <c>if-missing</c> after them for a file written only where the node has none (<see cref="NodeFile.OnlyIfMissing"/>).
    /// The payload travels on the command's standard input, so secret files never appear in a command line or a log.
    /// </summary>
    public static string FilePayload(IEnumerable<NodeFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var builder = new StringBuilder();
        foreach (var file in files)
        {
            builder.Append(file.Mode).Append(' ').Append(file.Path).Append(' ')
                .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(file.Content)));
            if (file.OnlyIfMissing) builder.Append(' ').Append(OnlyIfMissingFlag);
            builder.Append('\n');
        }
        return builder.ToString();
    }
}
