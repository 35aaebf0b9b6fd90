using Platform.Components.Cluster;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Configuration;
using Pulumi;

namespace Platform.Stacks.Composition;

/// <summary>What every platform layer is built from: the validated settings, the capability decisions and the cluster core.</summary>
public sealed record PlatformContext
{
    /// <summary>The validated configuration.</summary>
    public required PlatformSettings Settings { get; init; }

    /// <summary>Every capability's decision for this stack.</summary>
    public required IReadOnlyList<CapabilityDecision> Capabilities { get; init; }

    /// <summary>The SSH private key for the nodes; a secret.</summary>
    public required Output<string> SshPrivateKey { get; init; }

    /// <summary>The cluster's PKI.</summary>
    public required ClusterPki Pki { get; init; }

    /// <summary>The admin kubeconfig and the shared Kubernetes provider.</summary>
    public required ClusterAccess Access { get; init; }
}
