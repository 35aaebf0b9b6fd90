using System.Text.RegularExpressions;

namespace Platform.Components.Storage;

/// <summary>The user's storage choices (<c>platform:storage</c>): the provider, and for Rook-Ceph which nodes and
/// devices hold the data, how many copies it keeps, and whether deleting the cluster may wipe the disks.
/// <see cref="Validate"/> reports what is wrong in the options themselves; what depends on the inventory (how many
/// storage nodes there are) is checked with it.</summary>
public sealed partial record StorageOptions
{
    /// <summary>The label key that selects storage nodes when none is configured: <c>node-role.kubernetes.io/storage</c>
    /// (any value), as the enterprise example labels its storage nodes.</summary>
    public const string DefaultNodeLabel = "node-role.kubernetes.io/storage";

    /// <summary>The replica count of every pool when none is configured: 3 copies on 3 different nodes.</summary>
    public const int DefaultReplicas = 3;

    /// <summary>Where volumes come from. Default <see cref="StorageProvider.RookCeph"/>.</summary>
    public StorageProvider Provider { get; init; } = StorageProvider.RookCeph;

    /// <summary>With <see cref="StorageProvider.Existing"/>: the StorageClass every stateful layer uses (required
    /// then); must be null otherwise. Default none.</summary>
    public string? ClassName { get; init; }

    /// <summary>Rook-Ceph: the node label key whose nodes of <c>platform:nodes</c> (any value) run Ceph: mons, mgrs and
    /// OSDs, tolerating those nodes' taints. Default <see cref="DefaultNodeLabel"/>.</summary>
    public string NodeLabel { get; init; } = DefaultNodeLabel;

    /// <summary>Rook-Ceph: a regular expression of device names (e.g. <c>^sd[b-z]</c>) Ceph may use on every storage
    /// node without <see cref="Devices"/> of its own; null (the default) uses every unused device: a raw disk or
    /// partition without a filesystem.</summary>
    public string? DeviceFilter { get; init; }

    /// <summary>Rook-Ceph: the explicit devices of some storage nodes, by node name (<c>sdb</c>, or a full path such as
    /// <c>/dev/disk/by-id/...</c>); those nodes use only these. Default none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Devices { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Rook-Ceph: how many copies every pool keeps, each on a different storage node (failure domain host).
    /// Default <see cref="DefaultReplicas"/>; 1 or 2 keep data on fewer nodes, with less safety.</summary>
    public int Replicas { get; init; } = DefaultReplicas;

    /// <summary>Rook-Ceph: set the CephCluster's <c>cleanupPolicy</c> so that deleting it wipes Ceph's data from the
    /// hosts and its disks (confirmation <c>yes-really-destroy-data</c>). Default false: Rook never wipes anything on
    /// delete. Once set, Rook stops configuring the cluster and only waits for its deletion, so set it only to
    /// decommission the storage.</summary>
    public bool DestroyDataOnDelete { get; init; }

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Provider == StorageProvider.Existing && string.IsNullOrWhiteSpace(ClassName))
            problems.Add("provider existing needs className: the StorageClass the cluster already has, e.g. {\"provider\": \"existing\", \"className\": \"fast-ssd\"}.");
        if (ClassName is { } name && !IsDns1123Subdomain(name))
            problems.Add($"className '{name}' is not a StorageClass name (a DNS-1123 subdomain: lowercase letters, digits, '-' and '.').");
        if (Provider != StorageProvider.Existing && ClassName is not null)
            problems.Add($"className is set but provider is {ProviderText(Provider)}, so it would be ignored. Remove it, or set provider existing.");
        if (Provider != StorageProvider.RookCeph && (DeviceFilter is not null || Devices.Count > 0 || Replicas != DefaultReplicas || DestroyDataOnDelete || NodeLabel != DefaultNodeLabel))
            problems.Add($"nodeLabel, deviceFilter, devices, replicas and destroyDataOnDelete configure Rook-Ceph, but provider is {ProviderText(Provider)}. Remove them, or set provider rook-ceph.");
        if (!IsLabelKey(NodeLabel))
            problems.Add($"nodeLabel '{NodeLabel}' is not a label key (an optional DNS prefix and '/', then a name of letters, digits, '-', '_' or '.'), e.g. {DefaultNodeLabel}.");
        if (DeviceFilter is { } filter)
        {
            if (filter.Length == 0)
                problems.Add("deviceFilter is empty. Remove it to use every unused device, or give a regular expression such as '^sd[b-z]'.");
            else if (RegexProblem(filter) is { } problem)
                problems.Add($"deviceFilter '{filter}' is not a valid regular expression ({problem}). Use e.g. '^sd[b-z]' or '^nvme[0-9]n1$'.");
        }
        foreach (var (node, devices) in Devices)
        {
            if (devices.Count == 0)
                problems.Add($"devices.{node} lists no device. List its devices, e.g. [\"sdb\"], or remove the node to use the cluster-wide selection.");
            foreach (var device in devices.Where(d => !IsDeviceName(d)))
                problems.Add($"devices.{node} entry '{device}' is not a device name: use a name under /dev such as sdb or nvme0n1, or a full path such as /dev/disk/by-id/<id>.");
            foreach (var duplicate in devices.GroupBy(d => d, StringComparer.Ordinal).Where(g => g.Count() > 1))
                problems.Add($"devices.{node} lists '{duplicate.Key}' more than once.");
        }
        if (Replicas is < 1 or > 7)
            problems.Add($"replicas {Replicas} is out of range. Use 1 to 7 copies; 3 (the default) survives the loss of a node without stopping writes.");
        return problems;
    }

    /// <summary>The provider as written in configuration: rook-ceph, existing or none.</summary>
    public static string ProviderText(StorageProvider provider) => provider switch
    {
        StorageProvider.RookCeph => "rook-ceph",
        StorageProvider.Existing => "existing",
        _ => "none",
    };

    // Rook hands deviceFilter to Go's regexp package (RE2): .NET's parser is checked here, and constructs RE2 lacks
    // (look-around, backreferences) are refused too, so a filter accepted here compiles in the operator as well.
    private static string? RegexProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        return Re2Unsupported().IsMatch(pattern) ? "look-around and backreferences are not supported by Rook's Go regular expressions" : null;
    }

    private static bool IsDns1123Subdomain(string value) =>
        value.Length is > 0 and <= 253 && value.Split('.').All(label => Dns1123Label().IsMatch(label));

    private static bool IsLabelKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0 && !IsDns1123Subdomain(key[..slash])) return false;
        return name.Length is > 0 and <= 63 && LabelName().IsMatch(name);
    }

    private static bool IsDeviceName(string device) => DeviceName().IsMatch(device) && !device.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^(/dev/[A-Za-z0-9._:/+-]+|[A-Za-z0-9][A-Za-z0-9._:+-]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceName();

    [GeneratedRegex(@"\(\?[=!<]|\\[1-9]|\\k<", RegexOptions.CultureInvariant)]
    private static partial Regex Re2Unsupported();
}
