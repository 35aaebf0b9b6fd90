using System.Text.Json;
using Platform.Tests.Configuration;

namespace Platform.Tests.Cluster;

/// <summary>Configurations for cluster tests: a valid base with a chosen inventory.</summary>
internal static class ClusterInventories
{
    public static Dictionary<string, string> With(int controlPlanes, int workers, string os = "ubuntu-24.04", string? apiEndpoint = null,
        Action<Dictionary<string, string>>? edit = null)
    {
        var nodes = new List<Dictionary<string, object>>();
        for (var i = 1; i <= controlPlanes; i++)
            nodes.Add(new() { ["name"] = $"cp-{i}", ["address"] = $"10.0.0.{10 + i}", ["role"] = "control-plane", ["os"] = os });
        for (var i = 1; i <= workers; i++)
            nodes.Add(new() { ["name"] = $"worker-{i}", ["address"] = $"10.0.1.{10 + i}", ["role"] = "worker", ["os"] = os });
        var values = ValidConfig.Values();
        values["nodes"] = JsonSerializer.Serialize(nodes);
        values["apiEndpoint"] = apiEndpoint ?? (controlPlanes == 1 ? "10.0.0.11" : "10.0.0.10");
        edit?.Invoke(values);
        return values;
    }

    public const string ClusterName = "platform-prod";

    public static string Resource(string node, string step) => $"{ClusterName}-{node}-{step}";
}
