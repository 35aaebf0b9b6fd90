using k8s.Models;

namespace Platform.Tests.Validation;

/// <summary>The map from built-in kinds and Pulumi type tokens to KubernetesClient's model types.</summary>
public class KubernetesModelsTests
{
    [Theory]
    [InlineData("v1", "Pod", typeof(V1Pod))]
    [InlineData("v1", "Namespace", typeof(V1Namespace))]
    [InlineData("v1", "Secret", typeof(V1Secret))]
    [InlineData("apps/v1", "Deployment", typeof(V1Deployment))]
    [InlineData("networking.k8s.io/v1", "NetworkPolicy", typeof(V1NetworkPolicy))]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRole", typeof(V1ClusterRole))]
    [InlineData("apiextensions.k8s.io/v1", "CustomResourceDefinition", typeof(V1CustomResourceDefinition))]
    public void Maps_api_version_and_kind_to_the_model_type(string apiVersion, string kind, Type model)
    {
        Assert.True(KubernetesModels.TryGet(apiVersion, kind, out var found));
        Assert.Equal(model, found);
    }

    [Fact]
    public void Knows_the_whole_built_in_api_and_nothing_else()
    {
        Assert.True(KubernetesModels.ByKind.Count > 100, $"only {KubernetesModels.ByKind.Count} kinds found");
        Assert.All(KubernetesModels.ByKind, kv => Assert.Equal("k8s.Models", kv.Value.Namespace));
        Assert.False(KubernetesModels.TryGet("core/v1", "Pod", out _));
        Assert.False(KubernetesModels.TryGet("v1", "pod", out _));
        Assert.False(KubernetesModels.TryGet("cert-manager.io/v1", "ClusterIssuer", out _));
    }

    [Theory]
    [InlineData("kubernetes:core/v1:Namespace", "v1", "Namespace", typeof(V1Namespace))]
    [InlineData("kubernetes:core/v1:Secret", "v1", "Secret", typeof(V1Secret))]
    [InlineData("kubernetes:networking.k8s.io/v1:NetworkPolicy", "networking.k8s.io/v1", "NetworkPolicy", typeof(V1NetworkPolicy))]
    [InlineData("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "rbac.authorization.k8s.io/v1", "ClusterRole", typeof(V1ClusterRole))]
    [InlineData("kubernetes:networking.k8s.io/v1:IngressClass", "networking.k8s.io/v1", "IngressClass", typeof(V1IngressClass))]
    public void A_pulumi_type_token_of_a_built_in_kind_names_its_model(string token, string apiVersion, string kind, Type model)
    {
        Assert.True(KubernetesModels.TryGetForPulumiType(token, out var builtIn));
        Assert.Equal(new BuiltInKind(apiVersion, kind, model), builtIn);
    }

    [Theory]
    [InlineData("kubernetes:cert-manager.io/v1:ClusterIssuer")]
    [InlineData("kubernetes:metallb.io/v1beta1:IPAddressPool")]
    [InlineData("kubernetes:cilium.io/v2:CiliumLoadBalancerIPPool")]
    [InlineData("kubernetes:helm.sh/v3:Release")]
    [InlineData("kubernetes:yaml/v2:ConfigGroup")]
    [InlineData("kubernetes:core/v1:NamespacePatch")]
    [InlineData("pulumi:providers:kubernetes")]
    [InlineData("command:remote:Command")]
    [InlineData("kubernetes:v1:Pod")]
    [InlineData("")]
    public void Other_type_tokens_are_not_built_in_kinds(string token)
    {
        Assert.False(KubernetesModels.TryGetForPulumiType(token, out var builtIn));
        Assert.Null(builtIn);
    }
}
