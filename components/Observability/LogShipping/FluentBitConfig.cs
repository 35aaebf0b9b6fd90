using System.Globalization;
using Platform.Components.Cluster.Kubeadm;

namespace Platform.Components.Observability.LogShipping;

/// <summary>
/// Fluent Bit's configuration in its YAML format (<c>fluent-bit.yaml</c>, read by <c>--config</c>; the format Fluent Bit
/// recommends over the classic one, and one a test decodes as YAML): a pure function of the options and the OpenSearch
/// endpoint. Three pipelines, each buffered on the node's disk:
/// <list type="bullet">
/// <item>Container logs: <c>tail</c> of <c>/var/log/containers/*.log</c> with the <c>cri</c> multiline parser (containerd's
/// log format, partial lines joined), the <c>kubernetes</c> filter (pod metadata from the API server, JSON log lines
/// merged under <see cref="MergedLogKey"/>, pod labels but never annotations), to <c>logs-containers-YYYY.MM.DD</c>.</item>
/// <item>The kubelet's and containerd's journal: one <c>systemd</c> input per unit (<c>_SYSTEMD_UNIT</c>), reading the
/// local journal wherever journald keeps it (<c>/var/log/journal</c> when persistent, <c>/run/log/journal</c> when
/// volatile: the plugin's default paths, both mounted; the platform leaves journald's storage as the OS ships it), to <c>logs-journal-YYYY.MM.DD</c>.</item>
/// <item>The API server's audit log (<see cref="KubeadmPaths.AuditLog"/>), on control planes only: every node tails the
/// path, which exists only where an API server writes it (one DaemonSet, nothing to match on workers), each event parsed
/// as JSON with its <c>stageTimestamp</c> as the time and the node's name added, to <c>logs-audit-YYYY.MM.DD</c>.</item>
/// </list>
/// Every input keeps its position (tail offsets, journal cursors) in a database under <see cref="StateDir"/>, a hostPath,
/// so a restarted pod resumes where it stopped; every input buffers its chunks on the filesystem under
/// <see cref="BufferDir"/>, and every output keeps at most <see cref="LogShippingOptions.BufferLimit"/> of them
/// (<c>storage.total_limit_size</c>, oldest dropped beyond it) while retrying without limit. The outputs verify
/// OpenSearch's certificate and host name against <see cref="CaFile"/> and log in with the user in
/// <see cref="UsernameVariable"/> and <see cref="PasswordVariable"/>, environment variables from a Secret: no credential
/// is in this text. Property names and values: <c>https://docs.fluentbit.io/manual/</c> (inputs tail and systemd,
/// filters kubernetes and modify, output opensearch, administration/buffering-and-storage).
/// </summary>
public static class FluentBitConfig
{
    /// <summary>The file name of the configuration in the chart's ConfigMap (mounted at <c>/fluent-bit/etc/conf</c>).</summary>
    public const string FileName = "fluent-bit.yaml";

    /// <summary>Where Fluent Bit keeps its state on the node (a hostPath): the position databases and the buffer.</summary>
    public const string StateDir = "/var/lib/fluent-bit";

    /// <summary>The filesystem buffer (<c>storage.path</c>).</summary>
    public const string BufferDir = StateDir + "/buffer";

    /// <summary>Where the CA of OpenSearch's certificate is mounted (from a Secret).</summary>
    public const string CaDir = "/fluent-bit/etc/opensearch-ca";

    /// <summary>The CA file the outputs verify OpenSearch's certificate against.</summary>
    public const string CaFile = CaDir + "/ca.crt";

    /// <summary>The environment variable holding the OpenSearch user name.</summary>
    public const string UsernameVariable = "OPENSEARCH_USERNAME";

    /// <summary>The environment variable holding the OpenSearch password.</summary>
    public const string PasswordVariable = "OPENSEARCH_PASSWORD";

    /// <summary>The environment variable holding the node's name (the pod's <c>spec.nodeName</c>).</summary>
    public const string NodeNameVariable = "NODE_NAME";

    /// <summary>The port of Fluent Bit's HTTP server: health and Prometheus metrics (<c>/api/v2/metrics/prometheus</c>).</summary>
    public const int MetricsPort = 2020;

    /// <summary>The index prefix of container logs.</summary>
    public const string ContainersIndex = "logs-containers";

    /// <summary>The index prefix of the kubelet's and containerd's journal.</summary>
    public const string JournalIndex = "logs-journal";

    /// <summary>The index prefix of the API server's audit events.</summary>
    public const string AuditIndex = "logs-audit";

    /// <summary>The key a JSON log line's fields are merged under (kept apart from the record's own keys).</summary>
    public const string MergedLogKey = "log_json";

    /// <summary>The systemd units whose journal is shipped.</summary>
    public static IReadOnlyList<string> JournalUnits { get; } = ["kubelet.service", "containerd.service"];

    /// <summary>The most chunks Fluent Bit keeps in memory (<c>storage.max_chunks_up</c>, about 2 MiB each); the rest
    /// wait on disk.</summary>
    public const int MaxChunksUp = 32;

    /// <summary>The longest wait between two retries of a chunk (<c>scheduler.cap</c>), in seconds: once OpenSearch is
    /// back, every buffered chunk is retried within this time.</summary>
    public const int RetryCapSeconds = 300;

    /// <summary>The parser of audit events.</summary>
    public const string AuditParser = "kube-audit";

    /// <summary>The configuration for the given options and OpenSearch endpoint (<paramref name="openSearchHost"/>, a DNS
    /// name the certificate names, and <paramref name="openSearchPort"/>). <paramref name="auditLog"/>: whether the API
    /// servers write their audit log (the hardening switch), so that it is tailed.</summary>
    /// <exception cref="ArgumentException">The options are invalid, or the endpoint is not a host name and port.</exception>
    public static string Render(LogShippingOptions options, string openSearchHost, int openSearchPort, bool auditLog)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        if (Uri.CheckHostName(openSearchHost) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
            problems.Add($"the OpenSearch host '{openSearchHost}' is not a host name.");
        if (openSearchPort is < 1 or > 65535)
            problems.Add($"the OpenSearch port {openSearchPort} is not 1-65535.");
        if (problems.Count > 0)
            throw new ArgumentException($"Log shipping: {string.Join(" ", problems)}", nameof(options));

        var inputs = new List<object> { ContainerInput(options) };
        inputs.AddRange(JournalUnits.Select(JournalInput));
        var filters = new List<object> { KubernetesFilter(options) };
        var outputs = new List<object>
        {
            Output("kube.*", ContainersIndex, options, openSearchHost, openSearchPort),
            Output("journal.*", JournalIndex, options, openSearchHost, openSearchPort),
        };
        if (auditLog)
        {
            inputs.Add(AuditInput());
            filters.Add(KubeadmYaml.Map(("name", "modify"), ("match", "audit.*"), ("add", $"node ${{{NodeNameVariable}}}")));
            outputs.Add(Output("audit.*", AuditIndex, options, openSearchHost, openSearchPort));
        }

        var document = KubeadmYaml.Map(
            ("service", KubeadmYaml.Map(
                ("flush", "1"),
                ("log_level", "info"),
                ("http_server", "on"),
                ("http_listen", "0.0.0.0"),
                ("http_port", Text(MetricsPort)),
                ("health_check", "on"),
                ("storage.path", BufferDir),
                ("storage.sync", "normal"),
                ("storage.checksum", "off"),
                ("storage.max_chunks_up", Text(MaxChunksUp)),
                ("storage.backlog.mem_limit", "16M"),
                ("storage.metrics", "on"),
                // Retries back off exponentially from scheduler.base; the cap (default 2000 s) bounds how long after
                // OpenSearch is back the buffer starts to drain.
                ("scheduler.base", "5"),
                ("scheduler.cap", Text(RetryCapSeconds)))),
            ("parsers", new object[]
            {
                KubeadmYaml.Map(
                    ("name", AuditParser),
                    ("format", "json"),
                    ("time_key", "stageTimestamp"),
                    ("time_format", "%Y-%m-%dT%H:%M:%S.%LZ"),
                    ("time_keep", "on")),
            }),
            ("pipeline", KubeadmYaml.Map(
                ("inputs", inputs.ToArray()),
                ("filters", filters.ToArray()),
                ("outputs", outputs.ToArray()))));
        var text = KubeadmYaml.Serialize(document);
        // The chart passes the file through Helm's tpl: a template action in it would be run, not shipped.
        if (text.Contains("{{", StringComparison.Ordinal))
            throw new ArgumentException("Log shipping: the configuration would contain '{{', which the chart's tpl evaluates.", nameof(options));
        return text;
    }

    /// <summary>The <c>exclude_path</c> pattern of a namespace's container logs (the kubelet names them
    /// <c>&lt;pod&gt;_&lt;namespace&gt;_&lt;container&gt;-&lt;id&gt;.log</c>).</summary>
    public static string ExcludedPath(string ns) => $"/var/log/containers/*_{ns}_*.log";

    private static Dictionary<string, object?> ContainerInput(LogShippingOptions options) => KubeadmYaml.Map(
        ("name", "tail"),
        ("tag", "kube.*"),
        ("path", "/var/log/containers/*.log"),
        ("exclude_path", options.ExcludedNamespaces.Count == 0 ? null : string.Join(",", options.ExcludedNamespaces.Select(ExcludedPath))),
        ("multiline.parser", "cri"),
        ("db", StateDir + "/tail-containers.db"),
        ("db.locking", "true"),
        ("refresh_interval", "10"),
        ("rotate_wait", "30"),
        ("skip_long_lines", "on"),
        ("buffer_max_size", "1M"),
        ("storage.type", "filesystem"));

    private static Dictionary<string, object?> JournalInput(string unit) => KubeadmYaml.Map(
        ("name", "systemd"),
        // A tag with * is expanded with the unit: journal.kubelet.service, journal.containerd.service.
        ("tag", "journal.*"),
        ("systemd_filter", $"_SYSTEMD_UNIT={unit}"),
        ("db", $"{StateDir}/journal-{unit.Split('.')[0]}.db"),
        ("read_from_tail", "on"),
        ("strip_underscores", "on"),
        ("storage.type", "filesystem"));

    private static Dictionary<string, object?> AuditInput() => KubeadmYaml.Map(
        ("name", "tail"),
        ("tag", "audit.*"),
        ("path", KubeadmPaths.AuditLog),
        ("parser", AuditParser),
        ("db", StateDir + "/tail-audit.db"),
        ("db.locking", "true"),
        ("refresh_interval", "10"),
        ("rotate_wait", "30"),
        // An event of a large object can exceed the default 32k line; beyond 4M it is skipped, not the whole file.
        ("buffer_max_size", "4M"),
        ("skip_long_lines", "on"),
        ("storage.type", "filesystem"));

    private static Dictionary<string, object?> KubernetesFilter(LogShippingOptions options) => KubeadmYaml.Map(
        ("name", "kubernetes"),
        ("match", "kube.*"),
        ("kube_url", "https://kubernetes.default.svc:443"),
        ("kube_tag_prefix", "kube.var.log.containers."),
        ("merge_log", "on"),
        ("merge_log_key", MergedLogKey),
        ("keep_log", "off"),
        // A pod's annotations choose neither its parser nor whether it is shipped: the platform decides what is kept.
        ("k8s-logging.parser", "off"),
        ("k8s-logging.exclude", "off"),
        ("labels", options.PodLabels ? "on" : "off"),
        ("annotations", "off"),
        ("buffer_size", "1M"));

    private static Dictionary<string, object?> Output(string match, string index, LogShippingOptions options, string host, int port) => KubeadmYaml.Map(
        ("name", "opensearch"),
        ("match", match),
        ("host", host),
        ("port", Text(port)),
        ("tls", "on"),
        ("tls.verify", "on"),
        ("tls.verify_hostname", "on"),
        ("tls.ca_file", CaFile),
        ("http_user", $"${{{UsernameVariable}}}"),
        ("http_passwd", $"${{{PasswordVariable}}}"),
        ("logstash_format", "on"),
        ("logstash_prefix", index),
        ("logstash_dateformat", "%Y.%m.%d"),
        // OpenSearch 2 and later have no mapping types: a bulk request naming one is refused.
        ("suppress_type_name", "on"),
        // Label keys such as app.kubernetes.io/name would otherwise become nested objects that clash with plain values.
        ("replace_dots", "on"),
        // A retried bulk request writes the same documents again: an id from the record's hash makes that a no-op.
        ("generate_id", "on"),
        ("trace_error", "on"),
        ("retry_limit", "no_limits"),
        ("storage.total_limit_size", options.BufferLimit));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
