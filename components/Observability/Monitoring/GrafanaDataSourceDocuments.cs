using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Components.Observability.Monitoring;

/// <summary>Grafana data source provisioning files (<c>apiVersion: 1</c>, <c>datasources: [...]</c>, Grafana's
/// "Provision Grafana" format), written as JSON, which is YAML too: kube-prometheus-stack's datasource sidecar copies
/// every key of a Secret labelled <see cref="SidecarLabel"/> in Grafana's namespace into Grafana's provisioning folder.
/// Pure functions; the secret parts (a password, a CA) are given as plain text and the caller keeps the result a Pulumi
/// secret.</summary>
public static class GrafanaDataSourceDocuments
{
    /// <summary>The label the datasource sidecar watches (kube-prometheus-stack values <c>grafana.sidecar.datasources.label</c>,
    /// value <see cref="SidecarLabelValue"/>).</summary>
    public const string SidecarLabel = "grafana_datasource";

    /// <summary>The label's value (<c>grafana.sidecar.datasources.labelValue</c>).</summary>
    public const string SidecarLabelValue = "1";

    /// <summary>The plugin id of Grafana's OpenSearch data source. Grafana's built-in Elasticsearch data source refuses
    /// versions below 7.16 (<c>isSupportedVersion</c>), and OpenSearch 3.x reports its own version number, so only the
    /// plugin reads OpenSearch.</summary>
    public const string OpenSearchPluginId = "grafana-opensearch-datasource";

    /// <summary>The plugin's version Grafana installs at start (<c>grafana.plugins</c>): 2.34.2, the newest release
    /// (grafana/opensearch-datasource tag v2.34.2, 2026-08; needs Grafana 10.4 or later, kube-prometheus-stack 88.5.3
    /// runs 13.2).</summary>
    public const string OpenSearchPluginVersion = "2.34.2";

    /// <summary>The OpenSearch version the data source is told (<c>jsonData.version</c>; the plugin picks its query
    /// syntax by it): the 3.x line of the logging layer's chart (opensearch 3.6.0 in the reference data).</summary>
    public const string OpenSearchVersion = "3.0.0";

    /// <summary>The Jaeger data source's uid.</summary>
    public const string JaegerUid = "jaeger";

    /// <summary>The OpenSearch logs data source's uid.</summary>
    public const string OpenSearchLogsUid = "opensearch-logs";

    /// <summary>Grafana's Jaeger data source (built in) on the query API at <paramref name="url"/>.</summary>
    public static string Jaeger(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        return Document(new JsonObject
        {
            ["name"] = "Jaeger",
            ["type"] = "jaeger",
            ["uid"] = JaegerUid,
            ["access"] = "proxy",
            ["url"] = url,
            ["editable"] = false,
        });
    }

    /// <summary>The OpenSearch logs data source (<see cref="OpenSearchPluginId"/>) at <paramref name="url"/> over the
    /// index pattern <paramref name="indexPattern"/>, as <paramref name="username"/>, verifying the server against
    /// <paramref name="caCertificatePem"/> (never skipping verification).</summary>
    public static string OpenSearchLogs(string url, string indexPattern, string username, string password, string caCertificatePem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(indexPattern);
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        if (!caCertificatePem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            throw new ArgumentException("OpenSearch's CA certificate is not PEM.", nameof(caCertificatePem));
        return Document(new JsonObject
        {
            ["name"] = "OpenSearch logs",
            ["type"] = OpenSearchPluginId,
            ["uid"] = OpenSearchLogsUid,
            ["access"] = "proxy",
            ["url"] = url,
            ["basicAuth"] = true,
            ["basicAuthUser"] = username,
            ["editable"] = false,
            ["jsonData"] = new JsonObject
            {
                ["flavor"] = "opensearch",
                ["version"] = OpenSearchVersion,
                ["database"] = indexPattern,
                ["timeField"] = "@timestamp",
                // PPL needs the cluster permission cluster:admin/opensearch/ppl, which Grafana's read-only user has not.
                ["pplEnabled"] = false,
                ["serverless"] = false,
                ["tlsAuth"] = false,
                ["tlsAuthWithCACert"] = true,
                ["tlsSkipVerify"] = false,
            },
            ["secureJsonData"] = new JsonObject
            {
                ["basicAuthPassword"] = password,
                ["tlsCACert"] = caCertificatePem,
            },
        });
    }

    private static string Document(JsonObject dataSource) => new JsonObject
    {
        ["apiVersion"] = 1,
        ["datasources"] = new JsonArray(dataSource),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
