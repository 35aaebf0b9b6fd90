using System.Text.Json;

namespace Platform.Tests.Security;

/// <summary>Admission objects as the API server sends them (JSON), built from a few facts.</summary>
internal static class Workloads
{
    /// <summary>A container: its name, image, and optionally resources and probes.</summary>
    public static Dictionary<string, object> Container(string name, string image, object? resources = null, bool probes = false)
    {
        var container = new Dictionary<string, object> { ["name"] = name, ["image"] = image };
        if (resources is not null) container["resources"] = resources;
        if (probes)
        {
            container["livenessProbe"] = new Dictionary<string, object> { ["httpGet"] = new Dictionary<string, object> { ["path"] = "/healthz", ["port"] = 8080 } };
            container["readinessProbe"] = new Dictionary<string, object> { ["httpGet"] = new Dictionary<string, object> { ["path"] = "/ready", ["port"] = 8080 } };
        }
        return container;
    }

    /// <summary>Requests and limits of cpu and memory.</summary>
    public static Dictionary<string, object> Resources(string cpu = "500m", string memory = "256Mi", string cpuLimit = "1", string memoryLimit = "512Mi") => new()
    {
        ["requests"] = new Dictionary<string, object> { ["cpu"] = cpu, ["memory"] = memory },
        ["limits"] = new Dictionary<string, object> { ["cpu"] = cpuLimit, ["memory"] = memoryLimit },
    };

    /// <summary>A pod spec of <paramref name="containers"/> and <paramref name="initContainers"/>.</summary>
    public static Dictionary<string, object> PodSpec(IEnumerable<object> containers, IEnumerable<object>? initContainers = null)
    {
        var spec = new Dictionary<string, object> { ["containers"] = containers.ToArray() };
        if (initContainers is not null) spec["initContainers"] = initContainers.ToArray();
        return spec;
    }

    /// <summary>A Pod.</summary>
    public static string Pod(string name, Dictionary<string, object> spec, string ns = "team-a", Dictionary<string, object>? metadata = null)
    {
        var meta = metadata ?? [];
        meta["name"] = name;
        meta["namespace"] = ns;
        return Json(new Dictionary<string, object> { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec });
    }

    /// <summary>A Deployment, StatefulSet, DaemonSet, ReplicaSet or Job whose pod template has <paramref name="spec"/>.</summary>
    public static string Workload(string kind, string name, Dictionary<string, object> spec, string ns = "team-a", IReadOnlyDictionary<string, string>? labels = null)
    {
        var apiVersion = kind == "Job" ? "batch/v1" : "apps/v1";
        var meta = new Dictionary<string, object> { ["name"] = name, ["namespace"] = ns };
        if (labels is not null) meta["labels"] = labels.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
        return Json(new Dictionary<string, object>
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = meta,
            ["spec"] = new Dictionary<string, object> { ["template"] = new Dictionary<string, object> { ["spec"] = spec } },
        });
    }

    /// <summary>A CronJob whose job template's pod template has <paramref name="spec"/>.</summary>
    public static string CronJob(string name, Dictionary<string, object> spec, string ns = "team-a") => Json(new Dictionary<string, object>
    {
        ["apiVersion"] = "batch/v1",
        ["kind"] = "CronJob",
        ["metadata"] = new Dictionary<string, object> { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new Dictionary<string, object>
        {
            ["schedule"] = "0 * * * *",
            ["jobTemplate"] = new Dictionary<string, object>
            {
                ["spec"] = new Dictionary<string, object> { ["template"] = new Dictionary<string, object> { ["spec"] = spec } },
            },
        },
    });

    /// <summary>A Service of <paramref name="type"/>.</summary>
    public static string Service(string name, string type, string ns = "team-a") => Json(new Dictionary<string, object>
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new Dictionary<string, object> { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new Dictionary<string, object>
        {
            ["type"] = type,
            ["ports"] = new object[] { new Dictionary<string, object> { ["port"] = 80 } },
        },
    });

    /// <summary>An Ingress with one rule per host.</summary>
    public static string Ingress(string name, params string[] hosts) => Json(new Dictionary<string, object>
    {
        ["apiVersion"] = "networking.k8s.io/v1",
        ["kind"] = "Ingress",
        ["metadata"] = new Dictionary<string, object> { ["name"] = name, ["namespace"] = "team-a" },
        ["spec"] = new Dictionary<string, object> { ["rules"] = hosts.Select(h => (object)new Dictionary<string, object> { ["host"] = h }).ToArray() },
    });

    /// <summary>A Secret.</summary>
    public static string Secret(string name, string ns = "team-a") => Json(new Dictionary<string, object>
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new Dictionary<string, object> { ["name"] = name, ["namespace"] = ns },
        ["type"] = "Opaque",
    });

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
