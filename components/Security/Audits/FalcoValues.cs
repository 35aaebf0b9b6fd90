using Platform.Components.Networking;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security.Audits;

/// <summary>Helm values for the <c>falco</c> chart (<see cref="Catalog.HelmCharts.Falco"/>), its Falcosidekick subchart
/// included. Every key is one the chart of the pinned version reads.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>The modern eBPF probe (<c>driver.kind: modern_ebpf</c>), compiled into Falco: no driver loader, no kernel
/// headers, no driver download. It needs a kernel of 5.8 or newer with BTF (<c>/sys/kernel/btf/vmlinux</c>), which
/// Ubuntu 22.04 and later and Flatcar have. The DaemonSet skips nodes labelled <see cref="NoBtfLabel"/>=<c>false</c>; the
/// node preparation warns about a kernel without BTF. The other driver the chart still has, <c>kmod</c>, needs a module
/// built for the node's exact kernel: downloaded from download.falco.org or built with the kernel headers by the driver
/// loader, neither of which works on an offline node or on Flatcar; the chart dropped the legacy <c>ebpf</c> probe.</item>
/// <item>Falco runs on every node, control planes and tainted nodes included (<c>tolerations: [{operator: Exists}]</c>):
/// an unaudited node is where an attacker would go.</item>
/// <item>falcoctl is off: no rules or plugins are downloaded at start or followed weekly. Falco 0.44.1's image carries
/// the default rules (<see cref="FalcoDefaultRules"/>) and the container plugin 0.7.1 (the chart's
/// <c>collectors.containerEngine.pluginRef</c>) itself, so the pinned image is the whole rule set, also offline.
/// Kubernetes metadata (<c>k8s.ns.name</c>, <c>k8s.pod.name</c>) comes from the container plugin reading containerd's
/// CRI socket, not from the API server: the k8smeta collector stays off, and Falco needs no API access.</item>
/// <item>Falcosidekick runs only when it has an output (Alertmanager with monitoring, OpenSearch with logging). Its
/// OpenSearch user and password reach it through a Secret (<c>config.existingSecret</c>), OpenSearch's CA through a
/// mounted Secret (<c>config.tlsclient.cacertfile</c>), certificate verification on: never in the values.</item>
/// </list></remarks>
public static class FalcoValues
{
    /// <summary>The node label that keeps Falco off a node whose kernel has no BTF: <c>platform.io/kernel-btf: "false"</c>
    /// in the node's <c>labels</c> in <c>platform:nodes</c>.</summary>
    public const string NoBtfLabel = "platform.io/kernel-btf";

    /// <summary>Where Falco serves its health endpoint and (with monitoring) Prometheus metrics.</summary>
    public const int FalcoMetricsPort = 8765;

    /// <summary>Where Falcosidekick receives Falco's events and serves its metrics.</summary>
    public const int SidekickPort = 2801;

    /// <summary>The index prefix of Falco's events in OpenSearch (daily indices <c>falco-YYYY.MM.DD</c>, matching the
    /// logging layer's <c>falco-*</c> pattern).</summary>
    public const string OpenSearchIndex = "falco";

    /// <summary>Where Falcosidekick finds OpenSearch's CA certificate.</summary>
    public const string SidekickCaPath = "/etc/platform/opensearch-ca/ca.crt";

    /// <summary>The values tree.</summary>
    public static IReadOnlyDictionary<string, object> Render(SecurityAuditsOptions options, FalcoInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"Security audits: {string.Join(" ", problems)}", nameof(options));
        if (inputs.SidekickReplicas < 1)
            throw new ArgumentException("Security audits: Falcosidekick needs at least one replica.", nameof(inputs));
        var sidekick = inputs.AlertmanagerUrl is not null || inputs.OpenSearchEndpoint is not null;

        var values = Map(
            ("driver", Map(("enabled", true), ("kind", "modern_ebpf"), ("loader", Map(("enabled", false))))),
            ("tolerations", new object[] { Map(("operator", "Exists")) }),
            ("affinity", Map(("nodeAffinity", Map(("requiredDuringSchedulingIgnoredDuringExecution", Map(
                ("nodeSelectorTerms", new object[]
                {
                    Map(("matchExpressions", new object[] { Map(("key", NoBtfLabel), ("operator", "NotIn"), ("values", new object[] { "false" })) })),
                }))))))),
            ("resources", Map(
                ("requests", Map(("cpu", options.CpuRequest), ("memory", options.MemoryRequest))),
                ("limits", Map(("memory", options.MemoryLimit))))),
            ("falcoctl", Map(("artifact", Map(("install", Map(("enabled", false))), ("follow", Map(("enabled", false))))))),
            ("collectors", Map(
                ("kubernetes", Map(("enabled", false))),
                ("containerEngine", Map(
                    ("enabled", true),
                    ("engines", Map(
                        ("docker", Map(("enabled", false))),
                        ("podman", Map(("enabled", false))),
                        ("containerd", Map(("enabled", false))),
                        ("cri", Map(("enabled", true), ("sockets", new object[] { "/run/containerd/containerd.sock" }))),
                        ("lxc", Map(("enabled", false))),
                        ("libvirt_lxc", Map(("enabled", false))),
                        ("bpm", Map(("enabled", false))))))))),
            ("customRules", Map((PlatformRules.FileName, inputs.PlatformRulesYaml))),
            ("falco", Map(
                ("priority", FalcoPriorityNames.Name(options.MinimumPriority)),
                ("json_output", true),
                ("json_include_output_property", true),
                ("syslog_output", Map(("enabled", false))))),
            ("metrics", Map(("enabled", inputs.ServiceMonitors))),
            ("serviceMonitor", Map(("create", inputs.ServiceMonitors))),
            ("falcosidekick", sidekick ? Sidekick(options, inputs) : Map(("enabled", false))));
        return values;
    }

    private static Dictionary<string, object> Sidekick(SecurityAuditsOptions options, FalcoInputs inputs)
    {
        var config = Map();
        if (inputs.AlertmanagerUrl is { } alertmanager)
            config["alertmanager"] = Map(("hostport", alertmanager), ("minimumpriority", FalcoPriorityNames.Name(options.AlertmanagerMinimumPriority)));
        if (inputs.OpenSearchEndpoint is { } endpoint)
        {
            config["elasticsearch"] = Map(
                ("hostport", endpoint),
                ("index", OpenSearchIndex),
                ("suffix", "daily"),
                ("checkcert", true),
                ("minimumpriority", FalcoPriorityNames.Name(options.OpenSearchMinimumPriority)));
        }
        var sidekick = Map(
            ("enabled", true),
            ("replicaCount", inputs.SidekickReplicas),
            ("config", config),
            ("webui", Map(("enabled", false))),
            ("serviceMonitor", Map(("enabled", inputs.ServiceMonitors))),
            ("podSecurityContext", RestrictedSecurityContext.Pod(user: 1234, fsGroup: 1234)),
            ("securityContext", RestrictedSecurityContext.Container()),
            ("resources", Map(("requests", Map(("cpu", "20m"), ("memory", "64Mi"))), ("limits", Map(("memory", "256Mi"))))));
        if (inputs.OpenSearchEndpoint is not null)
        {
            config["existingSecret"] = inputs.SidekickSecret;
            config["tlsclient"] = Map(("cacertfile", SidekickCaPath));
            sidekick["extraVolumes"] = new object[] { Map(("name", "opensearch-ca"), ("secret", Map(("secretName", inputs.SidekickCaSecret)))) };
            sidekick["extraVolumeMounts"] = new object[] { Map(("name", "opensearch-ca"), ("mountPath", Path.GetDirectoryName(SidekickCaPath)!), ("readOnly", true)) };
        }
        return sidekick;
    }
}
