using Platform.Components.Cluster.Kubeadm;
using Pulumi;

namespace Platform.Components.Cluster;

/// <summary>Everything <see cref="Cluster"/> needs to build a kubeadm cluster from an inventory of hosts.</summary>
public sealed record ClusterArgs
{
    /// <summary>The cluster's name (kubeadm clusterName, kubeconfig, the provider's ClusterIdentifier). Required.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The Kubernetes version, MAJOR.MINOR.PATCH; changing it upgrades the cluster in kubeadm's order. Required.</summary>
    public required string KubernetesVersion { get; init; }

    /// <summary>The container runtime every node needs for <see cref="KubernetesVersion"/> (sandbox image, supported
    /// containerd releases). Required.</summary>
    public required ContainerRuntime ContainerRuntime { get; init; }

    /// <summary>The hosts, in inventory order; the first control-plane node that is not dead runs <c>kubeadm init</c> (unless
    /// it joined the cluster) and the cluster's admin steps. Required.</summary>
    public required IReadOnlyList<ClusterNode> Nodes { get; init; }

    /// <summary>The API endpoint's host (IPv4 address or DNS name). Required.</summary>
    public required string ApiEndpointHost { get; init; }

    /// <summary>The API endpoint's port. Default 6443.</summary>
    public int ApiEndpointPort { get; init; } = 6443;

    /// <summary>How the endpoint is served. Required.</summary>
    public required ApiEndpointMode ApiEndpointMode { get; init; }

    /// <summary>The pod CIDR. Required.</summary>
    public required string PodCidr { get; init; }

    /// <summary>The Service CIDR. Required.</summary>
    public required string ServiceCidr { get; init; }

    /// <summary>The cluster DNS domain. Default cluster.local.</summary>
    public string DnsDomain { get; init; } = "cluster.local";

    /// <summary>The SSH private key for every node and bastion; kept secret. Required.</summary>
    public required Input<string> SshPrivateKey { get; init; }

    /// <summary>Whether the cluster runs kube-proxy; false when the CNI replaces it (Cilium's kube-proxy replacement).
    /// Default true. <c>kubeadm init</c> installs kube-proxy or skips it accordingly; on a running cluster,
    /// <see cref="Cluster.ReconcileServiceProxy"/> adds or removes it when this changes (removing it only while Cilium's
    /// kube-proxy replacement is on), and upgrades skip kubeadm's kube-proxy addon when it is false.</summary>
    public bool KubeProxy { get; init; } = true;

    /// <summary>Whether Secrets are still written with aescbc (the key of earlier versions) while every API server learns
    /// to read secretbox: the first phase of moving a cluster deployed by an earlier version. Default false: secretbox
    /// writes.</summary>
    public bool SecretsEncryptionMigration { get; init; }

    /// <summary>How many workers an upgrade takes out at once: the workers upgrade in waves of that many (in inventory
    /// order), each wave once the previous one is uncordoned, after every control-plane node (one at a time). Default
    /// <see cref="MaxUnavailableWorkers.Default"/>, 10% of the workers.</summary>
    public MaxUnavailableWorkers MaxUnavailableWorkers { get; init; } = MaxUnavailableWorkers.Default;

    /// <summary>The clock that dates the run: the day of the control-plane nodes' certificate expiry steps (their trigger,
    /// see <see cref="Cluster.EarliestCertificateExpiry"/>). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Whether the controller manager and the scheduler serve a certificate signed by the cluster CA (for
    /// <c>127.0.0.1</c> and <c>localhost</c>, from <see cref="ClusterPki.ControlPlaneServing"/>) instead of the self-signed
    /// one each makes at start, so the metrics proxy on the node can verify them; their bind address stays 127.0.0.1.
    /// Default false; the stack sets it when the monitoring capability is on.</summary>
    public bool ControlPlaneServingCertificates { get; init; }

    /// <summary>The hardening switches. Default: everything hardened.</summary>
    public KubeadmHardening Hardening { get; init; } = new();

    /// <summary>The control-plane nodes' scheduled etcd backups to the backup target. Default none: no backup is
    /// scheduled (and one scheduled before is removed); the restore script is on every control-plane node either way.</summary>
    public EtcdBackup.EtcdBackupArgs EtcdBackup { get; init; } = new();
}
