using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Platform.Components.Networking;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Cluster.ServingCertificates;

/// <summary>Helm values for the <c>kubelet-csr-approver</c> chart (see <see cref="Catalog.HelmCharts.KubeletCsrApprover"/>),
/// scoped to the cluster's inventory. Every key is one the chart's values.yaml of the pinned version has. The tree holds
/// only string, bool, int, nested <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null, and its keys
/// come out in a fixed order.</summary>
/// <remarks>What the approver checks in a <c>kubernetes.io/kubelet-serving</c> request before it approves it
/// (postfinance/kubelet-csr-approver v1.2.14, <c>internal/controller/csr_controller.go</c> and
/// <c>regex_ip_checks.go</c>); a request that fails any check is denied:
/// <list type="bullet">
/// <item>the requester is a node (<c>system:node:&lt;name&gt;</c>) and the request's common name is the same user;</item>
/// <item>at most <c>allowedDnsNames</c> (1) DNS names, each starting with the requester's node name and matching
/// <c>providerRegex</c>: here exactly one of the inventory's node names (<see cref="ProviderRegex"/>). A kubelet asks for
/// its node's <c>Hostname</c> address, which kubeadm sets to the node name;</item>
/// <item>every IP address inside <c>providerIpPrefixes</c>: here exactly the inventory's addresses, one <c>/32</c> each
/// (<see cref="ProviderIpPrefixes"/>), never a subnet;</item>
/// <item>no <c>expirationSeconds</c> above <c>maxExpirationSeconds</c>.</item>
/// </list>
/// The checks do not tie a name or address to the node asking: any node of the inventory could ask for another
/// inventory node's address, or for the name of another node whose name starts with its own (<c>w-1</c> for
/// <c>w-10</c>). The approver offers no per-node binding; what it rules out is every name and address outside the
/// inventory.
/// Fixed choices:
/// <list type="bullet">
/// <item><c>bypassDnsResolution: true</c>. Without it the approver resolves each requested name through the cluster
/// DNS and requires the answers to be the request's addresses. On-prem nodes rarely have DNS records for their bare node
/// names (<c>cp-1</c>), so every request would be denied; the inventory already gives the exact names and addresses, which
/// a DNS answer could only repeat. The approver then needs no DNS at all.</item>
/// <item><c>maxExpirationSeconds</c>: <see cref="DefaultMaxExpirationSeconds"/> unless the caller chooses another.</item>
/// <item><c>leaderElection: true</c> always (one replica approves at a time, also while a rolling update runs two), with
/// two replicas (one on a single-node cluster) spread over nodes, tolerating the control-plane taint, at
/// <c>system-cluster-critical</c> priority: a kubelet whose renewal waits for a pending approver loses logs, exec and
/// metrics once its certificate expires.</item>
/// <item>Pod and container security contexts written out (non-root, RuntimeDefault seccomp, no privilege escalation,
/// all capabilities dropped, read-only root filesystem), so the pods pass Pod Security <c>restricted</c> whatever the
/// chart's defaults become.</item>
/// </list></remarks>
public static class KubeletCsrApproverValues
{
    /// <summary>The default most a kubelet may ask for (<c>spec.expirationSeconds</c>): 31,536,000 seconds (365 days),
    /// the lifetime the kubelet-serving signer gives when the request names none (kube-controller-manager
    /// <c>--cluster-signing-duration</c>, default 8760h, which the platform keeps). Kubelets name none, so this only
    /// denies a request for more than the signer's own default. The approver refuses to start above 367 days.</summary>
    public const int DefaultMaxExpirationSeconds = 31_536_000;

    /// <summary>The most the approver accepts as <c>maxExpirationSeconds</c>: 367 days
    /// (<c>internal/cmd/cmd.go</c>: it exits above that).</summary>
    public const int MaxExpirationSecondsLimit = 367 * 24 * 3600;

    /// <summary>Where the approver serves Prometheus metrics: the chart's <c>metrics.port</c>, 8080.</summary>
    public static IReadOnlyList<(int Port, string Protocol)> MetricsPorts { get; } = [(8080, "TCP")];

    /// <summary>The overlay that has the approver scraped (monitoring on): the chart's ServiceMonitor on its metrics
    /// Service.</summary>
    public static IReadOnlyDictionary<string, object> Monitoring() => new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["metrics"] = Map(("serviceMonitor", Map(("enabled", true)))),
    };

    // A Kubernetes node name: a DNS-1123 subdomain (kubeadm's nodeRegistration.name). The chart writes providerRegex
    // into its Deployment unquoted, so the regex may hold nothing but these characters, '\', '^', '$', '(', ')' and '|',
    // all plain YAML there.
    private static readonly Regex NodeName = new(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$", RegexOptions.CultureInvariant);

    /// <summary>The approver's <c>providerRegex</c>: exactly one of <paramref name="nodeNames"/>, anchored, each name
    /// escaped (a dot in a node name matches only a dot), in the order given, e.g. <c>^(cp-1|cp-2|w-1)$</c>.</summary>
    /// <param name="nodeNames">The node names; DNS-1123 subdomains of at most 253 characters, unique.</param>
    /// <exception cref="ArgumentException">There is no name, a name is not a node name, or one is repeated.</exception>
    public static string ProviderRegex(IEnumerable<string> nodeNames)
    {
        ArgumentNullException.ThrowIfNull(nodeNames);
        var names = nodeNames.ToList();
        var problems = NameProblems(names);
        if (problems.Count > 0)
            throw new ArgumentException($"kubelet-csr-approver: {string.Join(" ", problems)}", nameof(nodeNames));
        // Go's regexp (RE2) takes "\." as a literal dot; no other character of a node name is special.
        return "^(" + string.Join("|", names.Select(n => n.Replace(".", @"\.", StringComparison.Ordinal))) + ")$";
    }

    /// <summary>The approver's <c>providerIpPrefixes</c>: each address as a single-address prefix (<c>/32</c> for IPv4,
    /// <c>/128</c> for IPv6), in the order given.</summary>
    /// <param name="addresses">The nodes' IP addresses.</param>
    /// <exception cref="ArgumentException">There is no address or one is not an IP address (e.g. a DNS name).</exception>
    public static IReadOnlyList<string> ProviderIpPrefixes(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var list = addresses.ToList();
        var problems = new List<string>();
        if (list.Count == 0) problems.Add("at least one node address is required.");
        var prefixes = new List<string>();
        foreach (var address in list)
        {
            if (Prefix(address) is { } prefix) prefixes.Add(prefix);
            else problems.Add($"'{address}' is not an IP address; the approver admits addresses only as IP prefixes.");
        }
        if (problems.Count > 0)
            throw new ArgumentException($"kubelet-csr-approver: {string.Join(" ", problems)}", nameof(addresses));
        return prefixes.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The values for <paramref name="args"/>.</summary>
    /// <param name="args">The nodes and the approver's settings.</param>
    /// <exception cref="ArgumentException">The arguments are not valid; the message lists every problem.</exception>
    public static IReadOnlyDictionary<string, object> Render(KubeletServingCertificateApproverArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = Problems(args);
        if (problems.Count > 0)
            throw new ArgumentException($"kubelet-csr-approver: {string.Join(" ", problems)}", nameof(args));

        var replicas = args.Replicas ?? (args.Nodes.Count == 1 ? 1 : 2);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["providerRegex"] = ProviderRegex(args.Nodes.Select(n => n.Name)),
            ["providerIpPrefixes"] = ProviderIpPrefixes(args.Nodes.Select(n => n.Address)).Cast<object>().ToArray(),
            // The chart reads it as text (values.yaml: "specified as a string").
            ["maxExpirationSeconds"] = args.MaxExpirationSeconds.ToString(CultureInfo.InvariantCulture),
            ["bypassDnsResolution"] = true,
            ["allowedDnsNames"] = 1,
            ["bypassHostnameCheck"] = false,
            ["ignoreNonSystemNode"] = false,
            ["skipDenyStep"] = false,
            ["leaderElection"] = true,
            ["replicas"] = replicas,
            ["priorityClassName"] = "system-cluster-critical",
            ["podSecurityContext"] = RestrictedSecurityContext.Pod(),
            ["securityContext"] = RestrictedSecurityContext.Container(runAsNonRoot: true, privileged: false, seccomp: true),
            ["tolerations"] = new object[]
            {
                Map(("key", "node-role.kubernetes.io/control-plane"), ("operator", "Exists"), ("effect", "NoSchedule")),
            },
            ["affinity"] = Map(("podAntiAffinity", Map(("preferredDuringSchedulingIgnoredDuringExecution", new object[]
            {
                Map(("weight", 100), ("podAffinityTerm", Map(
                    ("topologyKey", "kubernetes.io/hostname"),
                    // The chart's selector labels: its name, and the release's, which is the chart's (HelmInstall).
                    ("labelSelector", Map(("matchLabels", Map(
                        ("app.kubernetes.io/name", Catalog.HelmCharts.KubeletCsrApprover.Name),
                        ("app.kubernetes.io/instance", Catalog.HelmCharts.KubeletCsrApprover.Name)))))))),
            })))),
        };
    }

    /// <summary>Every problem of <paramref name="args"/>; empty when they are valid.</summary>
    public static IReadOnlyList<string> Problems(KubeletServingCertificateApproverArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = new List<string>();
        if (args.Nodes.Count == 0)
        {
            problems.Add("at least one node is required.");
            return problems;
        }
        problems.AddRange(NameProblems(args.Nodes.Select(n => n.Name).ToList()));
        var named = args.Nodes.Where(n => Prefix(n.Address) is null).Select(n => $"{n.Name} ({n.Address})").ToList();
        if (named.Count > 0)
        {
            problems.Add($"the addresses of {string.Join(", ", named)} are not IP addresses. A kubelet's serving certificate " +
                "names its node's IP address, which the approver must know in advance; give these nodes their IP addresses " +
                "(or run without kubelet serving certificates).");
        }
        if (args.MaxExpirationSeconds is < 1 or > MaxExpirationSecondsLimit)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"maxExpirationSeconds {args.MaxExpirationSeconds} is outside 1-{MaxExpirationSecondsLimit} (367 days, the approver's limit)."));
        if (args.Replicas is < 1)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"replicas {args.Replicas} is not at least 1."));
        return problems;
    }

    private static List<string> NameProblems(List<string> names)
    {
        var problems = new List<string>();
        if (names.Count == 0) problems.Add("at least one node name is required.");
        foreach (var name in names.Where(n => n is null || n.Length > 253 || !NodeName.IsMatch(n)))
            problems.Add($"'{name}' is not a node name (a DNS-1123 subdomain: lowercase letters, digits, '-' and '.').");
        foreach (var name in names.Where(n => n is not null).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"the node name '{name}' is listed more than once.");
        return problems;
    }

    private static string? Prefix(string? address)
    {
        if (address is null || !IPAddress.TryParse(address, out var ip)) return null;
        // IPAddress.TryParse also takes shorthands such as "10.1" or "167772161"; only the canonical text is an address.
        if (!string.Equals(ip.ToString(), address, StringComparison.OrdinalIgnoreCase)) return null;
        return ip.AddressFamily switch
        {
            AddressFamily.InterNetwork => $"{ip}/32",
            AddressFamily.InterNetworkV6 => $"{ip}/128",
            _ => null,
        };
    }
}
