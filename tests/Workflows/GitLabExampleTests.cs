using Platform.Tests.Harness;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Workflows;

/// <summary>The GitLab CI example (examples/gitlab-ci.yml) is valid YAML with the same flow as the GitHub workflows:
/// tests and the rendered plan, previews of every stack on merge requests only, and deployments of each environment
/// stack on the default branch, started by hand in the stack's environment, one at a time per stack; its shell
/// lines pass shellcheck.</summary>
public class GitLabExampleTests
{
    private static readonly YamlMappingNode Root = Load();

    [Fact]
    public void Tests_run_then_previews_on_merge_requests_and_deployments_on_the_default_branch()
    {
        Assert.Equal(["test", "preview", "deploy"], ((YamlSequenceNode)Root["stages"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Contains("bash eng/test", Script("test"));
        Assert.Equal(["$CI_PIPELINE_SOURCE == \"merge_request_event\""], Rules("preview"));
        Assert.Contains("eng/stacks preview", string.Join("\n", Script("preview")), StringComparison.Ordinal);
        Assert.Equal(["$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"], Rules("deploy"));
        var deploy = Job("deploy");
        Assert.Equal("manual", ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)deploy["rules"]).Children[0])["when"]).Value);
        Assert.Equal("$STACK", ((YamlScalarNode)((YamlMappingNode)deploy["environment"])["name"]).Value);
        Assert.Equal("pulumi-up-$STACK", ((YamlScalarNode)deploy["resource_group"]).Value);
        Assert.Contains(Script("deploy"), line => line.StartsWith("pulumi up ", StringComparison.Ordinal));
        Assert.Contains("eng/prepare-stack \"$STACK\" deploy", Script("deploy"));
    }

    [Fact]
    public void Every_script_passes_shellcheck()
    {
        foreach (var job in new[] { "test", "preview", "deploy", ".pulumi-cli" })
        {
            var lines = job == ".pulumi-cli"
                ? ((YamlSequenceNode)Job(job)["before_script"]).Children.Select(c => ((YamlScalarNode)c).Value!)
                : Script(job);
            var findings = ShellCheck.Findings("#!/usr/bin/env bash\nset -euo pipefail\n" + string.Join("\n", lines) + "\n");
            Assert.True(findings.Length == 0, $"{job}: {findings}");
        }
    }

    private static YamlMappingNode Job(string name) => (YamlMappingNode)Root[name];

    private static List<string> Script(string job) => [.. ((YamlSequenceNode)Job(job)["script"]).Children.Select(c => ((YamlScalarNode)c).Value!)];

    private static List<string> Rules(string job)
        => [.. ((YamlSequenceNode)Job(job)["rules"]).Children.Select(r => ((YamlScalarNode)((YamlMappingNode)r)["if"]).Value!)];

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepoRoot.Path, "examples", "gitlab-ci.yml"))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
