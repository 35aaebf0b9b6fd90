using k8s.Models;
using Platform.Components.Cluster.Scripts;
using Platform.Renderer;
using Platform.Tests.Render;
using Platform.Tests.Validation.ConfigApi;

namespace Platform.Tests.Validation;

/// <summary>Every YAML file a node receives, in every stack eng/render covers, decodes strictly: the kubeadm, kubelet,
/// kube-proxy and API server documents through the configuration records, the kube-vip static pod as a Pod.</summary>
public class NodeFilesDecodeTests
{
    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task Every_yaml_file_sent_to_a_node_decodes_strictly(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);
        // platform:kubernetesVersion is required: every rendered stack pins it.
        Assert.True(plan.Stack.Config.TryGetValue("platform:kubernetesVersion", out var text), $"{stack} does not set platform:kubernetesVersion");
        var minor = Platform.Stacks.Configuration.KubernetesVersion.Parse(text).MinorVersion;
        var decoded = new List<string>();

        foreach (var command in plan.OfType("command:remote:Command"))
        {
            if (command.Inputs["stdin"]?.GetValue<string>() is not { } stdin || !NodeFiles.TryParse(stdin, out var files)) continue;
            foreach (var file in files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal)))
            {
                if (file.Path == NodeScripts.KubeVipTemplatePath)
                    StrictJson.DecodeYaml<V1Pod>(file.Content);
                else
                    Assert.NotEmpty(ConfigDocuments.DecodeStream(file.Content, minor));
                decoded.Add(Path.GetFileName(file.Path));
            }
        }

        Assert.Contains("kubeadm.yaml", decoded);
        Assert.Contains("audit-policy.yaml", decoded);
        Assert.Contains("admission-config.yaml", decoded);
    }

    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task Every_node_pins_kubelets_node_ip_to_its_inventory_address_for_init_and_join(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);
        var minor = Platform.Stacks.Configuration.KubernetesVersion.Parse(plan.Stack.Config["platform:kubernetesVersion"]).MinorVersion;
        var pinned = new List<(string, string?)>();

        foreach (var command in plan.OfType("command:remote:Command"))
        {
            if (command.Inputs["stdin"]?.GetValue<string>() is not { } stdin || !NodeFiles.TryParse(stdin, out var files)) continue;
            if (files.SingleOrDefault(f => f.Path == NodeScripts.KubeadmConfigPath) is not { } kubeadm) continue;
            var registration = ConfigDocuments.DecodeStream(kubeadm.Content, minor).Select(d => d switch
            {
                IKubeadmInitConfiguration init => init.NodeRegistration,
                IKubeadmJoinConfiguration join => join.NodeRegistration,
                _ => null,
            }).Single(r => r != null)!;
            var address = command.Inputs["connection"]!["host"]!.GetValue<string>();
            var arg = Assert.Single(registration.KubeletExtraArgs!);
            Assert.Equal("node-ip", arg.Name);
            pinned.Add((address, arg.Value));
        }

        Assert.NotEmpty(pinned);
        Assert.All(pinned, p => Assert.Equal(p.Item1, p.Item2));
    }
}
