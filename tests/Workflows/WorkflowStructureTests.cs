using System.Diagnostics;
using System.Text.RegularExpressions;
using Platform.Tests.Harness;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Workflows;

/// <summary>The GitHub workflows (<c>.github/workflows</c>) follow the rules that keep them safe: pinned actions, least
/// privilege, the triggers and jobs README describes, secrets only from the secrets and variables stores, one update
/// per stack at a time, and shell steps that pass shellcheck.</summary>
public partial class WorkflowStructureTests
{
    private static readonly IReadOnlyDictionary<string, WorkflowFile> Files = WorkflowFile.All;

    [Fact]
    public void The_repository_has_the_build_pull_request_and_deploy_workflows()
        => Assert.Equal(["build.yml", "deploy.yml", "pull-request.yml"], Files.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_external_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment()
    {
        var pins = new Dictionary<string, (string Sha, string Version)>(StringComparer.Ordinal);
        foreach (var file in Files.Values)
        {
            var lines = file.UsesLines();
            // Every uses: of the tree is one of the lines read here (none hides in a flow mapping or a quoted form).
            var inTree = file.Jobs.Values.SelectMany(job => WorkflowFile.Steps(job).Append(job))
                .Select(node => WorkflowFile.Scalar(node, "uses")).OfType<string>().ToList();
            Assert.Equal(inTree.Order(StringComparer.Ordinal), lines.Select(l => l.Reference).Order(StringComparer.Ordinal));
            foreach (var (reference, comment) in lines)
            {
                if (reference.StartsWith("./", StringComparison.Ordinal))
                    continue;
                var pin = PinnedAction().Match(reference);
                Assert.True(pin.Success, $"{file.Name}: '{reference}' is not pinned to a full commit SHA (owner/repo@<40 hex digits>).");
                Assert.True(comment is not null && Version().IsMatch(comment), $"{file.Name}: '{reference}' has no '# vX.Y.Z' comment naming its version.");
                var action = pin.Groups["action"].Value;
                if (pins.TryGetValue(action, out var seen))
                    Assert.True(seen == (pin.Groups["sha"].Value, comment!), $"{file.Name}: {action} is pinned to {pin.Groups["sha"].Value} ({comment}) here and to {seen.Sha} ({seen.Version}) elsewhere.");
                pins[action] = (pin.Groups["sha"].Value, comment!);
            }
        }
        Assert.Equal(["actions/checkout", "actions/setup-dotnet", "actions/upload-artifact", "pulumi/actions"], pins.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_workflow_reads_the_repository_only_and_only_the_commenting_job_writes_pull_requests()
    {
        foreach (var file in Files.Values)
        {
            Assert.Equal(new Dictionary<string, string> { ["contents"] = "read" }, Permissions(WorkflowFile.Mapping(file.Root, "permissions"), file.Name));
            foreach (var (id, job) in file.Jobs)
            {
                var granted = Permissions(WorkflowFile.Mapping(job, "permissions"), $"{file.Name} {id}");
                var comments = WorkflowFile.Steps(job).Any(step => WorkflowFile.Scalar(step, "uses")?.StartsWith("pulumi/actions@", StringComparison.Ordinal) == true
                    && WorkflowFile.Mapping(step, "with") is { } with && WorkflowFile.Scalar(with, "comment-on-pr") == "true");
                var expected = comments
                    ? new Dictionary<string, string> { ["contents"] = "read", ["pull-requests"] = "write" }
                    : granted.Count == 0 ? [] : new Dictionary<string, string> { ["contents"] = "read" };
                Assert.True(expected.OrderBy(kv => kv.Key).SequenceEqual(granted.OrderBy(kv => kv.Key)),
                    $"{file.Name} job {id} grants {string.Join(", ", granted.Select(kv => $"{kv.Key}: {kv.Value}"))}; expected {string.Join(", ", expected.Select(kv => $"{kv.Key}: {kv.Value}"))}.");
            }
        }
    }

    [Fact]
    public void The_triggers_are_pull_requests_to_main_pushes_to_main_and_calls()
    {
        Assert.Equal(["pull_request"], Triggers(Files["pull-request.yml"]).Keys);
        Assert.Equal(["main"], Sequence(Triggers(Files["pull-request.yml"])["pull_request"], "branches"));
        Assert.Equal(["push", "workflow_dispatch"], Triggers(Files["deploy.yml"]).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["main"], Sequence(Triggers(Files["deploy.yml"])["push"], "branches"));
        Assert.Equal(["workflow_call"], Triggers(Files["build.yml"]).Keys);
        // pull_request_target runs with the base's secrets on a fork's code: never used.
        Assert.All(Files.Values, file => Assert.DoesNotContain("pull_request_target", file.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_pull_request_is_built_then_each_stack_is_previewed_with_a_diff_and_a_comment()
    {
        var jobs = Files["pull-request.yml"].Jobs;
        Assert.Equal("./.github/workflows/build.yml", WorkflowFile.Scalar(jobs["build"], "uses"));
        var preview = jobs["preview"];
        Assert.Equal(["build", "stacks"], Sequence(preview, "needs"));
        Assert.Equal("${{ fromJSON(needs.stacks.outputs.stacks) }}", WorkflowFile.Scalar(WorkflowFile.Mapping(WorkflowFile.Mapping(preview, "strategy")!, "matrix")!, "stack"));
        Assert.Contains("eng/stacks preview", RunScripts(jobs["stacks"]).Single(), StringComparison.Ordinal);
        var pulumi = PulumiStep(preview);
        Assert.Equal("preview", WorkflowFile.Scalar(pulumi, "command"));
        Assert.Equal("true", WorkflowFile.Scalar(pulumi, "diff"));
        Assert.Equal("true", WorkflowFile.Scalar(pulumi, "comment-on-pr"));
        Assert.Contains("matrix.stack", WorkflowFile.Scalar(pulumi, "stack-name"), StringComparison.Ordinal);
        Assert.Contains("eng/prepare-stack \"$STACK\" preview", RunScripts(preview).Single(), StringComparison.Ordinal);
        Assert.Contains("matrix.stack", WorkflowFile.Scalar(WorkflowFile.Mapping(preview, "concurrency")!, "group"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_merge_to_main_deploys_each_environment_stack_behind_its_environment_one_update_per_stack_at_a_time()
    {
        var jobs = Files["deploy.yml"].Jobs;
        Assert.Equal("./.github/workflows/build.yml", WorkflowFile.Scalar(jobs["build"], "uses"));
        var up = jobs["up"];
        Assert.Equal(["build", "stacks"], Sequence(up, "needs"));
        Assert.Contains("eng/stacks deploy", RunScripts(jobs["stacks"]).Single(), StringComparison.Ordinal);
        Assert.Equal("${{ matrix.stack }}", WorkflowFile.Scalar(WorkflowFile.Mapping(up, "environment")!, "name"));
        var concurrency = WorkflowFile.Mapping(up, "concurrency")!;
        Assert.Equal("pulumi-up-${{ matrix.stack }}", WorkflowFile.Scalar(concurrency, "group"));
        Assert.Equal("false", WorkflowFile.Scalar(concurrency, "cancel-in-progress"));
        Assert.Equal("up", WorkflowFile.Scalar(PulumiStep(up), "command"));
        Assert.Contains("eng/prepare-stack \"$STACK\" deploy", RunScripts(up).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_uploads_the_rendered_plan_for_reviewers()
    {
        var build = Files["build.yml"].Jobs["test"];
        var scripts = RunScripts(build).ToList();
        Assert.Contains(scripts, s => s == "bash eng/test");
        Assert.Contains(scripts, s => s.StartsWith("eng/render --all --out artifacts/render/head", StringComparison.Ordinal));
        var upload = WorkflowFile.Steps(build).First(s => WorkflowFile.Scalar(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.Equal("render", WorkflowFile.Scalar(WorkflowFile.Mapping(upload, "with")!, "name"));
        Assert.Equal("artifacts/render", WorkflowFile.Scalar(WorkflowFile.Mapping(upload, "with")!, "path"));
    }

    [Fact]
    public void Credentials_come_only_from_secrets_and_no_shell_step_expands_an_expression()
    {
        foreach (var file in Files.Values)
        {
            foreach (var (id, job) in file.Jobs)
            {
                foreach (var env in new[] { WorkflowFile.Mapping(job, "env") }.Concat(WorkflowFile.Steps(job).Select(s => WorkflowFile.Mapping(s, "env"))).OfType<YamlMappingNode>())
                {
                    foreach (var (key, value) in env.Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, ((YamlScalarNode)kv.Value).Value ?? "")))
                    {
                        Assert.True(StoreReference().IsMatch(value) || !value.Contains("${{", StringComparison.Ordinal) || ContextReference().IsMatch(value),
                            $"{file.Name} {id}: {key} is '{value}'.");
                        if (CredentialName().IsMatch(key))
                            Assert.True(value == $"${{{{ secrets.{key} }}}}", $"{file.Name} {id}: the credential {key} must be ${{{{ secrets.{key} }}}}, not '{value}'.");
                    }
                }
                // Expressions expanded into a script are code injection; values reach scripts through env: only.
                foreach (var script in RunScripts(job))
                    Assert.DoesNotContain("${{", script, StringComparison.Ordinal);
            }
            Assert.DoesNotMatch(InlineSecret(), file.Text);
        }
    }

    [Fact]
    public void Every_shell_step_passes_shellcheck()
    {
        foreach (var file in Files.Values)
            foreach (var (id, job) in file.Jobs)
                foreach (var script in RunScripts(job))
                {
                    var findings = ShellCheck.Findings("#!/usr/bin/env bash\nset -euo pipefail\n" + script);
                    Assert.True(findings.Length == 0, $"{file.Name} {id}:\n{script}\n{findings}");
                }
    }

    [Fact]
    public void The_stack_lists_are_every_stack_file_for_previews_and_all_but_the_examples_for_deployments()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot.Path, "stacks"), "Pulumi.*.yaml")
            .Select(p => Path.GetFileName(p)["Pulumi.".Length..^".yaml".Length]).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files, Stacks("preview"));
        Assert.Equal(files.Where(s => !s.StartsWith("example-", StringComparison.Ordinal)), Stacks("deploy"));
        Assert.Equal(["example-small"], Stacks("preview", "example-small"));
        Assert.Throws<InvalidOperationException>(() => Stacks("preview", "no-such-stack"));
    }

    private static List<string> Stacks(string mode, string? only = null)
    {
        var start = new ProcessStartInfo("bash", $"eng/stacks {mode}") { WorkingDirectory = RepoRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        if (only is not null) start.Environment["PLATFORM_STACKS"] = only;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException(error);
        return System.Text.Json.JsonSerializer.Deserialize<List<string>>(output)!;
    }

    private static Dictionary<string, string> Permissions(YamlMappingNode? node, string where)
    {
        if (node is null) return [];
        return node.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => Assert.IsType<YamlScalarNode>(kv.Value).Value!);
    }

    private static Dictionary<string, YamlMappingNode> Triggers(WorkflowFile file)
        => ((YamlMappingNode)file.Root["on"]).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => kv.Value as YamlMappingNode ?? new YamlMappingNode());

    private static List<string> Sequence(YamlMappingNode node, string key)
        => [.. ((YamlSequenceNode)node[key]).Children.Select(c => ((YamlScalarNode)c).Value!)];

    private static IEnumerable<string> RunScripts(YamlMappingNode job)
        => WorkflowFile.Steps(job).Select(s => WorkflowFile.Scalar(s, "run")).OfType<string>().Select(s => s.TrimEnd());

    private static YamlMappingNode PulumiStep(YamlMappingNode job)
        => WorkflowFile.Mapping(WorkflowFile.Steps(job).Single(s => WorkflowFile.Scalar(s, "uses")?.StartsWith("pulumi/actions@", StringComparison.Ordinal) == true
            && WorkflowFile.Mapping(s, "with") is { } with && WorkflowFile.Scalar(with, "command") is not null), "with")!;

    [GeneratedRegex(@"^(?<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_./-]+)?)@(?<sha>[0-9a-f]{40})$")]
    private static partial Regex PinnedAction();

    [GeneratedRegex(@"^v\d+\.\d+\.\d+$")]
    private static partial Regex Version();

    [GeneratedRegex(@"^\$\{\{ (secrets|vars)\.[A-Z0-9_]+ \}\}$")]
    private static partial Regex StoreReference();

    [GeneratedRegex(@"^\$\{\{ (matrix|inputs|github)\.[A-Za-z0-9_.-]+ \}\}(/\$\{\{ github\.[a-z_]+ \}\})?$")]
    private static partial Regex ContextReference();

    [GeneratedRegex("(TOKEN|PASSPHRASE|SECRET|_KEY|CREDENTIALS|PASSWORD)$")]
    private static partial Regex CredentialName();

    // A value that looks like a credential written into a workflow: a GitHub token, an AWS key id, a PEM private key.
    [GeneratedRegex(@"gh[pousr]_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex InlineSecret();
}
