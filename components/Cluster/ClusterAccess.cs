using Pulumi;
using K8sProvider = Pulumi.Kubernetes.Provider;
using K8sProviderArgs = Pulumi.Kubernetes.ProviderArgs;

namespace Platform.Components.Cluster;

/// <summary>
/// The admin kubeconfig, computed from the cluster's PKI (nothing is read back from a node), and the Kubernetes
/// provider every in-cluster layer uses. The provider's ClusterIdentifier is the cluster name, so a kubeconfig that
/// is unknown at the first preview, or changes when a credential is renewed, does not replace the provider (and with
/// it every Kubernetes object).
/// </summary>
public sealed class ClusterAccess : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:ClusterAccess";

    /// <summary>Computes the kubeconfig and creates the provider.</summary>
    public ClusterAccess(string name, ClusterAccessArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var kubeconfig = Output.Tuple(args.ServerUrl, args.CaCertPem, args.ClientCertPem, args.ClientKeyPem)
            .Apply(t => KubeconfigRenderer.Render(args.ClusterName, t.Item1, t.Item2, t.Item3, t.Item4));
        Kubeconfig = Output.CreateSecret(kubeconfig);
        ServerUrl = args.ServerUrl.ToOutput();
        Provider = new K8sProvider($"{name}-kubernetes", new K8sProviderArgs
        {
            KubeConfig = Kubeconfig,
            ClusterIdentifier = args.ClusterName,
        }, new CustomResourceOptions { Parent = this });
        RegisterOutputs(new Dictionary<string, object?> { ["serverUrl"] = ServerUrl, ["kubeconfig"] = Kubeconfig });
    }

    /// <summary>The admin kubeconfig; a secret.</summary>
    public Output<string> Kubeconfig { get; }

    /// <summary>The API server URL.</summary>
    public Output<string> ServerUrl { get; }

    /// <summary>The Kubernetes provider for every in-cluster layer.</summary>
    public K8sProvider Provider { get; }
}
