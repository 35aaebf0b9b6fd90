using System.Text.Json.Nodes;
using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Observability.LogShipping;
using Platform.Tests.Validation;

namespace Platform.Tests.Observability.LogShipping;

/// <summary>Fluent Bit's configuration, decoded as YAML (strictly: one document, no anchors, no repeated keys) and read
/// section by section: what each input reads and where it keeps its position, what the kubernetes filter adds, and that
/// every output verifies OpenSearch, logs in through environment variables and bounds its disk buffer.</summary>
public class FluentBitConfigTests
{
    private const string Host = "opensearch-cluster-master.logging.svc";

    private static JsonObject Decode(LogShippingOptions? options = null, bool auditLog = true)
    {
        var text = FluentBitConfig.Render(options ?? new LogShippingOptions(), Host, 9200, auditLog);
        Assert.False(KubeYaml.HasAnchorsOrAliases(text));
        return KubeYaml.Single(text)!.AsObject();
    }

    private static IReadOnlyList<JsonObject> Section(JsonObject config, string name) =>
        config["pipeline"]![name]!.AsArray().Select(n => n!.AsObject()).ToList();

    // Fluent Bit reads every value as text: the renderer writes them all as strings.
    private static string Text(JsonObject section, string key) => section[key]!.GetValue<string>();

    [Fact]
    public void The_service_buffers_on_the_hostpath_and_serves_health_and_metrics()
    {
        var service = Decode()["service"]!.AsObject();

        Assert.Equal(FluentBitConfig.BufferDir, Text(service, "storage.path"));
        Assert.StartsWith(FluentBitConfig.StateDir + "/", FluentBitConfig.BufferDir, StringComparison.Ordinal);
        Assert.Equal(("on", "on", "2020"), (Text(service, "http_server"), Text(service, "health_check"), Text(service, "http_port")));
        Assert.Equal("32", Text(service, "storage.max_chunks_up"));
        // Retries back off to at most five minutes: a recovered OpenSearch gets the backlog within that.
        Assert.Equal("300", Text(service, "scheduler.cap"));
        // Quoted where YAML would read a boolean or a number: Fluent Bit takes text, and so does every value here.
        Assert.All(service, kv => Assert.Equal(System.Text.Json.JsonValueKind.String, kv.Value!.GetValueKind()));
    }

    [Fact]
    public void Container_logs_are_tailed_with_the_cri_parser_buffered_on_disk_with_their_position_on_the_hostpath()
    {
        var inputs = Section(Decode(), "inputs");
        var containers = Assert.Single(inputs, i => Text(i, "tag") == "kube.*");

        Assert.Equal("tail", Text(containers, "name"));
        Assert.Equal("/var/log/containers/*.log", Text(containers, "path"));
        Assert.Equal("cri", Text(containers, "multiline.parser"));
        Assert.False(containers.ContainsKey("exclude_path"));
        // Every input: filesystem buffer, and a position database of its own on the hostPath.
        Assert.All(inputs, i => Assert.Equal("filesystem", Text(i, "storage.type")));
        var databases = inputs.Select(i => Text(i, "db")).ToList();
        Assert.All(databases, db => Assert.StartsWith(FluentBitConfig.StateDir + "/", db, StringComparison.Ordinal));
        Assert.Equal(databases.Count, databases.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Excluded_namespaces_are_left_out_by_their_log_file_names()
    {
        var inputs = Section(Decode(new LogShippingOptions { ExcludedNamespaces = ["load-tests", "scratch"] }), "inputs");
        var containers = Assert.Single(inputs, i => Text(i, "tag") == "kube.*");

        Assert.Equal("/var/log/containers/*_load-tests_*.log,/var/log/containers/*_scratch_*.log", Text(containers, "exclude_path"));
    }

    [Fact]
    public void The_kubelet_and_containerd_journal_is_read_from_the_local_journal_one_unit_per_input()
    {
        var journal = Section(Decode(), "inputs").Where(i => Text(i, "name") == "systemd").ToList();

        Assert.Equal(["_SYSTEMD_UNIT=kubelet.service", "_SYSTEMD_UNIT=containerd.service"], journal.Select(i => Text(i, "systemd_filter")));
        Assert.All(journal, i =>
        {
            Assert.Equal("journal.*", Text(i, "tag"));
            // No path: the plugin reads the local journal where journald keeps it, /var/log/journal or /run/log/journal.
            Assert.False(i.ContainsKey("path"));
            Assert.Equal("on", Text(i, "read_from_tail"));
        });
    }

    [Fact]
    public void The_audit_log_is_tailed_at_the_api_servers_path_parsed_as_json_with_the_node_added()
    {
        var config = Decode();
        var audit = Assert.Single(Section(config, "inputs"), i => Text(i, "tag") == "audit.*");
        Assert.Equal(KubeadmPaths.AuditLog, Text(audit, "path"));
        Assert.Equal(FluentBitConfig.AuditParser, Text(audit, "parser"));
        var parser = Assert.Single(config["parsers"]!.AsArray(), p => Text(p!.AsObject(), "name") == FluentBitConfig.AuditParser)!.AsObject();
        Assert.Equal(("json", "stageTimestamp"), (Text(parser, "format"), Text(parser, "time_key")));
        var modify = Assert.Single(Section(config, "filters"), f => Text(f, "name") == "modify");
        Assert.Equal(("audit.*", "node ${NODE_NAME}"), (Text(modify, "match"), Text(modify, "add")));

        // Without the API servers' audit log there is nothing to tail, filter or send.
        var without = Decode(auditLog: false);
        Assert.DoesNotContain(Section(without, "inputs"), i => Text(i, "tag") == "audit.*");
        Assert.DoesNotContain(Section(without, "filters"), f => Text(f, "match") == "audit.*");
        Assert.DoesNotContain(Section(without, "outputs"), o => Text(o, "match") == "audit.*");
    }

    [Fact]
    public void The_kubernetes_filter_adds_pod_metadata_merges_json_lines_and_keeps_labels_but_no_annotations()
    {
        var filter = Assert.Single(Section(Decode(), "filters"), f => Text(f, "name") == "kubernetes");

        Assert.Equal("kube.*", Text(filter, "match"));
        Assert.Equal("https://kubernetes.default.svc:443", Text(filter, "kube_url"));
        Assert.Equal(("on", FluentBitConfig.MergedLogKey, "off"), (Text(filter, "merge_log"), Text(filter, "merge_log_key"), Text(filter, "keep_log")));
        Assert.Equal(("on", "off"), (Text(filter, "labels"), Text(filter, "annotations")));
        // A pod cannot opt itself out of shipping, nor choose its parser, by annotation.
        Assert.Equal(("off", "off"), (Text(filter, "k8s-logging.exclude"), Text(filter, "k8s-logging.parser")));

        var noLabels = Assert.Single(Section(Decode(new LogShippingOptions { PodLabels = false }), "filters"), f => Text(f, "name") == "kubernetes");
        Assert.Equal("off", Text(noLabels, "labels"));
    }

    [Fact]
    public void Each_stream_goes_to_its_daily_index_over_verified_tls_with_credentials_from_the_environment()
    {
        var outputs = Section(Decode(new LogShippingOptions { BufferLimit = "750M" }), "outputs");

        Assert.Equal(new Dictionary<string, string> { ["kube.*"] = "logs-containers", ["journal.*"] = "logs-journal", ["audit.*"] = "logs-audit" },
            outputs.ToDictionary(o => Text(o, "match"), o => Text(o, "logstash_prefix")));
        Assert.All(outputs, o =>
        {
            Assert.Equal("opensearch", Text(o, "name"));
            Assert.Equal((Host, "9200"), (Text(o, "host"), Text(o, "port")));
            Assert.Equal(("on", "on", "on"), (Text(o, "tls"), Text(o, "tls.verify"), Text(o, "tls.verify_hostname")));
            Assert.Equal(FluentBitConfig.CaFile, Text(o, "tls.ca_file"));
            Assert.Equal(("${OPENSEARCH_USERNAME}", "${OPENSEARCH_PASSWORD}"), (Text(o, "http_user"), Text(o, "http_passwd")));
            Assert.Equal(("on", "%Y.%m.%d", "on"), (Text(o, "logstash_format"), Text(o, "logstash_dateformat"), Text(o, "suppress_type_name")));
            Assert.Equal(("no_limits", "750M"), (Text(o, "retry_limit"), Text(o, "storage.total_limit_size")));
            Assert.Equal("on", Text(o, "generate_id"));
        });
        // Every index is one the logging layer's logs-* pattern covers.
        Assert.All(outputs, o => Assert.StartsWith("logs-", Text(o, "logstash_prefix"), StringComparison.Ordinal));
    }

    [Fact]
    public void The_text_holds_no_template_action_for_the_charts_tpl_and_every_input_is_routed_to_an_output()
    {
        var text = FluentBitConfig.Render(new LogShippingOptions { ExcludedNamespaces = ["a"] }, Host, 9200, auditLog: true);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);

        var config = KubeYaml.Single(text)!.AsObject();
        var matches = Section(config, "outputs").Select(o => Text(o, "match")).ToList();
        foreach (var input in Section(config, "inputs"))
            Assert.Single(matches, m => m == Text(input, "tag"));
    }

    [Theory]
    [InlineData("", 9200, "the OpenSearch host '' is not a host name")]
    [InlineData("https://opensearch", 9200, "is not a host name")]
    [InlineData(Host, 0, "the OpenSearch port 0 is not 1-65535")]
    public void A_bad_endpoint_is_refused(string host, int port, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => FluentBitConfig.Render(new LogShippingOptions(), host, port, auditLog: true));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_are_refused_with_every_problem()
    {
        var error = Assert.Throws<ArgumentException>(() => FluentBitConfig.Render(
            new LogShippingOptions { BufferLimit = "lots", ExcludedNamespaces = ["Bad"] }, Host, 9200, auditLog: true));
        Assert.Contains("bufferLimit 'lots'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Bad' is not a namespace name", error.Message, StringComparison.Ordinal);
    }
}
