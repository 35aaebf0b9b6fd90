using System.Text.Json.Serialization;

namespace Platform.Tests.Observability.Tracing;

// Grafana's data source provisioning file (grafana.com docs, administration/provisioning "Data sources"): the fields
// the platform writes, decoded strictly.
internal sealed record DataSourceFile(
    [property: JsonPropertyName("apiVersion")] int ApiVersion,
    [property: JsonPropertyName("datasources")] DataSource[] DataSources);

internal sealed record DataSource(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("access")] string Access,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("editable")] bool Editable,
    [property: JsonPropertyName("basicAuth")] bool? BasicAuth = null,
    [property: JsonPropertyName("basicAuthUser")] string? BasicAuthUser = null,
    [property: JsonPropertyName("jsonData")] Dictionary<string, System.Text.Json.JsonElement>? JsonData = null,
    [property: JsonPropertyName("secureJsonData")] Dictionary<string, string>? SecureJsonData = null);
