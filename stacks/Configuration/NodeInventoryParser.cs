using System.Collections.ObjectModel;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Certificates;

namespace Platform.Stacks.Configuration;

/// <summary>Parses and checks <c>platform:nodes</c> and <c>platform:bastion</c> into <see cref="ClusterNode"/>s. Host keys
/// are stored in the form Pulumi.Command takes (<see cref="SshHostKey.ToString"/>).</summary>
internal static class NodeInventoryParser
{
    private const string NodeExample = """{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}""";
    private const string BastionExample = """{"host": "bastion.example.internal", "user": "jump", "port": 22}""";
    private const string HostKeyExample = "\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA…\"";
    private const string TaintExample = """{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}""";
    private const string LabelsExample = """{"example.com/rack": "r1"}""";

    private static readonly string[] NodeFields = ["name", "address", "role", "os", "sshUser", "sshPort", "hostKey", "labels", "taints", "bastion", "dead"];
    private static readonly string[] TaintFields = ["key", "value", "effect"];
    private static readonly string[] BastionFields = ["host", "user", "port", "hostKey"];
    private static readonly string[] RoleNames = ["control-plane", "worker"];
    private static readonly string[] OperatingSystemNames = ["ubuntu-22.04", "ubuntu-24.04", "ubuntu-26.04", "flatcar"];
    private static readonly string[] EffectNames = Enum.GetNames<TaintEffect>();

    /// <summary>Parses the inventory; returns the nodes, or null when the inventory is missing or malformed.
    /// Every problem is recorded in <paramref name="problems"/>; the result is only complete when none was.</summary>
    public static IReadOnlyList<ClusterNode>? Parse(
        string? nodesText, string? bastionText, Ipv4Cidr? podCidr, Ipv4Cidr? serviceCidr, ProblemCollector problems)
    {
        var defaultBastion = ParseDefaultBastion(bastionText, problems);
        var nodesKey = PlatformConfigKeys.Nodes;
        if (string.IsNullOrWhiteSpace(nodesText))
        {
            problems.Add(
                nodesKey.Name,
                $"is required but not set. List the hosts as JSON, e.g. `{nodesKey.SetCommand}`, or in the stack file " +
                "as a YAML list under platform:nodes.");
            return null;
        }

        if (!ConfigJson.TryParse(nodesText, nodesKey.Name, PlatformConfigKeys.NodesExample, problems, out var root))
        {
            return null;
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            problems.Add(
                nodesKey.Name,
                $"is {ConfigSyntax.Describe(root.ValueKind)}, not a list of nodes. Use a JSON list, e.g. `{PlatformConfigKeys.NodesExample}`.");
            return null;
        }

        if (root.GetArrayLength() == 0)
        {
            problems.Add(nodesKey.Name, $"is an empty list. Add at least one control-plane node, e.g. `{PlatformConfigKeys.NodesExample}`.");
            return null;
        }

        var parsed = root.EnumerateArray().Select((element, index) => ParseNode(element, index, defaultBastion, problems)).ToList();
        CheckUnique(parsed, node => node.Name, "name", StringComparer.Ordinal, "Give every node its own name", problems);
        CheckUnique(parsed, node => node.Address, "address", StringComparer.OrdinalIgnoreCase, "Every host may be listed once", problems);
        CheckUniqueHostKeys(parsed, problems);
        CheckAddressRanges(parsed, podCidr, serviceCidr, problems);
        CheckControlPlaneCount(parsed, problems);
        CheckPodCidrCapacity(podCidr, parsed.Count, problems);
        return parsed.Select(node => node.Node).OfType<ClusterNode>().ToList();
    }

    private static BastionSpec? ParseDefaultBastion(string? text, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Bastion.Name;
        if (string.IsNullOrWhiteSpace(text) || !ConfigJson.TryParse(text, key, BastionExample, problems, out var root) ||
            root.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return ParseBastion(root, key, problems);
    }

    private static ParsedNode ParseNode(JsonElement element, int index, BastionSpec? defaultBastion, ProblemCollector problems)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"nodes[{index}]");
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"is {ConfigSyntax.Describe(element.ValueKind)}, not a node. Write each node as an object, e.g. {NodeExample}.");
            return new ParsedNode(path, null, null, null, null, null, false);
        }

        var before = problems.Count;
        var fields = ConfigJson.Fields(element, path, NodeFields, problems);

        var name = ConfigJson.String(fields, path, "name", required: true, "\"cp-1\"", problems);
        if (name is not null && !ConfigSyntax.IsDns1123Label(name))
        {
            problems.Add(
                $"{path}.name",
                $"'{name}' is not a DNS-1123 label. Use 1–63 lowercase letters, digits or '-', starting and ending with a letter or digit, e.g. cp-1.");
            name = null;
        }

        var address = ConfigJson.String(fields, path, "address", required: true, "\"10.0.0.11\"", problems);
        if (address is not null && ConfigSyntax.HostProblem(address) is { } addressProblem)
        {
            problems.Add($"{path}.address", $"{addressProblem}. Use {ConfigSyntax.HostExamples}.");
            address = null;
        }

        var roleText = ConfigJson.String(fields, path, "role", required: true, "\"control-plane\"", problems);
        NodeRole? role = roleText?.ToUpperInvariant() switch
        {
            null => null,
            "CONTROL-PLANE" => NodeRole.ControlPlane,
            "WORKER" => NodeRole.Worker,
            _ => null,
        };
        if (roleText is not null && role is null)
        {
            problems.Add(
                $"{path}.role",
                $"'{roleText}' is not a node role{ConfigSyntax.DidYouMean(roleText, RoleNames)}. Use control-plane or worker.");
        }

        var operatingSystem = ParseOperatingSystem(fields, path, problems);
        var sshUser = ConfigJson.String(fields, path, "sshUser", required: false, "\"ubuntu\"", problems);
        if (sshUser is not null && !ConfigSyntax.IsLinuxUserName(sshUser))
        {
            problems.Add(
                $"{path}.sshUser",
                $"'{sshUser}' is not a valid Linux user name. Use at most 32 lowercase letters, digits, '_' or '-', starting with a letter or '_', e.g. ubuntu.");
        }

        var sshPort = ConfigJson.Port(fields, path, "sshPort", ClusterNode.DefaultSshPort, problems);
        var hostKey = ParseHostKey(fields, path, "this node", address, sshPort, problems);
        var labels = ParseLabels(fields, path, problems);
        var taints = ParseTaints(fields, path, problems);
        var dead = fields.TryGetValue("dead", out var deadElement) && deadElement.ValueKind != JsonValueKind.Null
            ? ConfigJson.Flag(deadElement, $"{path}.dead", problems)
            : false;
        var bastion = fields.TryGetValue("bastion", out var bastionElement)
            ? (bastionElement.ValueKind == JsonValueKind.Null ? null : ParseBastion(bastionElement, $"{path}.bastion", problems))
            : defaultBastion;

        if (problems.Count != before || name is null || address is null || role is null || operatingSystem is null ||
            sshPort is null || labels is null || taints is null || dead is null)
        {
            return new ParsedNode(path, name, address, role, hostKey, null, dead ?? false);
        }

        var user = sshUser ?? ClusterNode.DefaultSshUserFor(operatingSystem.Value);
        var node = new ClusterNode
        {
            Name = name,
            Address = address,
            Role = role.Value,
            OperatingSystem = operatingSystem.Value,
            SshUser = user,
            SshPort = sshPort.Value,
            HostKey = hostKey?.ToString(),
            Labels = labels,
            Taints = taints,
            Dead = dead.Value,
            Bastion = bastion is null
                ? null
                : new SshBastion { Host = bastion.Host, User = bastion.User ?? user, Port = bastion.Port, HostKey = bastion.HostKey?.ToString() },
        };
        return new ParsedNode(path, name, address, role, hostKey, node, dead.Value);
    }

    private static NodeOperatingSystem? ParseOperatingSystem(Dictionary<string, JsonElement> fields, string path, ProblemCollector problems)
    {
        var before = problems.Count;
        var text = ConfigJson.String(fields, path, "os", required: false, "\"ubuntu-24.04\"", problems);
        if (text is null)
        {
            return problems.Count == before ? NodeOperatingSystem.Ubuntu2404 : null;
        }

        switch (text.ToUpperInvariant())
        {
            case "UBUNTU-22.04":
                return NodeOperatingSystem.Ubuntu2204;
            case "UBUNTU-24.04":
                return NodeOperatingSystem.Ubuntu2404;
            case "UBUNTU-26.04":
                return NodeOperatingSystem.Ubuntu2604;
            case "FLATCAR":
                return NodeOperatingSystem.Flatcar;
            default:
                problems.Add(
                    $"{path}.os",
                    $"'{text}' is not a supported operating system{ConfigSyntax.DidYouMean(text, OperatingSystemNames)}. " +
                    "Use ubuntu-22.04, ubuntu-24.04 (the default), ubuntu-26.04 or flatcar.");
                return null;
        }
    }

    private static ReadOnlyDictionary<string, string>? ParseLabels(
        Dictionary<string, JsonElement> fields, string path, ProblemCollector problems)
    {
        var labelsPath = $"{path}.labels";
        if (!fields.TryGetValue("labels", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(
                labelsPath,
                $"is {ConfigSyntax.Describe(element.ValueKind)}, not a map of labels. Use an object of label keys to string values, e.g. {LabelsExample}.");
            return null;
        }

        var before = problems.Count;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in ConfigJson.Properties(element, labelsPath, problems))
        {
            var labelPath = ConfigSyntax.PathSegment(labelsPath, property.Name);
            if (ConfigSyntax.LabelKeyProblem(property.Name, rejectReservedPrefixes: true) is { } keyProblem)
            {
                var fix = ConfigSyntax.IsReservedLabelKey(property.Name)
                    ? "Use a prefix of your own, e.g. example.com/" + property.Name.Split('/')[^1]
                    : "Use a key such as rack or example.com/rack";
                problems.Add(labelPath, $"{keyProblem}. {fix}.");
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                problems.Add(
                    labelPath,
                    $"is {ConfigSyntax.Describe(property.Value.ValueKind)} ({property.Value.GetRawText()}). Label values are strings: quote it, e.g. \"true\".");
                continue;
            }

            var value = property.Value.GetString() ?? string.Empty;
            if (ConfigSyntax.LabelValueProblem(value) is { } valueProblem)
            {
                problems.Add(labelPath, $"{valueProblem}.");
            }

            labels[property.Name] = value;
        }

        return problems.Count == before ? labels.AsReadOnly() : null;
    }

    private static ReadOnlyCollection<NodeTaint>? ParseTaints(Dictionary<string, JsonElement> fields, string path, ProblemCollector problems)
    {
        var taintsPath = $"{path}.taints";
        if (!fields.TryGetValue("taints", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return ReadOnlyCollection<NodeTaint>.Empty;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add(taintsPath, $"is {ConfigSyntax.Describe(element.ValueKind)}, not a list of taints. Use a list, e.g. [{TaintExample}].");
            return null;
        }

        var before = problems.Count;
        var taints = new List<NodeTaint>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var taintElement in element.EnumerateArray())
        {
            var taintPath = string.Create(CultureInfo.InvariantCulture, $"{taintsPath}[{index++}]");
            if (taintElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(taintPath, $"is {ConfigSyntax.Describe(taintElement.ValueKind)}, not a taint. Write each taint as an object, e.g. {TaintExample}.");
                continue;
            }

            var taintFields = ConfigJson.Fields(taintElement, taintPath, TaintFields, problems);
            var key = ConfigJson.String(taintFields, taintPath, "key", required: true, "\"dedicated\"", problems);
            if (key is not null && ConfigSyntax.LabelKeyProblem(key, rejectReservedPrefixes: false) is { } keyProblem)
            {
                problems.Add($"{taintPath}.key", $"{keyProblem}. Use a key such as dedicated or example.com/gpu.");
                key = null;
            }

            var value = ConfigJson.String(taintFields, taintPath, "value", required: false, "\"gpu\"", problems);
            if (value is not null && ConfigSyntax.LabelValueProblem(value) is { } valueProblem)
            {
                problems.Add($"{taintPath}.value", $"{valueProblem}.");
            }

            var effectText = ConfigJson.String(taintFields, taintPath, "effect", required: true, "\"NoSchedule\"", problems);
            TaintEffect? effect = effectText is not null && EffectNames.Contains(effectText, StringComparer.Ordinal)
                ? Enum.Parse<TaintEffect>(effectText)
                : null;
            if (effectText is not null && effect is null)
            {
                problems.Add(
                    $"{taintPath}.effect",
                    $"'{effectText}' is not a taint effect{ConfigSyntax.DidYouMean(effectText, EffectNames)}. Use NoSchedule, PreferNoSchedule or NoExecute.");
            }

            if (key is null || effect is null)
            {
                continue;
            }

            var identity = $"{key}:{effect}";
            if (seen.TryGetValue(identity, out var firstPath))
            {
                problems.Add(
                    taintPath,
                    $"repeats the taint {identity} of platform:{firstPath}; a node has at most one taint per key and effect. Remove one of them.");
                continue;
            }

            seen[identity] = taintPath;
            taints.Add(new NodeTaint { Key = key, Value = string.IsNullOrEmpty(value) ? null : value, Effect = effect.Value });
        }

        return problems.Count == before ? taints.AsReadOnly() : null;
    }

    private static BastionSpec? ParseBastion(JsonElement element, string path, ProblemCollector problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"is {ConfigSyntax.Describe(element.ValueKind)}, not a bastion. Use an object, e.g. {BastionExample}.");
            return null;
        }

        var before = problems.Count;
        var fields = ConfigJson.Fields(element, path, BastionFields, problems);
        var host = ConfigJson.String(fields, path, "host", required: true, "\"bastion.example.internal\"", problems);
        if (host is not null && ConfigSyntax.HostProblem(host) is { } hostProblem)
        {
            problems.Add($"{path}.host", $"{hostProblem}. Use {ConfigSyntax.HostExamples}.");
        }

        var user = ConfigJson.String(fields, path, "user", required: false, "\"jump\"", problems);
        if (user is not null && !ConfigSyntax.IsLinuxUserName(user))
        {
            problems.Add(
                $"{path}.user",
                $"'{user}' is not a valid Linux user name. Use at most 32 lowercase letters, digits, '_' or '-', starting with a letter or '_', or leave it out to use the node's sshUser.");
        }

        var port = ConfigJson.Port(fields, path, "port", SshBastion.DefaultPort, problems);
        var validHost = host is not null && ConfigSyntax.HostProblem(host) is null ? host : null;
        var hostKey = ParseHostKey(fields, path, "this bastion", validHost, port, problems);
        return problems.Count == before && host is not null && port is not null ? new BastionSpec(host, user, port.Value, hostKey) : null;
    }

    /// <summary>Reads the optional <c>hostKey</c> of a node or bastion whose SSH endpoint is <paramref name="host"/>
    /// and <paramref name="port"/> (null when they are invalid): any form <see cref="SshHostKey"/> reads, and when the
    /// line names hosts (ssh-keyscan, known_hosts), one of them must be this endpoint.</summary>
    private static SshHostKey? ParseHostKey(
        Dictionary<string, JsonElement> fields, string path, string what, string? host, int? port, ProblemCollector problems)
    {
        var text = ConfigJson.String(fields, path, "hostKey", required: false, HostKeyExample, problems);
        if (text is null)
        {
            return null;
        }

        var keyPath = $"{path}.hostKey";
        var portOption = port is null or ClusterNode.DefaultSshPort ? "" : string.Create(CultureInfo.InvariantCulture, $"-p {port} ");
        var collect = $"`ssh-keyscan -t ed25519 {portOption}{host ?? "<address>"}`";
        if (!SshHostKey.TryParse(text, out var key, out var problem))
        {
            problems.Add(keyPath, $"{problem} Collect the key with {collect} and check its fingerprint out of band (README: Host keys).");
            return null;
        }

        if (host is not null && port is not null && key.Names(host, port.Value) == false)
        {
            var name = SshHostKey.HostName(host, port.Value);
            var line = key.Hosts!.StartsWith('|')
                ? "is a hashed known_hosts line for another host name"
                : $"is the line of {key.Hosts}";
            problems.Add(
                keyPath,
                $"{line}, but known_hosts names {what} {name}: it may be another host's key. Collect {what}'s key with " +
                $"{collect}; if the key is right and only the name differs, leave the host field out ({key.Type} AAAA…).");
            return null;
        }

        return key;
    }

    private static void CheckUnique(
        List<ParsedNode> nodes,
        Func<ParsedNode, string?> select,
        string field,
        StringComparer comparer,
        string fix,
        ProblemCollector problems)
    {
        var first = new Dictionary<string, ParsedNode>(comparer);
        foreach (var node in nodes)
        {
            if (select(node) is not { } value)
            {
                continue;
            }

            if (first.TryGetValue(value, out var owner))
            {
                problems.Add($"{node.Path}.{field}", $"'{value}' is already the {field} of platform:{owner.Path}. {fix}.");
            }
            else
            {
                first[value] = node;
            }
        }
    }

    /// <summary>Two nodes with one host key are a line pasted twice, or hosts cloned from one image with its keys (each
    /// can then impersonate the other).</summary>
    private static void CheckUniqueHostKeys(List<ParsedNode> nodes, ProblemCollector problems)
    {
        var first = new Dictionary<string, ParsedNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (node.HostKey is not { } key)
            {
                continue;
            }

            if (first.TryGetValue(key.ToString(), out var owner))
            {
                problems.Add(
                    $"{node.Path}.hostKey",
                    $"is the host key of platform:{owner.Path} too ({key.Fingerprint}). Either the line was pasted twice, or the hosts " +
                    "were cloned from one image with its host keys, so each can impersonate the other: give each host its own keys " +
                    "(`rm /etc/ssh/ssh_host_* && ssh-keygen -A`, then restart sshd) and collect them again.");
            }
            else
            {
                first[key.ToString()] = node;
            }
        }
    }

    private static void CheckAddressRanges(List<ParsedNode> nodes, Ipv4Cidr? podCidr, Ipv4Cidr? serviceCidr, ProblemCollector problems)
    {
        foreach (var node in nodes)
        {
            if (node.Address is null || ConfigSyntax.Ipv4OrNull(node.Address) is not { } address)
            {
                continue;
            }

            CheckOutside(address, $"{node.Path}.address", podCidr, PlatformConfigKeys.PodCidr, "pod", problems);
            CheckOutside(address, $"{node.Path}.address", serviceCidr, PlatformConfigKeys.ServiceCidr, "Service", problems);
        }
    }

    /// <summary>Records a problem when <paramref name="address"/> lies in <paramref name="range"/>, whose addresses
    /// the cluster hands out itself.</summary>
    internal static void CheckOutside(
        IPAddress address, string path, Ipv4Cidr? range, PlatformConfigKey rangeKey, string what, ProblemCollector problems)
    {
        if (range is not null && range.Contains(address))
        {
            problems.Add(
                path,
                $"{address} lies inside platform:{rangeKey.Name} {range}, which the cluster uses for {what} addresses, so traffic to it " +
                $"would be misrouted. Use an address outside that range, or choose another platform:{rangeKey.Name}.");
        }
    }

    private static void CheckControlPlaneCount(List<ParsedNode> nodes, ProblemCollector problems)
    {
        if (nodes.Any(node => node.Role is null))
        {
            return;
        }

        var count = nodes.Count(node => node.Role == NodeRole.ControlPlane);
        if (count == 0)
        {
            problems.Add(
                PlatformConfigKeys.Nodes.Name,
                "has no control-plane node. Give at least one node \"role\": \"control-plane\" (1, 3 or 5 of them).");
        }
        else if (count % 2 == 0)
        {
            var majority = (count / 2) + 1;
            problems.Add(
                PlatformConfigKeys.Nodes.Name,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"has {count} control-plane nodes, an even number. Every control-plane node runs an etcd member and etcd " +
                    $"needs a majority ({majority} of {count}) to work, so {count} members survive no more failures than " +
                    $"{count - 1} would, and a network split into two halves leaves neither side a majority. " +
                    $"Use an odd number: {count - 1} or {count + 1} control-plane nodes. To replace one, add its replacement " +
                    $"and remove it in the same update (a dead one: mark it dead first, see README: Adding and removing nodes)."));
            return;
        }

        if (count > CertificateRenewalSchedule.MaxControlPlanes)
        {
            problems.Add(
                PlatformConfigKeys.Nodes.Name,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"has {count} control-plane nodes. Each renews its certificates in a slot of the day of its own, long enough for " +
                    $"its restarts, and the day has {CertificateRenewalSchedule.MaxControlPlanes} of them. Use at most " +
                    $"{CertificateRenewalSchedule.MaxControlPlanes - 1 + (CertificateRenewalSchedule.MaxControlPlanes % 2)} control-plane nodes (1, 3 or 5 is usual)."));
        }
        CheckDeadControlPlanes(nodes, count, problems);
    }

    /// <summary>What the inventory alone says about etcd's quorum. Each control-plane node runs an etcd member; a dead one
    /// (<c>dead: true</c>) has its member removed on the update that marks it, which commits only while a majority of
    /// today's members answer, and never runs the cluster's admin steps. The previous inventory is not known here (Pulumi
    /// gives the program no view of its state): the leave steps check etcd itself before they remove a member.</summary>
    private static void CheckDeadControlPlanes(List<ParsedNode> nodes, int count, ProblemCollector problems)
    {
        var dead = nodes.Where(node => node.Role == NodeRole.ControlPlane && node.Dead).Select(node => node.Name ?? node.Path).ToList();
        if (dead.Count == 0)
        {
            return;
        }

        var majority = (count / 2) + 1;
        if (count - dead.Count < majority)
        {
            problems.Add(
                PlatformConfigKeys.Nodes.Name,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"marks {dead.Count} of its {count} control-plane nodes dead ({string.Join(", ", dead)}), so fewer than a majority " +
                    $"({majority}) of etcd's members are left: etcd has lost its quorum and can no longer remove a member. " +
                    $"Bring enough of them back and mark only the ones gone for good, or restore the cluster from an etcd snapshot " +
                    $"(README: etcd snapshots and restore)."));
        }
    }

    private static void CheckPodCidrCapacity(Ipv4Cidr? podCidr, int nodeCount, ProblemCollector problems)
    {
        if (podCidr is null || podCidr.PrefixLength > 24)
        {
            return;
        }

        var capacity = 1L << (24 - podCidr.PrefixLength);
        if (nodeCount > capacity)
        {
            problems.Add(
                PlatformConfigKeys.PodCidr.Name,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{podCidr} has room for {capacity} node(s) (each node gets a /24 of pod addresses), but platform:nodes lists {nodeCount}. " +
                    $"Use a larger range, e.g. {PlatformSettings.DefaultPodCidr}."));
        }
    }

    /// <summary>A bastion as configured; the user defaults to the node's SSH user, which is only known per node.</summary>
    private sealed record BastionSpec(string Host, string? User, int Port, SshHostKey? HostKey);

    /// <summary>What could be read of one node; <see cref="Node"/> is set only when the node has no problem.</summary>
    private sealed record ParsedNode(string Path, string? Name, string? Address, NodeRole? Role, SshHostKey? HostKey, ClusterNode? Node, bool Dead);
}
