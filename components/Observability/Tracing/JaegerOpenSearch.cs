namespace Platform.Components.Observability.Tracing;

/// <summary>Where Jaeger keeps traces when the logging capability is on: the logging layer's OpenSearch, reached over
/// HTTPS verified against its CA, as the <c>jaeger</c> user (<see cref="LoggingClients.Jaeger"/>), in the daily
/// <c>jaeger-jaeger-span-YYYY-MM-DD</c> (and <c>-service-</c>) indices of <see cref="JaegerConfiguration.IndexPrefix"/>.
/// Only facts that are not secret: the credentials reach the pod from a Secret.</summary>
public sealed record JaegerOpenSearch
{
    /// <summary>OpenSearch's HTTPS endpoint (<see cref="LoggingBackend.Endpoint"/>). Required.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Replicas of each index's shard: 0 keeps one copy (a one-node OpenSearch), 1 survives the loss of a
    /// node. Default 1.</summary>
    public int IndexReplicas { get; init; } = 1;
}
