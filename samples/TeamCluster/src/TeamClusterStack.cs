using Platform.Components.Cluster;
using Platform.Components.Networking;
using Platform.Components.Networking.Cni;
using Pulumi;

namespace TeamCluster;

/// <summary>
/// A team's stack composed from Platform.Components: a kubeadm cluster on the team's hosts (one control plane serving
/// the API directly), Cilium as its network and one tenant namespace with Pod Security restricted and default-deny
/// NetworkPolicies. Every Kubernetes object goes through the cluster's own provider.
/// </summary>
public sealed class TeamClusterStack : Stack
{
    /// <summary>Builds the stack from the <c>team-cluster:</c> configuration.</summary>
    public TeamClusterStack()
    {
        var settings = TeamClusterSettings.From(new Config());
        var endpoint = settings.FirstControlPlane.Address;
        var cluster = new Cluster(settings.ClusterName, new ClusterArgs
        {
            ClusterName = settings.ClusterName,
            KubernetesVersion = settings.KubernetesVersion,
            // The containerd lines containerd's own support matrix lists for 1.36 and 1.37 (RELEASES.md, "Kubernetes
            // Support"); a node with an older containerd is upgraded by its preparation step.
            ContainerRuntime = new ContainerRuntime { SandboxImage = settings.SandboxImage, SupportedContainerd = ["2.3.0", "2.2.0"] },
            Nodes = settings.Nodes,
            ApiEndpointHost = endpoint,
            ApiEndpointMode = ApiEndpointMode.Direct,
            PodCidr = "10.244.0.0/16",
            ServiceCidr = "10.96.0.0/12",
            SshPrivateKey = new Config().RequireSecret("sshPrivateKey"),
        });
        var onCluster = new ComponentResourceOptions { Providers = { cluster.Access.Provider } };
        var network = new ContainerNetwork($"{settings.ClusterName}-cni", new ContainerNetworkArgs
        {
            Options = new CniOptions { CiliumOperatorReplicas = settings.Nodes.Count == 1 ? 1 : 2 },
            Cluster = new CniClusterFacts { ClusterName = settings.ClusterName, PodCidr = "10.244.0.0/16", ApiServerHost = endpoint },
        }, onCluster);
        var tenant = new PlatformNamespace(settings.Tenant, new PlatformNamespaceArgs { Name = settings.Tenant }, onCluster);

        Kubeconfig = cluster.Access.Kubeconfig;
        Tenant = tenant.NamespaceName;
        NetworkStatus = network.Release.Status.Apply(status => status.Status);
    }

    /// <summary>The cluster's admin kubeconfig (a secret).</summary>
    [Output("kubeconfig")]
    public Output<string> Kubeconfig { get; private set; }

    /// <summary>The tenant namespace's name.</summary>
    [Output("tenant")]
    public Output<string> Tenant { get; private set; }

    /// <summary>The Cilium release's status.</summary>
    [Output("networkStatus")]
    public Output<string> NetworkStatus { get; private set; }
}
