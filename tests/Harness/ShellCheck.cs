using System.Diagnostics;

namespace Platform.Tests.Harness;

/// <summary>Runs shellcheck on a script (eng/test installs shellcheck where it is missing).</summary>
public static class ShellCheck
{
    /// <summary>shellcheck's findings for <paramref name="script"/> as <paramref name="shell"/> (bash unless told);
    /// empty when it is clean.</summary>
    public static string Findings(string script, string shell = "bash")
    {
        var path = Path.Combine(Path.GetTempPath(), $"platform-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, script);
        try
        {
            var start = new ProcessStartInfo("shellcheck", $"--shell={shell} --format=gcc {path}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException("shellcheck is not installed: run the tests with eng/test, which installs it, or `apt-get install shellcheck`.");
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                process.WaitForExit();
                return process.ExitCode == 0 ? "" : output.Replace(path, "script", StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
