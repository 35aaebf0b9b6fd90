using System.Diagnostics;
using System.Runtime.Versioning;

namespace Platform.Tests.Harness;

/// <summary>Runs <c>systemd-analyze verify</c> on unit files (eng/test installs systemd where it is missing).</summary>
[UnsupportedOSPlatform("windows")]
public static class SystemdAnalyze
{
    /// <summary>
    /// What <c>systemd-analyze verify</c> says about the units <paramref name="units"/> (file name and content), written
    /// side by side into a temporary folder, with <paramref name="executables"/> (absolute path on the node, content)
    /// written there too and every mention of such a path in the units pointed at its copy, since verify checks that a
    /// unit's commands exist. Empty when systemd finds nothing wrong.
    /// </summary>
    public static string Findings(IReadOnlyDictionary<string, string> units, IReadOnlyDictionary<string, string> executables)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(executables);
        var folder = Directory.CreateTempSubdirectory("platform-units-").FullName;
        try
        {
            var paths = new List<string>();
            foreach (var (path, content) in executables)
            {
                var copy = Path.Combine(folder, Path.GetFileName(path));
                File.WriteAllText(copy, content);
                File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            foreach (var (name, content) in units)
            {
                var text = executables.Keys.Aggregate(content, (t, path) => t.Replace(path, Path.Combine(folder, Path.GetFileName(path)), StringComparison.Ordinal));
                var unit = Path.Combine(folder, name);
                File.WriteAllText(unit, text);
                paths.Add(unit);
            }
            var start = new ProcessStartInfo("systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "verify", "--man=no" }.Concat(paths)) start.ArgumentList.Add(argument);
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException("systemd-analyze is not installed: run the tests with eng/test, which installs it, or `apt-get install systemd`.");
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var errors = process.StandardError.ReadToEndAsync();
                process.WaitForExit();
                var said = (output.Result + errors.Result).Replace(folder + "/", "", StringComparison.Ordinal);
                return process.ExitCode == 0 && said.Trim().Length == 0 ? "" : $"exit {process.ExitCode}: {said}";
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
