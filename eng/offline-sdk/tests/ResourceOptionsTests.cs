using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Random;
using Pulumi.Testing;
using Pulumi.Utilities;
using K8sProvider = Pulumi.Kubernetes.Provider;
using K8sProviderArgs = Pulumi.Kubernetes.ProviderArgs;

namespace OfflineSdk.Tests;

public class ResourceOptionsTests
{
    private static readonly TestOptions Run = new() { IsPreview = false, ProjectName = "proj", StackName = "dev" };

    private sealed class Group : ComponentResource
    {
        public Group(string name, ComponentResourceOptions? options = null) : base("platform:test:Group", name, options)
        {
            Namespace = new Namespace($"{name}-ns", new NamespaceArgs(), new CustomResourceOptions { Parent = this });
            RegisterOutputs(new Dictionary<string, object?> { ["ns"] = Namespace.Urn });
        }

        public Namespace Namespace { get; }
    }

    [Fact]
    public async Task Children_get_Stack_qualified_urns_and_the_providers_of_their_parents()
    {
        var mocks = new RecordingMocks { Id = r => r.Type == "pulumi:providers:kubernetes" ? "prov-id" : null };
        Group? group = null;
        await Deployment.TestAsync(mocks, Run, () =>
        {
            var provider = new K8sProvider("k8s", new K8sProviderArgs { KubeConfig = "cfg", ClusterIdentifier = "c" });
            group = new Group("g", new ComponentResourceOptions { Providers = { provider } });
        });
        Assert.Equal("urn:pulumi:dev::proj::pulumi:pulumi:Stack$kubernetes:core/v1:Namespace::g-ns", await OutputUtilities.GetValueAsync(group!.Namespace.Urn));
        Assert.Equal("urn:pulumi:dev::proj::pulumi:pulumi:Stack$pulumi:providers:kubernetes::k8s::prov-id", mocks.Single("kubernetes:core/v1:Namespace", "g-ns").Provider);
        Assert.Equal("", mocks.Single("platform:test:Group", "g").Provider);
        var outputs = Assert.Single(mocks.OutputRegistrations);
        Assert.Equal("urn:pulumi:dev::proj::pulumi:pulumi:Stack$platform:test:Group::g", outputs.Urn);
        Assert.Contains("ns", outputs.Outputs.Keys);
    }

    [Fact]
    public async Task A_provider_without_an_id_is_referenced_with_the_unknown_id()
    {
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, Run, () =>
        {
            var provider = new K8sProvider("k8s", new K8sProviderArgs());
            _ = new Namespace("ns", new NamespaceArgs(), new CustomResourceOptions { Provider = provider });
        });
        Assert.EndsWith("k8s::04da6b54-80e4-46f7-96ec-b56ff0331ba9", mocks.Single("kubernetes:core/v1:Namespace", "ns").Provider);
    }

    [Fact]
    public async Task Options_are_kept_and_visible_to_transformations()
    {
        var seen = new Dictionary<string, ResourceOptions>();
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, Run, () =>
        {
            var first = new RandomString("first", new RandomStringArgs { Length = 1 });
            var parent = new ComponentResource("platform:test:Parent", "parent", new ComponentResourceOptions
            {
                ResourceTransformations = { args => { seen[args.Resource.GetResourceName()] = args.Options; return null; } },
            });
            _ = new RandomString("child", new RandomStringArgs { Length = 2 }, new CustomResourceOptions
            {
                Parent = parent, Protect = true, DependsOn = { first }, IgnoreChanges = { "length" }, RetainOnDelete = true,
                DeleteBeforeReplace = true, AdditionalSecretOutputs = { "result" }, CustomTimeouts = new CustomTimeouts { Create = TimeSpan.FromMinutes(5) },
                Aliases = { new Alias { Name = "old" } },
            });
        });
        var options = Assert.IsType<CustomResourceOptions>(seen["child"]);
        Assert.True(options.Protect);
        Assert.True(options.RetainOnDelete);
        Assert.True(options.DeleteBeforeReplace);
        Assert.Equal(new[] { "length" }, options.IgnoreChanges);
        Assert.Equal(new[] { "result" }, options.AdditionalSecretOutputs);
        Assert.Equal(TimeSpan.FromMinutes(5), options.CustomTimeouts!.Create);
        Assert.Single(options.Aliases);
        Assert.Single(await OutputUtilities.GetValueAsync(options.DependsOn.ToOutput()));
    }

    [Fact]
    public async Task Transformations_can_change_args_before_registration()
    {
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, Run, () =>
        {
            var parent = new ComponentResource("platform:test:Parent", "parent", new ComponentResourceOptions
            {
                ResourceTransformations = { args => args.Args is RandomStringArgs a ? new ResourceTransformationResult(new RandomStringArgs { Length = 9 }, args.Options) : null },
            });
            _ = new RandomString("child", new RandomStringArgs { Length = 2 }, new CustomResourceOptions { Parent = parent });
        });
        Assert.Equal(9.0, mocks.Single("random:index/randomString:RandomString", "child").Inputs["length"]);
    }
}
