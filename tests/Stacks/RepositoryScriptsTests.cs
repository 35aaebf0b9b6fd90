using System.Diagnostics;
using Platform.Tests.Harness;

namespace Platform.Tests.Stacks;

/// <summary>The repository's own scripts (eng/, .ci/) pass shellcheck, following what they source.</summary>
public class RepositoryScriptsTests
{
    [Theory]
    [InlineData("eng/test")]
    [InlineData("eng/render")]
    [InlineData("eng/preview-example")]
    [InlineData("eng/sample")]
    [InlineData("eng/stacks")]
    [InlineData("eng/prepare-stack")]
    [InlineData("eng/chart-check")]
    [InlineData("eng/lib/pulumi-sdk.sh")]
    [InlineData(".ci/run")]
    public void The_script_passes_shellcheck(string script)
    {
        var start = new ProcessStartInfo("shellcheck", $"-x --format=gcc {script}")
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var findings = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, findings);
    }
}
