namespace Platform.Components.Observability;

/// <summary>The clients of the logging layer's OpenSearch (<see cref="LoggingBackend.Users"/>' keys), each with the
/// namespace it runs in and the indices it uses. The logging layer creates one user per client with exactly these
/// rights and lets these namespaces reach OpenSearch.</summary>
public static class LoggingClients
{
    /// <summary>Fluent Bit (namespace <c>fluent-bit</c>): writes the <c>logs-*</c> indices.</summary>
    public const string FluentBit = "fluent-bit";

    /// <summary>Jaeger (namespace <c>tracing</c>): writes and reads the <c>jaeger-*</c> indices.</summary>
    public const string Jaeger = "jaeger";

    /// <summary>Falcosidekick (namespace <c>falco</c>): writes the <c>falco-*</c> indices.</summary>
    public const string Falcosidekick = "falcosidekick";

    /// <summary>Grafana (namespace <c>monitoring</c>): reads the <c>logs-*</c>, <c>jaeger-*</c> and <c>falco-*</c>
    /// indices as a data source.</summary>
    public const string Grafana = "grafana";

    /// <summary>Each client with its namespace.</summary>
    public static IReadOnlyDictionary<string, string> Namespaces { get; } = new Dictionary<string, string>
    {
        [FluentBit] = "fluent-bit",
        [Jaeger] = "tracing",
        [Falcosidekick] = "falco",
        [Grafana] = "monitoring",
    }.AsReadOnly();
}
