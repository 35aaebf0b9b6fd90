using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Components.Observability.Monitoring.Dashboards;

/// <summary>Renders a <see cref="GrafanaDashboard"/> as Grafana dashboard JSON (schema version 39): a
/// <c>datasource</c> variable of type prometheus (so the dashboard follows kube-prometheus-stack's Prometheus data
/// source, whatever its uid), panels two to a row, 12 columns wide and 8 high. A pure function.</summary>
public static partial class DashboardJson
{
    /// <summary>The dashboard schema version written.</summary>
    public const int SchemaVersion = 39;

    /// <summary>The JSON of <paramref name="dashboard"/>.</summary>
    /// <exception cref="ArgumentException">The uid is not a DNS-1123 label, or there are no panels, or a panel has no
    /// query.</exception>
    public static string Render(GrafanaDashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        if (!Uid().IsMatch(dashboard.Uid))
            throw new ArgumentException($"Dashboard uid '{dashboard.Uid}' is not a DNS-1123 label of at most 40 characters.", nameof(dashboard));
        if (dashboard.Panels.Count == 0)
            throw new ArgumentException($"Dashboard '{dashboard.Uid}' has no panels.", nameof(dashboard));
        if (dashboard.Panels.FirstOrDefault(p => p.Queries.Count == 0 || p.Queries.Any(q => string.IsNullOrWhiteSpace(q.Expr))) is { } empty)
            throw new ArgumentException($"Panel '{empty.Title}' of dashboard '{dashboard.Uid}' has no query.", nameof(dashboard));

        var datasource = new JsonObject { ["type"] = "prometheus", ["uid"] = "${datasource}" };
        var panels = new JsonArray();
        for (var i = 0; i < dashboard.Panels.Count; i++)
        {
            var panel = dashboard.Panels[i];
            var targets = new JsonArray();
            for (var q = 0; q < panel.Queries.Count; q++)
            {
                var target = new JsonObject
                {
                    ["refId"] = ((char)('A' + q)).ToString(),
                    ["datasource"] = datasource.DeepClone(),
                    ["expr"] = panel.Queries[q].Expr,
                };
                if (panel.Queries[q].Legend.Length > 0) target["legendFormat"] = panel.Queries[q].Legend;
                targets.Add(target);
            }
            panels.Add(new JsonObject
            {
                ["id"] = i + 1,
                ["type"] = panel.Kind == PanelKind.Stat ? "stat" : "timeseries",
                ["title"] = panel.Title,
                ["description"] = panel.Description,
                ["datasource"] = datasource.DeepClone(),
                ["gridPos"] = new JsonObject { ["x"] = i % 2 * 12, ["y"] = i / 2 * 8, ["w"] = 12, ["h"] = 8 },
                ["fieldConfig"] = new JsonObject { ["defaults"] = new JsonObject { ["unit"] = panel.Unit }, ["overrides"] = new JsonArray() },
                ["targets"] = targets,
            });
        }
        var root = new JsonObject
        {
            ["uid"] = dashboard.Uid,
            ["title"] = dashboard.Title,
            ["tags"] = new JsonArray([.. dashboard.Tags.Select(t => (JsonNode)t)]),
            ["schemaVersion"] = SchemaVersion,
            ["editable"] = false,
            ["refresh"] = "1m",
            ["time"] = new JsonObject { ["from"] = "now-6h", ["to"] = "now" },
            ["templating"] = new JsonObject
            {
                ["list"] = new JsonArray(new JsonObject
                {
                    ["name"] = "datasource",
                    ["label"] = "Data source",
                    ["type"] = "datasource",
                    ["query"] = "prometheus",
                }),
            },
            ["panels"] = panels,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$")]
    private static partial Regex Uid();
}
