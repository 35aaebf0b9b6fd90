using System.Collections.Immutable;
using Pulumi;
using Pulumi.Command.Remote;
using Pulumi.Command.Remote.Inputs;
using Pulumi.Kubernetes.ApiExtensions;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Testing;

namespace OfflineSdk.Tests;

public class SerializationTests
{
    private static readonly TestOptions Run = new() { IsPreview = false, ProjectName = "proj", StackName = "dev" };

    private sealed class IssuerArgs : CustomResourceArgs
    {
        public IssuerArgs() : base("cert-manager.io/v1", "ClusterIssuer") { }

        [Input("spec")] public Input<object>? Spec { get; set; }
    }

    [Fact]
    public async Task Inputs_arrive_under_their_wire_names_with_nested_args_as_dictionaries_and_numbers_as_doubles()
    {
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, Run, () =>
        {
            _ = new Command("cmd", new CommandArgs
            {
                Connection = new ConnectionArgs { Host = "10.0.0.1", PrivateKey = Output.CreateSecret("key") },
                Create = "echo hi",
                Environment = { { "A", "1" } },
                Triggers = new Input<object>[] { "v1", 2 },
                Logging = Logging.None,
            });
        });
        var inputs = mocks.Single("command:remote:Command", "cmd").Inputs;
        var connection = Assert.IsType<ImmutableDictionary<string, object>>(inputs["connection"]);
        Assert.Equal("10.0.0.1", connection["host"]);
        Assert.Equal("key", connection["privateKey"]);
        Assert.Equal(22.0, connection["port"]);
        Assert.Equal("root", connection["user"]);
        Assert.Equal(10.0, connection["dialErrorLimit"]);
        Assert.Equal("none", inputs["logging"]);
        Assert.Equal(new object[] { "v1", 2.0 }, ((ImmutableArray<object>)inputs["triggers"]).ToArray());
        Assert.Equal("1", ((ImmutableDictionary<string, object>)inputs["environment"])["A"]);
        Assert.False(inputs.ContainsKey("delete"));
    }

    [Fact]
    public async Task Kubernetes_resources_use_Pulumi_type_tokens_and_send_kind_and_compat()
    {
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, Run, () =>
        {
            _ = new Namespace("ns", new NamespaceArgs { Metadata = new ObjectMetaArgs { Name = "monitoring" } });
            _ = new Release("rel", new ReleaseArgs { Chart = "c", Values = new Dictionary<string, object> { ["a"] = new[] { 1, 2 } } });
            _ = new Pulumi.Kubernetes.ApiExtensions.CustomResource("issuer", new IssuerArgs { Spec = new Dictionary<string, object> { ["ca"] = "x" } });
            _ = new Pulumi.Kubernetes.Yaml.V2.ConfigGroup("cg", new Pulumi.Kubernetes.Types.Inputs.Yaml.V2.ConfigGroupArgs { Yaml = "a: b" });
        });
        var ns = mocks.Single("kubernetes:core/v1:Namespace", "ns").Inputs;
        Assert.Equal("v1", ns["apiVersion"]);
        Assert.Equal("Namespace", ns["kind"]);
        var release = mocks.Single("kubernetes:helm.sh/v3:Release", "rel").Inputs;
        Assert.Equal("true", release["compat"]);
        Assert.Equal(new object[] { 1.0, 2.0 }, ((ImmutableArray<object>)((ImmutableDictionary<string, object>)release["values"])["a"]).ToArray());
        var issuer = mocks.Single("kubernetes:cert-manager.io/v1:ClusterIssuer", "issuer").Inputs;
        Assert.Equal("ClusterIssuer", issuer["kind"]);
        Assert.Equal("a: b", mocks.Single("kubernetes:yaml/v2:ConfigGroup", "cg").Inputs["yaml"]);
    }

    [Fact]
    public async Task Assets_reach_the_mocks_as_asset_objects()
    {
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, Run, () =>
        {
            _ = new CopyToRemote("cp", new CopyToRemoteArgs
            {
                Connection = new ConnectionArgs { Host = "h" }, Source = new StringAsset("text"), RemotePath = "/tmp/x",
            });
        });
        Assert.IsType<StringAsset>(mocks.Single("command:remote:CopyToRemote", "cp").Inputs["source"]);
    }

    [Fact]
    public async Task Components_register_with_empty_inputs()
    {
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, Run, () => { _ = new ComponentResource("platform:test:Thing", "thing"); });
        Assert.Empty(mocks.Single("platform:test:Thing", "thing").Inputs);
    }
}
