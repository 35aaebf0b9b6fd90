using System.Collections.Immutable;
using Platform.Components.Networking.ExternalDns;
using Pulumi;

namespace Platform.Components.Networking;

/// <summary>What <see cref="ExternalDnsLayer"/> installs.</summary>
public sealed record ExternalDnsLayerArgs
{
    /// <summary>The DNS provider, zones and policy. Required.</summary>
    public required ExternalDnsOptions Options { get; init; }

    /// <summary>The cluster's name: the TXT owner id that marks the records this cluster manages. Required.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The provider's credentials, by the keys <see cref="ExternalDnsValues.CredentialKeys"/> lists; kept secret.
    /// Required when the provider needs any.</summary>
    public Output<ImmutableDictionary<string, string>>? Credentials { get; init; }

    /// <summary>How external-dns is scraped; null (the default) when monitoring is off. With it the chart creates its
    /// ServiceMonitor and the release waits for the Prometheus Operator's CRDs.</summary>
    public Observability.MetricsScraping? Metrics { get; init; }
}
