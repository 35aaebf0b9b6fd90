using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Components.Cluster.Scripts;
using Platform.Renderer;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Render;

/// <summary>What eng/render writes for reviewers is what the engine would run and send, with secret material taken out.</summary>
public class PlanWriterTests
{
    private static readonly System.Text.RegularExpressions.Regex PrivateKeyPem =
        new(@"-----BEGIN [A-Z ]*PRIVATE KEY-----(\\n|\s)*[A-Za-z0-9+/=]{16}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, string> Written = new(StringComparer.Ordinal);

    private static async Task<(Plan Plan, string Folder)> WrittenAsync(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);
        lock (Written)
        {
            if (!Written.TryGetValue(stack, out var folder))
            {
                folder = Path.Combine(Directory.CreateTempSubdirectory("platform-render-").FullName, stack);
                PlanWriter.Write(plan, folder);
                Written[stack] = folder;
            }
            return (plan, folder);
        }
    }

    private static IEnumerable<string> FilesUnder(string folder, string pattern = "*") =>
        Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories);

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task Registrations_json_is_the_plan_in_plain_json(string stack)
    {
        var (plan, folder) = await WrittenAsync(stack);

        var read = JsonSerializer.Deserialize<List<Registration>>(File.ReadAllText(Path.Combine(folder, "registrations.json")))!;

        Assert.Equal(plan.Registrations.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal(plan.Registrations[i].Type, read[i].Type);
            Assert.Equal(plan.Registrations[i].Name, read[i].Name);
            Assert.True(JsonNode.DeepEquals(plan.Registrations[i].Inputs, read[i].Inputs), plan.Registrations[i].Name);
            Assert.Equal(plan.Registrations[i].DependsOn, read[i].DependsOn);
        }
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task Every_node_step_is_written_as_the_script_the_node_runs_and_passes_shellcheck(string stack)
    {
        var (plan, folder) = await WrittenAsync(stack);
        var commands = plan.OfType("command:remote:Command").ToList();
        Assert.NotEmpty(commands);

        foreach (var command in commands)
        {
            var (node, step) = PlanWriter.NodeStep(plan, command);
            Assert.NotEqual("other", node);
            var create = File.ReadAllText(Path.Combine(folder, "nodes", node, $"{step}.create.sh"));
            Assert.StartsWith("#!/usr/bin/env bash\n", create, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "nodes", node, $"{step}.delete.sh")), $"{node}/{step}.delete.sh");
        }
        foreach (var script in FilesUnder(Path.Combine(folder, "nodes"), "*.sh").Where(f => f.Contains("/cp-1/", StringComparison.Ordinal)))
            Assert.Equal("", ShellCheck.Findings(File.ReadAllText(script)));
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task Each_node_gets_its_files_decoded_with_their_paths_and_modes(string stack)
    {
        var (plan, folder) = await WrittenAsync(stack);

        foreach (var command in plan.OfType("command:remote:Command").Where(c => PlanWriter.NodeStep(plan, c).Step == "files"))
        {
            var node = PlanWriter.NodeStep(plan, command).Node;
            Assert.True(NodeFiles.TryParse(command.Inputs["stdin"]!.GetValue<string>(), out var files));
            var listing = File.ReadAllLines(Path.Combine(folder, "nodes", node, "files.txt"));
            Assert.Equal(files.Select(f => $"{f.Mode} {f.Path}"), listing);
            var kubeadm = File.ReadAllText(Path.Combine(folder, "nodes", node, "files", NodeScripts.KubeadmConfigPath.TrimStart('/')));
            Assert.NotEmpty(KubeYaml.Documents(kubeadm));
        }
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task No_secret_material_is_written_for_people(string stack)
    {
        var (plan, folder) = await WrittenAsync(stack);
        Assert.NotEmpty(plan.SecretValues);

        foreach (var file in FilesUnder(folder).Where(f => Path.GetFileName(f) != "registrations.json"))
        {
            var text = File.ReadAllText(file);
            foreach (var secret in plan.SecretValues.Keys)
                Assert.DoesNotContain(secret.TrimEnd('\n'), text, StringComparison.Ordinal);
            // A PEM private key's header followed by its base64 body (in a file, or escaped inside a JSON/YAML string);
            // a CRD's description that shows the format with a placeholder (External Secrets' "<private-key>") is none.
            Assert.DoesNotMatch(PrivateKeyPem, text);
        }
        var caKey = File.ReadAllText(Path.Combine(folder, "nodes", "cp-1", "files", "etc", "kubernetes", "pki", "ca.key"));
        Assert.StartsWith("<redacted tls:PrivateKey ", caKey, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task Each_release_is_written_with_its_chart_and_exactly_its_values(string stack)
    {
        var (plan, folder) = await WrittenAsync(stack);
        var releases = plan.OfType("kubernetes:helm.sh/v3:Release").ToList();
        Assert.NotEmpty(releases);

        foreach (var release in releases)
        {
            var dir = Path.Combine(folder, "helm", release.Name);
            var chart = KubeYaml.Single(File.ReadAllText(Path.Combine(dir, "release.yaml")))!;
            Assert.Equal(release.Inputs["chart"]!.GetValue<string>(), chart["chart"]!.GetValue<string>());
            Assert.Equal(release.Inputs["version"]!.GetValue<string>(), chart["version"]!.GetValue<string>());
            // Read back as Helm reads values (YAML 1.1 scalars), the file is the release's values, value for value.
            var values = KubeYaml.Single(File.ReadAllText(Path.Combine(dir, "values.yaml")));
            Assert.True(JsonNode.DeepEquals(release.Inputs["values"], values), $"{release.Name}: values.yaml differs from the release's values");
        }
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task Each_kubernetes_object_is_written_as_yaml_with_secret_data_redacted(string stack)
    {
        var (plan, folder) = await WrittenAsync(stack);
        var objects = plan.Registrations.SelectMany(KubernetesObjects.Of).ToList();
        Assert.NotEmpty(objects);

        foreach (var obj in objects)
        {
            var ns = obj["metadata"]?["namespace"]?.GetValue<string>() ?? "_cluster";
            var path = Path.Combine(folder, "objects", obj["kind"]!.GetValue<string>(), ns, obj["metadata"]!["name"]!.GetValue<string>() + ".yaml");
            var written = KubeYaml.Single(File.ReadAllText(path))!.AsObject();
            Assert.Equal(obj["apiVersion"]!.GetValue<string>(), written["apiVersion"]!.GetValue<string>());
            if (obj["kind"]!.GetValue<string>() == "Secret")
                Assert.All(written["stringData"]?.AsObject() ?? [], kv => Assert.StartsWith("<redacted Secret stringData.", kv.Value!.GetValue<string>(), StringComparison.Ordinal));
            else
                Assert.True(JsonNode.DeepEquals(new Redaction(plan).KubernetesObject(obj), written), path);
        }
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task The_summary_reports_capabilities_components_and_the_longest_chain(string stack)
    {
        var (plan, folder) = await WrittenAsync(stack);
        var summary = File.ReadAllLines(Path.Combine(folder, "summary.md"));

        foreach (var (id, value) in plan.Capabilities)
        {
            var on = ((ImmutableDictionary<string, object>)value)["enabled"] is true ? "on" : "off";
            Assert.Single(summary, line => line.StartsWith($"| {id} | {on} |", StringComparison.Ordinal));
        }
        var chain = DependencyChain.Longest(plan.Registrations);
        Assert.Contains($"## Longest DependsOn chain: {chain.Count} steps", summary);
        Assert.True(chain.Count >= 5, "a cluster's bring-up is at least prepare, kubeadm, join, register, upgrade");
        Assert.Contains(summary, line => line.StartsWith("| " + plan.Registrations[0].Name + " | platform:cluster:Cluster |", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_summary_lists_the_programs_warnings_when_there_are_any()
    {
        // fixture-full-calico leaves worker-2 without a host key on purpose; the examples pin every host.
        var (calico, calicoFolder) = await WrittenAsync("fixture-full-calico");
        var (small, smallFolder) = await WrittenAsync("example-small");
        var calicoSummary = File.ReadAllLines(Path.Combine(calicoFolder, "summary.md"));

        var warning = Assert.Single(calico.Warnings, w => w.Contains("worker-2", StringComparison.Ordinal));
        Assert.Contains("## Warnings", calicoSummary);
        Assert.Contains($"- {warning}", calicoSummary);
        Assert.Empty(small.Warnings);
        Assert.DoesNotContain("## Warnings", File.ReadAllLines(Path.Combine(smallFolder, "summary.md")));
    }
}
