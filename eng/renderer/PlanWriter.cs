using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Components.Cluster;

namespace Platform.Renderer;

/// <summary>
/// Writes a <see cref="Plan"/> to a folder: <c>registrations.json</c> (the contract the checks read), and what a
/// reviewer reads: each node's scripts and files, each Helm release's chart and values, each Kubernetes object, and
/// <c>summary.md</c>. Secret material is redacted in everything but <c>registrations.json</c>, which carries the
/// engine's inputs (secret configuration as placeholders, provider secrets as the mocks' made-up stand-ins).
/// </summary>
public static class PlanWriter
{
    private const string CommandType = "command:remote:Command";
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="plan"/> into <paramref name="folder"/> (emptied first).</summary>
    public static void Write(Plan plan, string folder)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(folder);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var redaction = new Redaction(plan);
        File.WriteAllText(Path.Combine(folder, "registrations.json"), JsonSerializer.Serialize(plan.Registrations, Indented) + "\n");
        WriteNodes(plan, folder, redaction);
        WriteReleases(plan, folder, redaction);
        WriteObjects(plan, folder, redaction);
        File.WriteAllText(Path.Combine(folder, "summary.md"), Summary.Render(plan));
    }

    /// <summary>The node a command belongs to and its step: <c>(cp-1, prepare)</c> for <c>lab-cp-1-prepare</c> under
    /// the node component <c>lab-cp-1</c>.</summary>
    public static (string Node, string Step) NodeStep(Plan plan, Registration command)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(command);
        var parent = command.Parent ?? "";
        var node = plan.Registrations.FirstOrDefault(r => r.Name == parent && r.Type == KubernetesNode.TypeToken);
        if (node is null || !command.Name.StartsWith(parent + "-", StringComparison.Ordinal)) return ("other", command.Name);
        var clusterPrefix = plan.Registrations.FirstOrDefault(r => r.Name == node.Parent)?.Name + "-";
        var nodeName = parent.StartsWith(clusterPrefix, StringComparison.Ordinal) ? parent[clusterPrefix.Length..] : parent;
        return (nodeName, command.Name[(parent.Length + 1)..]);
    }

    private static void WriteNodes(Plan plan, string folder, Redaction redaction)
    {
        foreach (var command in plan.OfType(CommandType))
        {
            var (node, step) = NodeStep(plan, command);
            var dir = Path.Combine(folder, "nodes", node);
            Directory.CreateDirectory(dir);
            foreach (var phase in new[] { "create", "update", "delete" })
                if (command.Inputs[phase]?.GetValue<string>() is { } line)
                    File.WriteAllText(Path.Combine(dir, $"{step}.{phase}.sh"), redaction.Text(NodeScript.Unwrap(line)));
            if (command.Inputs["stdin"]?.GetValue<string>() is { } stdin && NodeFiles.TryParse(stdin, out var files))
            {
                foreach (var file in files)
                {
                    var target = Path.Combine(dir, "files", file.Path.TrimStart('/'));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllText(target, redaction.Text(file.Content));
                }
                File.WriteAllText(Path.Combine(dir, "files.txt"),
                    string.Concat(files.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Mode} {f.Path}\n"))));
            }
        }
    }

    private static void WriteReleases(Plan plan, string folder, Redaction redaction)
    {
        foreach (var release in plan.OfType(ReleaseType))
        {
            var dir = Path.Combine(folder, "helm", release.Name);
            Directory.CreateDirectory(dir);
            var inputs = release.Inputs;
            var chart = new JsonObject
            {
                ["chart"] = inputs["chart"]?.DeepClone(),
                ["version"] = inputs["version"]?.DeepClone(),
                ["repository"] = inputs["repositoryOpts"]?["repo"]?.DeepClone(),
                ["namespace"] = inputs["namespace"]?.DeepClone(),
                ["releaseName"] = inputs["name"]?.DeepClone(),
                ["atomic"] = inputs["atomic"]?.DeepClone(),
                ["skipCrds"] = inputs["skipCrds"]?.DeepClone(),
                ["timeout"] = inputs["timeout"]?.DeepClone(),
                ["dependsOn"] = new JsonArray(release.DependsOn.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
            };
            foreach (var key in chart.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) chart.Remove(key);
            File.WriteAllText(Path.Combine(dir, "release.yaml"), ReviewYaml.From(chart));
            File.WriteAllText(Path.Combine(dir, "values.yaml"), ReviewYaml.From(redaction.Node(inputs["values"] ?? new JsonObject())));
        }
    }

    private static void WriteObjects(Plan plan, string folder, Redaction redaction)
    {
        foreach (var registration in plan.Registrations)
        {
            foreach (var obj in KubernetesObjects.Of(registration))
            {
                var kind = obj["kind"]?.GetValue<string>() ?? "Unknown";
                var metadata = obj["metadata"] as JsonObject;
                var ns = metadata?["namespace"]?.GetValue<string>() ?? "_cluster";
                var name = metadata?["name"]?.GetValue<string>() ?? registration.Name;
                var dir = Path.Combine(folder, "objects", kind, ns);
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, name + ".yaml"), ReviewYaml.From(redaction.KubernetesObject(obj)));
            }
        }
    }
}
