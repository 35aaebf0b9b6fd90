using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Harness;
using Platform.Renderer;
using Platform.Tests.Validation.Kubeconfig;
using Pulumi.Testing;
using YamlDotNet.Core;

namespace Platform.Tests.Validation;

/// <summary>
/// Runs whole stacks under the mocks and decodes strictly every built-in Kubernetes object they write: each
/// registration of a built-in kind (its wire inputs as the JSON the provider sends) into its KubernetesClient model,
/// the kube-vip static pod in each control-plane node's files into V1Pod, and the admin kubeconfig the Kubernetes
/// provider gets into the kubeconfig record. An unknown field or a wrong scalar type anywhere fails, naming the object.
/// </summary>
public class StackObjectsDecodeTests
{
    private const string CommandType = "command:remote:Command";
    private const string ProviderType = "pulumi:providers:kubernetes";

    public static TheoryData<string> Stacks() => [.. StrictStacks.All.Keys];

    [Fact]
    public void Every_stack_eng_render_covers_is_decoded_here()
    {
        foreach (var row in Render.RenderedStacks.All())
            Assert.Contains(row, StrictStacks.All.Keys);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_built_in_object_decodes_strictly_into_its_kubernetes_model(string stack)
    {
        var expected = StrictStacks.All[stack];
        var run = await StackRunner.RunAsync(expected.Config());
        var problems = new List<string>();
        var decoded = new List<string>();

        foreach (var registration in run.Registrations)
        {
            if (!KubernetesModels.TryGetForPulumiType(registration.Type!, out var builtIn)) continue;
            var json = WireJson.Object(registration.Inputs);
            var where = $"{registration.Type} {registration.Name}";
            if ((string?)json["apiVersion"] != builtIn.ApiVersion || (string?)json["kind"] != builtIn.Kind)
                problems.Add($"{where}: apiVersion/kind are {json["apiVersion"]}/{json["kind"]}, not {builtIn.ApiVersion}/{builtIn.Kind}");
            if (TryDecode(where, () => StrictJson.Decode(json, builtIn.Model), json.ToJsonString(), problems) is IKubernetesObject<V1ObjectMeta> obj
                && string.IsNullOrEmpty(obj.Metadata?.Name))
                problems.Add($"{where}: no metadata.name");
            decoded.Add($"{builtIn.ApiVersion}/{builtIn.Kind}");
        }

        var kubeVipPods = 0;
        foreach (var (name, payload) in FilePayloads(run))
        {
            if (!Paths(payload).Contains(NodeScripts.KubeVipTemplatePath)) continue;
            var manifest = NodeFilePayload.Content(payload, NodeScripts.KubeVipTemplatePath);
            if (TryDecode($"{name} {NodeScripts.KubeVipTemplatePath}", () => StrictJson.DecodeYaml<V1Pod>(manifest), manifest, problems) is V1Pod pod)
            {
                kubeVipPods++;
                var env = pod.Spec.Containers.Single().Env.ToDictionary(e => e.Name, e => e.Value);
                if (env["vip_arp"] != "true" || env["port"] != "6443" || env["vip_subnet"] != "32")
                    problems.Add($"{name}: kube-vip env is {string.Join(", ", env)}");
            }
            decoded.Add("v1/Pod");
        }

        var kubeconfig = (string)Assert.Single(run.RegistrationsOf(ProviderType)).Inputs["kubeconfig"];
        if (TryDecode($"{ProviderType} kubeconfig", () => StrictJson.DecodeYaml<KubeconfigDocument>(kubeconfig), kubeconfig, problems) is KubeconfigDocument config)
            Assert.StartsWith("https://", config.Clusters.Single().Cluster.Server);

        Assert.True(problems.Count == 0, $"{stack}: {problems.Count} objects fail a strict decode:\n{string.Join("\n\n", problems)}");
        Assert.Equal(expected.KubeVipPods, kubeVipPods);
        Assert.Subset(decoded.ToHashSet(), expected.ExpectedKinds.ToHashSet());
        Assert.True(decoded.Count >= 5, $"{stack}: only {decoded.Count} objects decoded");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_yaml_file_sent_to_a_node_reads_as_kubernetes_reads_it_without_anchors(string stack)
    {
        var run = await StackRunner.RunAsync(StrictStacks.All[stack].Config());
        var checkedFiles = 0;
        foreach (var (name, payload) in FilePayloads(run))
        {
            foreach (var path in Paths(payload).Where(p => p.EndsWith(".yaml", StringComparison.Ordinal)))
            {
                var yaml = NodeFilePayload.Content(payload, path);
                Assert.False(KubeYaml.HasAnchorsOrAliases(yaml), $"{name} {path} uses anchors or aliases:\n{yaml}");
                Assert.All(KubeYaml.Documents(yaml), d => Assert.False(string.IsNullOrEmpty((string?)d?["kind"]), $"{name} {path}: a document without kind"));
                checkedFiles++;
            }
        }
        Assert.True(checkedFiles > 0, $"{stack}: no YAML file found in the nodes' payloads");
    }

    /// <summary>Each node's files step (<c>...-files</c>) and its payload.</summary>
    private static IEnumerable<(string Name, string Payload)> FilePayloads(StackRun run) =>
        run.RegistrationsOf(CommandType)
            .Where(r => r.Name!.EndsWith("-files", StringComparison.Ordinal) && r.Inputs.ContainsKey("stdin"))
            .Select(r => (r.Name!, (string)r.Inputs["stdin"]));

    private static IReadOnlyList<string> Paths(string payload) =>
        payload.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[1]).ToList();

    private static object? TryDecode(string where, Func<object> decode, string text, List<string> problems)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is JsonException or YamlException)
        {
            problems.Add($"{where}: {e.Message}\n{text}");
            return null;
        }
    }
}
