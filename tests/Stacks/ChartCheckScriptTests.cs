using System.Diagnostics;
using System.Runtime.Versioning;
using Platform.Tests.Harness;

namespace Platform.Tests.Stacks;

/// <summary>eng/chart-check, run against a fake chart-check (<c>CHART_CHECK</c>) and a list of tool gaps of the test's
/// own (<c>CHART_CHECK_TOOL_GAPS</c>): the tool's output passes through, listed FAIL lines are tolerated, an unlisted
/// one fails, and so does a listed one that the tool no longer reports.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ChartCheckScriptTests : IDisposable
{
    private const string Known = "FAIL platform-prod-istio-peer-authentication (security.istio.io/v1 PeerAuthentication): apiVersion: unknown field";
    private const string Other = "FAIL platform-prod-cni-cilium: values path socketLB.hostNamespaceOnly is not read by cilium@1.20.0";
    private const string Summary = "chart-check: 2 releases, 1 objects checked, 1 failures, 0 notes";

    private readonly string dir = Directory.CreateTempSubdirectory("platform-chart-check-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void No_failures_pass_with_the_tools_output()
    {
        var run = Run(["note: no reference data for foo@1.0.0", "chart-check: 2 releases, 0 objects checked, 0 failures, 1 notes"], 0,
            ["# No tool gap is known."]);

        Assert.Equal(0, run.Status);
        Assert.Equal(["note: no reference data for foo@1.0.0", "chart-check: 2 releases, 0 objects checked, 0 failures, 1 notes"], run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Only_listed_failures_pass_whatever_input_file_reports_them()
    {
        // With several input files the tool starts each line with the file's name.
        var run = Run([$"one.json: {Known}", $"two.json: {Known}", "one.json: note: values under x not checked", Summary], 1,
            ["# The CRD's root schema lists only spec and status; the API server always allows apiVersion, kind, metadata.", Known],
            "a/one.json", "b/two.json");

        Assert.Equal(0, run.Status);
        Assert.Equal("a/one.json b/two.json", File.ReadAllText(Path.Combine(dir, "args")).Trim());
        Assert.Contains(Summary, run.Out);
        Assert.Equal($"chart-check: 2 failure(s), each a known tool gap listed in {Path.Combine(dir, "gaps.txt")}", run.Out[^1]);
    }

    [Fact]
    public void An_unlisted_failure_fails_naming_it()
    {
        var run = Run([Known, Other, Summary], 1, ["# Istio's CRDs: apiVersion and kind at the root.", Known]);

        Assert.Equal(1, run.Status);
        Assert.Contains($"  {Other}", run.Error.Split('\n'));
        Assert.DoesNotContain(Known, run.Error);
    }

    [Fact]
    public void A_stale_entry_fails_naming_it()
    {
        var run = Run([Known, Summary], 1, ["# Istio's CRDs: apiVersion and kind at the root.", Known, "# Fixed since.", Other]);

        Assert.Equal(1, run.Status);
        Assert.Contains("no longer reported", run.Error);
        Assert.Contains($"  {Other}", run.Error.Split('\n'));
    }

    [Fact]
    public void A_failing_tool_without_a_fail_line_fails()
    {
        var run = Run(["chart-check: 2 releases, 0 objects checked, 0 failures, 0 notes"], 1, ["# Nothing known."]);

        Assert.Equal(1, run.Status);
        Assert.Contains("without a FAIL line", run.Error);
    }

    [Fact]
    public void An_entry_without_its_comment_is_refused_before_the_tool_runs()
    {
        var run = Run([Summary], 0, ["# Istio's CRDs.", "", Known]);

        Assert.Equal(2, run.Status);
        Assert.Contains("needs a comment line above it", run.Error);
        Assert.False(File.Exists(Path.Combine(dir, "args")));
    }

    [Fact]
    public void The_tools_usage_error_passes_through()
    {
        var run = Run(["chart-check: cannot read x.json"], 2, ["# Nothing known."]);

        Assert.Equal(2, run.Status);
        Assert.Equal(["chart-check: cannot read x.json"], run.Out);
    }

    [Fact]
    public void Every_listed_gap_of_the_repository_is_a_fail_line_under_its_comment()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot.Path, "eng", "chart-check-tool-gaps.txt"));
        var entries = lines.Select((line, i) => (line, i)).Where(e => e.line.Length > 0 && !e.line.StartsWith('#')).ToList();

        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.StartsWith("FAIL ", e.line, StringComparison.Ordinal);
            Assert.StartsWith("#", lines[e.i - 1], StringComparison.Ordinal);
        });
    }

    private (int Status, string[] Out, string Error) Run(string[] toolOutput, int toolStatus, string[] gaps, params string[] inputs)
    {
        File.WriteAllLines(Path.Combine(dir, "output"), toolOutput);
        File.WriteAllLines(Path.Combine(dir, "gaps.txt"), gaps);
        var fake = Path.Combine(dir, "chart-check");
        File.WriteAllText(fake,
            $"#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >'{dir}/args'\ncat '{dir}/output'\nexit {toolStatus}\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = new ProcessStartInfo("bash", ["eng/chart-check", .. (inputs.Length > 0 ? inputs : ["registrations.json"])])
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CHART_CHECK"] = fake;
        start.Environment["CHART_CHECK_TOOL_GAPS"] = Path.Combine(dir, "gaps.txt");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries), error);
    }
}
