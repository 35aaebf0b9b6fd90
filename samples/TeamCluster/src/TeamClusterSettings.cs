using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Components.Cluster;
using Pulumi;

namespace TeamCluster;

/// <summary>The sample's configuration, read and checked before anything is registered: every problem names its key and
/// the fix, and all of them are reported at once.</summary>
internal sealed partial record TeamClusterSettings
{
    public required string ClusterName { get; init; }
    public required string KubernetesVersion { get; init; }
    public required string SandboxImage { get; init; }
    public required string Tenant { get; init; }
    public required IReadOnlyList<ClusterNode> Nodes { get; init; }

    /// <summary>The first control-plane node: the API endpoint of this one-endpoint (direct) cluster.</summary>
    public ClusterNode FirstControlPlane => Nodes.First(n => n.Role == NodeRole.ControlPlane);

    /// <summary>Reads the settings from <paramref name="config"/> (the project's namespace, team-cluster:).</summary>
    /// <exception cref="RunException">The configuration has problems; the message lists them.</exception>
    public static TeamClusterSettings From(Config config)
    {
        var problems = new List<string>();
        var clusterName = Required(config, "clusterName", problems);
        if (clusterName is not null && !Label().IsMatch(clusterName))
            problems.Add($"team-cluster:clusterName '{clusterName}' is not a cluster name: use at most 32 lower-case letters, digits and dashes, starting and ending with a letter or digit.");
        var version = Required(config, "kubernetesVersion", problems);
        if (version is not null && !SupportedVersion().IsMatch(version))
            problems.Add($"team-cluster:kubernetesVersion '{version}' is not a supported version: use MAJOR.MINOR.PATCH of 1.35, 1.36 or 1.37, e.g. 1.36.5.");
        var sandboxImage = Required(config, "sandboxImage", problems);
        var tenant = Required(config, "tenant", problems);
        if (tenant is not null && !Label().IsMatch(tenant))
            problems.Add($"team-cluster:tenant '{tenant}' is not a DNS-1123 label: use lower-case letters, digits and dashes, e.g. team-a-apps.");
        var nodes = ReadNodes(config, problems);
        if (problems.Count > 0)
            throw new RunException("The team-cluster configuration has problems:\n- " + string.Join("\n- ", problems));
        return new()
        {
            ClusterName = clusterName!,
            KubernetesVersion = version!,
            SandboxImage = sandboxImage!,
            Tenant = tenant!,
            Nodes = nodes,
        };
    }

    private static string? Required(Config config, string key, List<string> problems)
    {
        var value = config.Get(key);
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"team-cluster:{key} is not set: pulumi config set {key} <value> (Pulumi.yaml describes it).");
            return null;
        }
        return value.Trim();
    }

    private static List<ClusterNode> ReadNodes(Config config, List<string> problems)
    {
        var nodes = new List<ClusterNode>();
        JsonElement list;
        try
        {
            list = config.GetObject<JsonElement>("nodes");
        }
        catch (Exception e) when (e is JsonException or RunException)
        {
            problems.Add("team-cluster:nodes is not a list: write it as in Pulumi.dev.yaml (name, address, role, hostKey per node).");
            return nodes;
        }
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            problems.Add("team-cluster:nodes is not set: list the hosts as in Pulumi.dev.yaml (name, address, role, hostKey per node).");
            return nodes;
        }
        var index = 0;
        foreach (var node in list.EnumerateArray())
        {
            var name = Text(node, "name");
            var address = Text(node, "address");
            var role = Text(node, "role") switch
            {
                "control-plane" => NodeRole.ControlPlane,
                "worker" => NodeRole.Worker,
                _ => (NodeRole?)null,
            };
            if (name is null || address is null || role is null)
                problems.Add($"team-cluster:nodes[{index}] needs a name, an address and a role (control-plane or worker).");
            else
                nodes.Add(new ClusterNode { Name = name, Address = address, Role = role.Value, HostKey = Text(node, "hostKey") });
            index++;
        }
        if (nodes.Count == list.GetArrayLength() && nodes.Count(n => n.Role == NodeRole.ControlPlane) != 1)
            problems.Add("team-cluster:nodes needs exactly one control-plane node: this sample serves the API from it directly (use the Platform program for kube-vip or an external load balancer).");
        return nodes;
    }

    private static string? Text(JsonElement node, string property)
        => node.ValueKind == JsonValueKind.Object && node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString()!.Trim() : null;

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^1\.3[567]\.(0|[1-9][0-9]*)$")]
    private static partial Regex SupportedVersion();
}
