using Moq;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Testing;
using K8sProvider = Pulumi.Kubernetes.Provider;
using K8sProviderArgs = Pulumi.Kubernetes.ProviderArgs;

namespace Platform.Tests.Engine;

/// <summary>
/// Behaviours of Pulumi's mock engine that the platform's code and tests rely on. They hold for the real packages
/// and for the offline SDK alike; if the offline engine drifts, these fail here too.
/// </summary>
public class PulumiBehaviourTests
{
    private static readonly TestOptions Run = new() { IsPreview = false, ProjectName = "platform", StackName = "test" };

    [Fact]
    public async Task Explicit_secrets_survive_tuple_apply_and_format()
    {
        var key = Output.CreateSecret("key");
        var combined = Output.Tuple(Output.Create("a"), key).Apply(t => t.Item1 + t.Item2);
        Assert.True(await Outputs.IsSecretAsync(combined));
        Assert.True(await Outputs.IsSecretAsync(Output.Format($"x{key}")));
    }

    [Fact]
    public async Task Children_of_a_component_use_the_provider_given_in_its_Providers_option()
    {
        var mocks = new PlatformMocks();
        await Deployment.TestAsync(mocks.Mock.Object, Run, () =>
        {
            var provider = new K8sProvider("k8s", new K8sProviderArgs { KubeConfig = "cfg", ClusterIdentifier = "c" });
            var layer = new ComponentResource("platform:test:Layer", "layer", new ComponentResourceOptions { Providers = { provider } });
            _ = new Namespace("ns", new NamespaceArgs { Metadata = new ObjectMetaArgs { Name = "x" } }, new CustomResourceOptions { Parent = layer });
        });
        var ns = Assert.Single(mocks.Registrations, r => r.Type == "kubernetes:core/v1:Namespace");
        Assert.Equal("urn:pulumi:test::platform::pulumi:pulumi:Stack$pulumi:providers:kubernetes::k8s::k8s-id", ns.Provider);
        Assert.Equal("x", ((IReadOnlyDictionary<string, object>)ns.Inputs["metadata"])["name"]);
    }

    [Fact]
    public async Task In_preview_mock_outputs_are_known_and_empty_ids_are_unknown()
    {
        var mock = new Mock<IMocks>();
        mock.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .ReturnsAsync((MockResourceArgs a) => ("", a.Inputs));
        Namespace? ns = null;
        await Deployment.TestAsync(mock.Object, new TestOptions { IsPreview = true }, () =>
        {
            ns = new Namespace("ns", new NamespaceArgs { Metadata = new ObjectMetaArgs { Name = "x" } });
        });
        Assert.Equal("x", (await Outputs.ValueAsync(ns!.Metadata)).Name);
        Assert.False(await Outputs.IsKnownAsync(ns.Id));
    }

    [Fact]
    public async Task A_run_exception_from_the_program_reaches_the_caller_as_its_message()
    {
        var error = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(new PlatformMocks().Mock.Object, Run,
            (Action)(() => throw new RunException("platform:tier: missing"))));
        Assert.Equal("platform:tier: missing", error.Message);
    }
}
