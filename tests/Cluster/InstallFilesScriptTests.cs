using System.Diagnostics;
using Platform.Components.Cluster.Scripts;

namespace Platform.Tests.Cluster;

/// <summary>Runs the file-installing node script for real with bash, on files in a temporary folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InstallFilesScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("platform-files-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void Run(string script, string stdin)
    {
        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardInput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }

    [Fact]
    public void Writes_every_file_with_its_mode_and_leaves_unchanged_files_alone_on_a_second_run()
    {
        var key = Path.Combine(_root, "pki", "ca.key");
        var config = Path.Combine(_root, "platform", "kubeadm.yaml");
        var payload = ShellScript.FilePayload([new NodeFile(key, "0600", "KEY\n"), new NodeFile(config, "0644", "kind: InitConfiguration\n")]);

        Run(NodeScripts.InstallFiles(), payload.TrimEnd('\n'));

        Assert.Equal("KEY\n", File.ReadAllText(key));
        Assert.Equal("kind: InitConfiguration\n", File.ReadAllText(config));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(config));

        var written = File.GetLastWriteTimeUtc(key);
        Thread.Sleep(20);
        Run(NodeScripts.InstallFiles(), payload);
        Assert.Equal(written, File.GetLastWriteTimeUtc(key));
        Assert.Equal([key], Directory.GetFiles(Path.GetDirectoryName(key)!));
    }
}
