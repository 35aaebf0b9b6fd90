using System.Diagnostics;
using Platform.Tests.Harness;

namespace Platform.Tests.Render;

/// <summary>The eng/render program: one progress line per stack, the files under --out, and a non-zero exit with the
/// configuration problems for an invalid stack.</summary>
public class RenderCommandTests
{
    private static (int Exit, string Output, string Errors) Render(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot.Path };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Platform.Renderer.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }

    [Fact]
    public void A_valid_and_an_invalid_stack_render_the_first_and_report_the_second()
    {
        var dir = Directory.CreateTempSubdirectory("platform-render-cli-").FullName;
        var broken = Path.Combine(dir, "Pulumi.broken.yaml");
        File.WriteAllText(broken, "config:\n  platform:tier: huge\n");

        var (exit, output, errors) = Render("--stack", "example-small", "--config", broken, "--out", Path.Combine(dir, "out"));

        Assert.Equal(1, exit);
        Assert.Matches(@"^render: example-small: \d+ registrations -> .+ \(\d+\.\d s\)$", output.Trim());
        Assert.Contains("render: broken: Platform configuration has", errors);
        Assert.Contains("platform:tier", errors);
        Assert.True(File.Exists(Path.Combine(dir, "out", "example-small", "registrations.json")));
        Assert.True(File.Exists(Path.Combine(dir, "out", "example-small", "summary.md")));
        Assert.False(Directory.Exists(Path.Combine(dir, "out", "broken")));
    }

    [Fact]
    public void Without_a_stack_it_says_how_to_name_one()
    {
        var (exit, _, errors) = Render();

        Assert.Equal(2, exit);
        Assert.Contains("--stack NAME, --config FILE or --all", errors);
    }

    [Fact]
    public void A_missing_stack_file_is_reported_by_name()
    {
        var (exit, _, errors) = Render("--stack", "no-such-stack", "--out", Directory.CreateTempSubdirectory("platform-render-cli-").FullName);

        Assert.Equal(1, exit);
        Assert.Contains("Pulumi.no-such-stack.yaml", errors);
    }
}
