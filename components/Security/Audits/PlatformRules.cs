using YamlDotNet.Serialization;

namespace Platform.Components.Security.Audits;

/// <summary>
/// The platform's Falco rules file (<see cref="FileName"/>, loaded from <c>/etc/falco/rules.d</c> after the default
/// <c>falco_rules.yaml</c>, whose macros it uses): the platform's own expectations as rules, and every tuned false
/// positive as a rule exception.
/// <list type="bullet">
/// <item><see cref="ShellInPlatformContainer"/>: a shell that is not a container's first process, started by a process
/// that is not itself a shell, in a platform namespace (<c>kubectl exec</c>, or a compromised program spawning one);
/// the default <c>Terminal shell in container</c> only catches shells with a terminal.</item>
/// <item><see cref="WriteBelowEtcInContainer"/>: a container opens a file under <c>/etc</c> for writing (the platform's
/// images keep their configuration read-only; falcosecurity/rules keeps its own "Write below etc" in the sandbox
/// set, which Falco does not load by default).</item>
/// <item><see cref="OutboundFromPlatformNamespace"/>: a connection to a public address (the default rules'
/// <c>outbound</c> macro: not 0.0.0.0, 127.0.0.0/8 or RFC 1918), other than a node's or the API endpoint's, from a
/// platform namespace whose pods never need one.</item>
/// </list>
/// Exceptions use Falco 0.44's override syntax (<c>override: {exceptions: append}</c>; the <c>append: true</c> flag
/// is deprecated), on the fields <c>k8s.ns.name</c> and <c>container.image.repository</c> that the bundled container
/// plugin fills from the container runtime (falcosecurity/falco 0.44.1, <c>userspace/engine/rule_loader_reader.cpp</c>:
/// <c>exceptions</c> may be appended to any rule, including one of another file).
/// </summary>
public static class PlatformRules
{
    /// <summary>The name of the rules file in the chart's <c>customRules</c>.</summary>
    public const string FileName = "platform_rules.yaml";

    /// <summary>A shell started in a running container of a platform namespace.</summary>
    public const string ShellInPlatformContainer = "Platform shell in a platform container";

    /// <summary>A container writing under <c>/etc</c>.</summary>
    public const string WriteBelowEtcInContainer = "Platform write below /etc in a container";

    /// <summary>A connection to a public address from a platform namespace that needs none.</summary>
    public const string OutboundFromPlatformNamespace = "Platform outbound connection from a platform namespace";

    /// <summary>The list of the platform's namespaces.</summary>
    public const string PlatformNamespacesList = "platform_namespaces";

    /// <summary>The list of the platform namespaces that stay inside the cluster.</summary>
    public const string ClusterOnlyNamespacesList = "platform_cluster_only_namespaces";

    /// <summary>The list of the addresses platform pods reach on purpose (the API endpoint's).</summary>
    public const string ClusterAddressesList = "platform_cluster_addresses";

    /// <summary>The list of the folders under <c>/etc</c> that the platform's own components write by design (the
    /// Prometheus Operator's config reloaders, Grafana's provisioning sidecars, ingress-nginx's configuration).</summary>
    public const string WritableEtcPathsList = "platform_writable_etc_paths";

    /// <summary>The folders of <see cref="WritableEtcPathsList"/>.</summary>
    public static IReadOnlyList<string> WritableEtcPaths { get; } =
        ["/etc/prometheus/config_out", "/etc/alertmanager/config_out", "/etc/grafana/provisioning", "/etc/nginx"];

    /// <summary>The fields an exception matches on: the namespace and the image repository.</summary>
    public const string NamespaceField = "k8s.ns.name";

    /// <summary>The image repository field of an exception.</summary>
    public const string ImageField = "container.image.repository";

    /// <summary>The platform's rule names.</summary>
    public static IReadOnlyList<string> Names { get; } = [ShellInPlatformContainer, WriteBelowEtcInContainer, OutboundFromPlatformNamespace];

    /// <summary>The rules file: the lists, the three rules, then one <c>override: {exceptions: append}</c> entry per
    /// rule that has exceptions (in the order of the first exception naming it), each with one Falco exception per field
    /// set used (<c>platform_namespace_image</c>, <c>platform_namespace</c>, <c>platform_image</c>) holding the values of
    /// every exception of that shape. A comment at the top lists every exception with its reason.</summary>
    /// <exception cref="ArgumentException">An exception names an unknown rule or has neither namespace nor image.</exception>
    public static string Render(PlatformRulesInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var items = new List<object>
        {
            new Dictionary<string, object> { ["list"] = PlatformNamespacesList, ["items"] = inputs.PlatformNamespaces.Distinct().Order(StringComparer.Ordinal).ToList() },
            new Dictionary<string, object> { ["list"] = ClusterOnlyNamespacesList, ["items"] = inputs.ClusterOnlyNamespaces.Distinct().Order(StringComparer.Ordinal).ToList() },
            new Dictionary<string, object> { ["list"] = WritableEtcPathsList, ["items"] = WritableEtcPaths.ToList() },
            new Dictionary<string, object> { ["list"] = ClusterAddressesList, ["items"] = inputs.ClusterAddresses.Distinct().Order(StringComparer.Ordinal).ToList() },
            Rule(ShellInPlatformContainer,
                "A shell was started inside a running container of a platform namespace by a process that is not a shell " +
                "(kubectl exec, or a program spawning one). Platform components never do this on their own.",
                // Rook's liveness probes ask each Ceph daemon's admin socket through `env -i sh -c "ceph --admin-daemon ..."`.
                $"spawned_process and container and shell_procs and proc.vpid != 1 and not proc.pname in (shell_binaries) and {NamespaceField} in ({PlatformNamespacesList}) " +
                $"and not ({NamespaceField} = {Storage.RookCephValues.Namespace} and proc.pname = env and proc.cmdline contains \"--admin-daemon\")",
                "Shell started in a platform container | namespace=%k8s.ns.name pod=%k8s.pod.name container=%container.name image=%container.image.repository user=%user.name process=%proc.name parent=%proc.pname command=%proc.cmdline terminal=%proc.tty",
                FalcoPriority.Warning, ["platform", "container", "shell", "mitre_execution", "T1059"]),
            Rule(WriteBelowEtcInContainer,
                "A container opened a file under /etc for writing. Images keep their configuration read-only; a write there " +
                "changes a container's behaviour behind its image (users, resolvers, trust stores, cron).",
                $"open_write and container and fd.name startswith /etc/ and not fd.name pmatch ({WritableEtcPathsList})",
                "File below /etc opened for writing in a container | file=%fd.name namespace=%k8s.ns.name pod=%k8s.pod.name container=%container.name image=%container.image.repository user=%user.name process=%proc.name command=%proc.cmdline",
                FalcoPriority.Error, ["platform", "container", "filesystem", "mitre_persistence", "T1543"]),
            Rule(OutboundFromPlatformNamespace,
                "A pod of a platform namespace whose components only talk inside the cluster connected to a public address " +
                "(not loopback, not RFC 1918): exfiltration, a command-and-control channel, or a component configured " +
                "against the platform's design.",
                $"outbound and container and {NamespaceField} in ({ClusterOnlyNamespacesList}) and not fd.sip in ({ClusterAddressesList})",
                "Outbound connection from a platform namespace | connection=%fd.name namespace=%k8s.ns.name pod=%k8s.pod.name container=%container.name image=%container.image.repository process=%proc.name command=%proc.cmdline",
                FalcoPriority.Warning, ["platform", "container", "network", "mitre_exfiltration", "TA0010"]),
        };

        var byRule = new List<(string Rule, List<AuditException> Exceptions)>();
        foreach (var exception in inputs.Exceptions)
        {
            if (!SecurityAuditsOptions.KnownRules.Contains(exception.Rule))
                throw new ArgumentException($"Exception for unknown rule '{exception.Rule}'.", nameof(inputs));
            if (exception.Namespace is null && exception.Image is null)
                throw new ArgumentException($"Exception for rule '{exception.Rule}' names neither a namespace nor an image.", nameof(inputs));
            var group = byRule.FirstOrDefault(g => g.Rule == exception.Rule);
            if (group.Rule is null)
            {
                group = (exception.Rule, new List<AuditException>());
                byRule.Add(group);
            }
            group.Exceptions.Add(exception);
        }
        foreach (var (rule, exceptions) in byRule)
        {
            var entries = new List<object>();
            foreach (var shape in Shapes)
            {
                var values = exceptions.Where(e => shape.Matches(e)).Select(e => (object)shape.Values(e)).Distinct(TupleComparer.Instance).ToList();
                if (values.Count == 0) continue;
                entries.Add(new Dictionary<string, object>
                {
                    ["name"] = shape.Name,
                    ["fields"] = shape.Fields.ToList(),
                    ["comps"] = shape.Fields.Select(_ => "=").ToList(),
                    ["values"] = values,
                });
            }
            items.Add(new Dictionary<string, object>
            {
                ["rule"] = rule,
                ["exceptions"] = entries,
                ["override"] = new Dictionary<string, object> { ["exceptions"] = "append" },
            });
        }

        var header = new List<string>
        {
            "# The platform's Falco rules (Platform.Components.Security.Audits.PlatformRules), loaded after falco_rules.yaml.",
        };
        if (inputs.Exceptions.Count > 0)
        {
            header.Add("# Exceptions (platform:securityAudits.exceptions):");
            header.AddRange(inputs.Exceptions.Select(e =>
                $"# - {OneLine(e.Rule)}: namespace {e.Namespace ?? "any"}, image {e.Image ?? "any"}: {OneLine(e.Reason)}"));
        }
        var serializer = new SerializerBuilder().DisableAliases().Build();
        return string.Join("\n", header) + "\n" + serializer.Serialize(items);
    }

    private static Dictionary<string, object> Rule(string name, string desc, string condition, string output, FalcoPriority priority, string[] tags) => new()
    {
        ["rule"] = name,
        ["desc"] = desc,
        ["condition"] = condition,
        ["output"] = output,
        ["priority"] = FalcoPriorityNames.RuleName(priority),
        ["tags"] = tags.ToList(),
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private sealed record Shape(string Name, string[] Fields, Func<AuditException, bool> Matches, Func<AuditException, List<string>> Values);

    private static readonly Shape[] Shapes =
    [
        new("platform_namespace_image", [NamespaceField, ImageField], e => e.Namespace is not null && e.Image is not null, e => [e.Namespace!, e.Image!]),
        new("platform_namespace", [NamespaceField], e => e.Namespace is not null && e.Image is null, e => [e.Namespace!]),
        new("platform_image", [ImageField], e => e.Namespace is null && e.Image is not null, e => [e.Image!]),
    ];

    private sealed class TupleComparer : IEqualityComparer<object>
    {
        public static readonly TupleComparer Instance = new();

        public new bool Equals(object? x, object? y) => x is List<string> a && y is List<string> b && a.SequenceEqual(b, StringComparer.Ordinal);

        public int GetHashCode(object obj) => obj is List<string> list ? string.Join('\u0000', list).GetHashCode(StringComparison.Ordinal) : 0;
    }
}
