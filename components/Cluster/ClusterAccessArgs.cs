using Pulumi;

namespace Platform.Components.Cluster;

/// <summary>What <see cref="ClusterAccess"/> needs to reach the cluster's API server as its administrator.</summary>
public sealed record ClusterAccessArgs
{
    /// <summary>The cluster's name: the kubeconfig's cluster entry and the provider's stable ClusterIdentifier. Required.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The API server URL, e.g. https://10.0.0.10:6443. Required.</summary>
    public required Input<string> ServerUrl { get; init; }

    /// <summary>The cluster CA certificate, PEM. Required.</summary>
    public required Input<string> CaCertPem { get; init; }

    /// <summary>The admin client certificate, PEM. Required.</summary>
    public required Input<string> ClientCertPem { get; init; }

    /// <summary>The admin client key, PEM. Required; it stays secret.</summary>
    public required Input<string> ClientKeyPem { get; init; }
}
