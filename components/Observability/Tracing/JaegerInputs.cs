namespace Platform.Components.Observability.Tracing;

/// <summary>What <see cref="JaegerValues"/> needs beyond <see cref="TracingOptions"/>: facts of the stack the tracing
/// layer is composed into.</summary>
public sealed record JaegerInputs
{
    /// <summary>The logging layer's OpenSearch, where traces go; null without the logging capability (then the memory
    /// storage: traces are lost when the pod restarts). Default null.</summary>
    public JaegerOpenSearch? OpenSearch { get; init; }

    /// <summary>The default IngressClass the UI is exposed through with <see cref="TracingOptions.Host"/>; null without
    /// the ingress capability (then no Ingress). Default null.</summary>
    public string? IngressClass { get; init; }

    /// <summary>The cert-manager ClusterIssuer of the UI's certificate; null without the certificates capability (the
    /// Ingress serves plain HTTP then). Default null.</summary>
    public string? ClusterIssuer { get; init; }
}
