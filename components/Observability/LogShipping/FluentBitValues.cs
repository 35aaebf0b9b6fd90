using Platform.Components.Cluster;
using Platform.Components.Networking;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Observability.LogShipping;

/// <summary>Helm values for the <c>fluent-bit</c> chart (see <see cref="Catalog.HelmCharts.FluentBit"/>): a DaemonSet
/// on every node that reads <see cref="FluentBitConfig"/> from the chart's ConfigMap (<c>config.extraFiles</c>, with
/// <c>args</c> pointing <c>--config</c> at it; the chart's classic <c>fluent-bit.conf</c> is left empty and unread).
/// Every key is one the chart's values.yaml of the pinned version has. The tree holds only string, bool, int, nested
/// <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null.</summary>
/// <remarks>The pod runs as root (uid 0, the owner of the container logs, the journal and the audit log, all mode
/// 0640 or 0600) with every capability dropped, no privilege escalation, a read-only root filesystem and the runtime's
/// seccomp profile. It mounts from the host, read-only: <c>/var/log</c> (container logs, the persistent journal, the
/// audit log), <c>/run/log/journal</c> (the journal when it is volatile; created empty where it is not) and
/// <c>/etc/machine-id</c> (which journal files are the node's own); read-write only <see cref="FluentBitConfig.StateDir"/>.
/// hostPath volumes are what Pod Security admits only at the privileged level.</remarks>
public static class FluentBitValues
{
    /// <summary>The Secret holding the OpenSearch user (keys <see cref="UsernameKey"/>, <see cref="PasswordKey"/>).</summary>
    public const string CredentialsSecret = "fluent-bit-opensearch";

    /// <summary>The key of the user name in <see cref="CredentialsSecret"/>.</summary>
    public const string UsernameKey = "username";

    /// <summary>The key of the password in <see cref="CredentialsSecret"/>.</summary>
    public const string PasswordKey = "password";

    /// <summary>The Secret holding OpenSearch's CA certificate (key <see cref="CaKey"/>).</summary>
    public const string CaSecret = "fluent-bit-opensearch-ca";

    /// <summary>The key of the CA certificate in <see cref="CaSecret"/>.</summary>
    public const string CaKey = "ca.crt";

    /// <summary>The taint every control-plane node carries (kubeadm's).</summary>
    public const string ControlPlaneTaint = "node-role.kubernetes.io/control-plane";

    /// <summary>The values for <paramref name="config"/> (the rendered <see cref="FluentBitConfig"/>), tolerating the
    /// control-plane taint and every one of <paramref name="taints"/> (the inventory's), with the chart's
    /// ServiceMonitor when <paramref name="serviceMonitor"/> (monitoring on).</summary>
    public static IReadOnlyDictionary<string, object> Render(LogShippingOptions options, string config, IReadOnlyList<NodeTaint> taints, bool serviceMonitor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(taints);
        return Map(
            ("kind", "DaemonSet"),
            ("testFramework", Map(("enabled", false))),
            ("rbac", Map(("create", true), ("nodeAccess", false), ("eventsAccess", false))),
            ("serviceAccount", Map(("create", true))),
            ("podSecurityContext", RestrictedSecurityContext.Pod(runAsNonRoot: null)),
            ("securityContext", RestrictedSecurityContext.Container(runAsNonRoot: false, user: 0, group: 0, privileged: false)),
            ("metricsPort", FluentBitConfig.MetricsPort),
            ("resources", Map(
                ("requests", Map(("cpu", options.CpuRequest), ("memory", options.MemoryRequest))),
                ("limits", Map(("memory", options.MemoryLimit))))),
            ("tolerations", Tolerations(taints)),
            ("updateStrategy", Map(("type", "RollingUpdate"), ("rollingUpdate", Map(("maxUnavailable", 1))))),
            ("env", new object[]
            {
                Map(("name", FluentBitConfig.NodeNameVariable), ("valueFrom", Map(("fieldRef", Map(("fieldPath", "spec.nodeName")))))),
                SecretEnv(FluentBitConfig.UsernameVariable, UsernameKey),
                SecretEnv(FluentBitConfig.PasswordVariable, PasswordKey),
            }),
            ("args", new object[] { "--workdir=/fluent-bit/etc", $"--config=/fluent-bit/etc/conf/{FluentBitConfig.FileName}" }),
            ("config", Map(
                ("service", ""),
                ("inputs", ""),
                ("filters", ""),
                ("outputs", ""),
                ("customParsers", ""),
                ("extraFiles", Map((FluentBitConfig.FileName, config))))),
            ("daemonSetVolumes", new object[]
            {
                HostPath("varlog", "/var/log", "Directory"),
                HostPath("runlogjournal", "/run/log/journal", "DirectoryOrCreate"),
                HostPath("etcmachineid", "/etc/machine-id", "File"),
                HostPath("state", FluentBitConfig.StateDir, "DirectoryOrCreate"),
            }),
            ("daemonSetVolumeMounts", new object[]
            {
                Mount("varlog", "/var/log", readOnly: true),
                Mount("runlogjournal", "/run/log/journal", readOnly: true),
                Mount("etcmachineid", "/etc/machine-id", readOnly: true),
                Mount("state", FluentBitConfig.StateDir, readOnly: false),
            }),
            ("extraVolumes", new object[] { Map(("name", "opensearch-ca"), ("secret", Map(("secretName", CaSecret)))) }),
            ("extraVolumeMounts", new object[] { Mount("opensearch-ca", FluentBitConfig.CaDir, readOnly: true) }),
            ("networkPolicy", Map(("enabled", false))),
            ("hotReload", Map(("enabled", false))),
            ("serviceMonitor", serviceMonitor ? Map(("enabled", true), ("interval", "30s")) : Map(("enabled", false))));
    }

    /// <summary>The tolerations: the control-plane taint, then each distinct taint of <paramref name="taints"/>. The
    /// DaemonSet controller adds the node-condition ones itself (not-ready, unreachable, disk-pressure, ...).</summary>
    public static object[] Tolerations(IReadOnlyList<NodeTaint> taints)
    {
        ArgumentNullException.ThrowIfNull(taints);
        var tolerations = new List<object> { Map(("key", ControlPlaneTaint), ("operator", "Exists"), ("effect", "NoSchedule")) };
        foreach (var taint in taints.Where(t => !(t.Key == ControlPlaneTaint && t.Effect == TaintEffect.NoSchedule)).Distinct())
        {
            var toleration = Map(("key", taint.Key), ("operator", taint.Value is null ? "Exists" : "Equal"));
            if (taint.Value is { } value) toleration["value"] = value;
            toleration["effect"] = taint.Effect.ToString();
            tolerations.Add(toleration);
        }
        return [.. tolerations];
    }

    private static Dictionary<string, object> SecretEnv(string name, string key)
        => Map(("name", name), ("valueFrom", Map(("secretKeyRef", Map(("name", CredentialsSecret), ("key", key))))));

    private static Dictionary<string, object> HostPath(string name, string path, string type)
        => Map(("name", name), ("hostPath", Map(("path", path), ("type", type))));

    private static Dictionary<string, object> Mount(string name, string path, bool readOnly)
        => Map(("name", name), ("mountPath", path), ("readOnly", readOnly));
}
