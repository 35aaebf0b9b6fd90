using System.Net;
using System.Text.RegularExpressions;
using Platform.Components.Catalog;
using Platform.Components.Cluster;
using Platform.Components.Cluster.ServingCertificates;
using Platform.Tests.Harness;

namespace Platform.Tests.Cluster.ServingCertificates;

public class KubeletCsrApproverValuesTests
{
    private static ClusterNode Node(string name, string address, NodeRole role = NodeRole.Worker) =>
        new() { Name = name, Address = address, Role = role };

    private static readonly IReadOnlyList<ClusterNode> Inventory =
    [
        Node("cp-1", "10.0.0.11", NodeRole.ControlPlane),
        Node("cp-2", "10.0.0.12", NodeRole.ControlPlane),
        Node("cp-3", "10.0.0.13", NodeRole.ControlPlane),
        Node("w-1", "10.0.1.21"),
    ];

    private static IReadOnlyDictionary<string, object> Render(IReadOnlyList<ClusterNode>? nodes = null, int? replicas = null) =>
        KubeletCsrApproverValues.Render(new KubeletServingCertificateApproverArgs { Nodes = nodes ?? Inventory, Replicas = replicas });

    private static string ChartData(string file) =>
        Path.Combine(RepoRoot.Path, "..", "shared", "charts", HelmCharts.KubeletCsrApprover.Name, HelmCharts.KubeletCsrApprover.Version, file);

    [Fact]
    public void The_regex_admits_exactly_the_inventorys_node_names()
    {
        var regex = KubeletCsrApproverValues.ProviderRegex(Inventory.Select(n => n.Name));

        Assert.Equal("^(cp-1|cp-2|cp-3|w-1)$", regex);
        // The approver matches it (Go RE2, MatchString) against each DNS name of the request.
        Assert.All(Inventory, n => Assert.Matches(regex, n.Name));
        foreach (var other in new[] { "w-10", "w-1x", "xw-1", "cp-1.evil.example", "w", "", "cp-1|w-1", "CP-1" })
            Assert.DoesNotMatch(regex, other);
    }

    [Fact]
    public void Dots_in_node_names_are_escaped_so_they_match_only_a_dot()
    {
        var regex = KubeletCsrApproverValues.ProviderRegex(["w-1.example.internal", "w-2"]);

        Assert.Equal(@"^(w-1\.example\.internal|w-2)$", regex);
        Assert.Matches(regex, "w-1.example.internal");
        Assert.DoesNotMatch(regex, "w-1xexample-internal");
        Assert.DoesNotMatch(regex, "w-1.example.internal.evil");
    }

    [Fact]
    public void The_chart_writes_the_regex_unquoted_into_yaml_and_it_reads_back_unchanged()
    {
        // templates/deployment.yaml: `value: {{ .Values.providerRegex }}` (no quote).
        foreach (var names in new[] { Inventory.Select(n => n.Name).ToArray(), ["w-1.example.internal", "0-a"] })
        {
            var regex = KubeletCsrApproverValues.ProviderRegex(names);
            var env = Assert.IsAssignableFrom<IDictionary<object, object>>(ValuesTree.Parse($"- name: PROVIDER_REGEX\n  value: {regex}\n") is List<object> list ? list[0] : null);
            Assert.Equal(regex, env["value"]);
        }
    }

    [Theory]
    [InlineData("CP-1")]
    [InlineData("cp_1")]
    [InlineData("-cp")]
    [InlineData("cp-1: x")]
    [InlineData("a|b")]
    [InlineData("")]
    public void Names_that_are_not_node_names_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => KubeletCsrApproverValues.ProviderRegex(["cp-1", name]));
        Assert.Contains("is not a node name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_or_missing_names_are_refused()
    {
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => KubeletCsrApproverValues.ProviderRegex(["w-1", "w-1"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => KubeletCsrApproverValues.ProviderRegex([]));
    }

    [Fact]
    public void Each_address_is_a_prefix_of_itself_alone()
    {
        var prefixes = KubeletCsrApproverValues.ProviderIpPrefixes(["10.0.0.11", "192.168.10.21", "2001:db8::21"]);

        Assert.Equal(["10.0.0.11/32", "192.168.10.21/32", "2001:db8::21/128"], prefixes);
        // The approver parses each with Go's netip.ParsePrefix; every one holds exactly one address.
        Assert.All(prefixes, p => Assert.Equal(IPNetwork.Parse(p).BaseAddress.GetAddressBytes().Length * 8, IPNetwork.Parse(p).PrefixLength));
    }

    [Theory]
    [InlineData("w-1.example.internal")]
    [InlineData("10.1")]
    [InlineData("167772161")]
    [InlineData("10.0.0.0/24")]
    public void Addresses_that_are_not_ip_addresses_are_refused(string address)
    {
        var error = Assert.Throws<ArgumentException>(() => KubeletCsrApproverValues.ProviderIpPrefixes(["10.0.0.11", address]));
        Assert.Contains($"'{address}' is not an IP address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_scope_the_approver_to_the_inventory()
    {
        var values = Render();

        Assert.Equal("^(cp-1|cp-2|cp-3|w-1)$", values["providerRegex"]);
        Assert.Equal(new object[] { "10.0.0.11/32", "10.0.0.12/32", "10.0.0.13/32", "10.0.1.21/32" }, values["providerIpPrefixes"]);
        Assert.Equal("31536000", values["maxExpirationSeconds"]);
        Assert.Equal(true, values["bypassDnsResolution"]);
        Assert.Equal(1, values["allowedDnsNames"]);
        Assert.Equal(false, values["bypassHostnameCheck"]);
        Assert.Equal(false, values["ignoreNonSystemNode"]);
        Assert.Equal(false, values["skipDenyStep"]);
        Assert.Equal(true, values["leaderElection"]);
        Assert.Equal(2, values["replicas"]);
        Assert.Equal("node-role.kubernetes.io/control-plane", ValuesTree.At(values, "tolerations.0.key"));
        Assert.Equal("Exists", ValuesTree.At(values, "tolerations.0.operator"));
        Assert.Equal("NoSchedule", ValuesTree.At(values, "tolerations.0.effect"));
        Assert.Equal("kubernetes.io/hostname", ValuesTree.At(values, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution.0.podAffinityTerm.topologyKey"));
        Assert.Empty(ValuesTree.Problems(values));
        ValuesTree.AssertRoundTrips(values);
    }

    [Fact]
    public void One_node_gets_one_replica_and_a_chosen_count_wins()
    {
        Assert.Equal(1, Render([Inventory[0]])["replicas"]);
        Assert.Equal(3, Render(replicas: 3)["replicas"]);
        Assert.Equal(true, Render([Inventory[0]])["leaderElection"]);
    }

    [Fact]
    public void The_anti_affinity_selects_the_charts_own_pod_labels()
    {
        // templates/_helpers.tpl selectorLabels: name = the chart's name, instance = the release's name (the chart's).
        var labels = ValuesTree.At(Render(), "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution.0.podAffinityTerm.labelSelector.matchLabels");
        Assert.Equal(new Dictionary<string, object>
        {
            ["app.kubernetes.io/name"] = HelmCharts.KubeletCsrApprover.Name,
            ["app.kubernetes.io/instance"] = HelmCharts.KubeletCsrApprover.Name,
        }, labels);
    }

    [Fact]
    public void Dns_named_nodes_are_refused_with_every_problem()
    {
        var error = Assert.Throws<ArgumentException>(() => KubeletCsrApproverValues.Render(new KubeletServingCertificateApproverArgs
        {
            Nodes = [Inventory[0], Node("w-1", "w-1.example.internal"), Node("w-2", "w-2.example.internal")],
            MaxExpirationSeconds = 400 * 24 * 3600,
            Replicas = 0,
        }));

        Assert.Contains("w-1 (w-1.example.internal), w-2 (w-2.example.internal) are not IP addresses", error.Message, StringComparison.Ordinal);
        Assert.Contains("maxExpirationSeconds 34560000 is outside 1-31708800", error.Message, StringComparison.Ordinal);
        Assert.Contains("replicas 0 is not at least 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Render([]));
    }

    [Fact]
    public void Pods_meet_the_restricted_pod_security_level_their_namespace_enforces()
    {
        var values = System.Text.Json.JsonSerializer.SerializeToNode(Render())!;

        var pod = Validation.StrictJson.Decode<k8s.Models.V1PodSecurityContext>(values["podSecurityContext"]);
        var container = Validation.StrictJson.Decode<k8s.Models.V1SecurityContext>(values["securityContext"]);

        Assert.Empty(Validation.RestrictedPodSecurity.Violations(pod, container));
        Assert.Equal(true, container.ReadOnlyRootFilesystem);
    }

    [Fact]
    public void Every_value_is_one_the_chart_reads_with_the_type_of_its_default()
    {
        var paths = File.ReadAllLines(ChartData("values-paths.txt")).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        var freeform = File.ReadAllLines(ChartData("values-freeform.txt")).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal);
        var defaults = Assert.IsAssignableFrom<IDictionary<object, object>>(ValuesTree.Parse(File.ReadAllText(ChartData("values.yaml"))));

        foreach (var (key, value) in Render())
        {
            Assert.Contains(key, paths);
            if (freeform.Contains(key)) continue;
            Assert.True(defaults.TryGetValue(key, out var fallback), $"values.yaml has no {key}");
            switch (value)
            {
                case string:
                    // values.yaml writes maxExpirationSeconds as "" and the chart quotes it: text, not a number.
                    Assert.IsType<string>(fallback);
                    break;
                case bool:
                    Assert.IsType<bool>(fallback);
                    break;
                case int:
                    // YamlDotNet reads a plain integer as the smallest integral type that holds it.
                    Assert.True(fallback is byte or sbyte or short or ushort or int or uint or long or ulong, $"{key}'s default {fallback} is not an integer");
                    break;
                case object[]:
                    Assert.IsAssignableFrom<IList<object>>(fallback);
                    break;
                default:
                    Assert.Fail($"{key} is a {value.GetType().Name}, which the chart's default {fallback} is not");
                    break;
            }
        }
        // The chart has no values.schema.json; chart-check (in .ci/run) checks the rendered release against the same data.
        Assert.False(File.Exists(ChartData("values.schema.json")));
    }

    [Fact]
    public void The_default_expiration_is_the_signers_default_lifetime_and_within_the_approvers_limit()
    {
        Assert.Equal(365 * 24 * 3600, KubeletCsrApproverValues.DefaultMaxExpirationSeconds);
        Assert.InRange(KubeletCsrApproverValues.DefaultMaxExpirationSeconds, 1, KubeletCsrApproverValues.MaxExpirationSecondsLimit);
        Assert.Equal(KubeletCsrApproverValues.DefaultMaxExpirationSeconds, new KubeletServingCertificateApproverArgs { Nodes = Inventory }.MaxExpirationSeconds);
    }

    [Fact]
    public void The_chart_is_pinned_from_its_projects_repository()
    {
        Assert.Equal(("kubelet-csr-approver", "https://postfinance.github.io/kubelet-csr-approver", "1.2.14"),
            (HelmCharts.KubeletCsrApprover.Name, HelmCharts.KubeletCsrApprover.Repository, HelmCharts.KubeletCsrApprover.Version));
        Assert.Equal(CrdInstall.None, HelmCharts.KubeletCsrApprover.Crds);
        Assert.Contains(HelmCharts.KubeletCsrApprover, HelmCharts.All);
        Assert.Contains("1.2.14\t", File.ReadAllText(Path.Combine(RepoRoot.Path, "..", "shared", "charts", "kubelet-csr-approver", "versions.txt")), StringComparison.Ordinal);
    }
}
