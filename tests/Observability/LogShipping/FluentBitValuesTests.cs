using System.Text.Json;
using k8s.Models;
using Platform.Components.Catalog;
using Platform.Components.Cluster;
using Platform.Components.Observability.LogShipping;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Observability.LogShipping;

/// <summary>The fluent-bit chart's values, checked against the chart's values paths and decoded as the Kubernetes
/// objects the chart writes them into (tolerations, security context, volumes, environment).</summary>
public class FluentBitValuesTests
{
    private static readonly NodeTaint[] Taints =
    [
        new() { Key = "dedicated", Value = "storage", Effect = TaintEffect.NoSchedule },
        new() { Key = "example.com/gpu", Effect = TaintEffect.NoExecute },
        new() { Key = "dedicated", Value = "storage", Effect = TaintEffect.NoSchedule },
    ];

    private static IReadOnlyDictionary<string, object> Render(bool serviceMonitor = false, LogShippingOptions? options = null)
    {
        options ??= new LogShippingOptions();
        return FluentBitValues.Render(options, FluentBitConfig.Render(options, "opensearch.logging.svc", 9200, auditLog: true), Taints, serviceMonitor);
    }

    private static T Decode<T>(object value) => k8s.KubernetesJson.Deserialize<T>(JsonSerializer.Serialize(value));

    private static List<T> DecodeList<T>(IReadOnlyDictionary<string, object> values, string key) =>
        ((object[])values[key]).Select(Decode<T>).ToList();

    [Fact]
    public void Every_value_is_one_the_chart_reads_and_the_tree_round_trips()
    {
        foreach (var monitor in new[] { false, true })
        {
            var values = Render(monitor);
            Assert.Empty(ChartPaths.Unread(HelmCharts.FluentBit, values));
            ValuesTree.AssertRoundTrips(values);
        }
    }

    [Fact]
    public void The_daemonset_tolerates_the_control_plane_and_every_taint_of_the_inventory_once()
    {
        var tolerations = DecodeList<V1Toleration>(Render(), "tolerations");

        Assert.Equal(
            [("node-role.kubernetes.io/control-plane", "Exists", null, "NoSchedule"), ("dedicated", "Equal", "storage", "NoSchedule"), ("example.com/gpu", "Exists", null, "NoExecute")],
            tolerations.Select(t => (t.Key, t.OperatorProperty, (string?)t.Value, t.Effect)));
        Assert.Equal("DaemonSet", Render()["kind"]);
    }

    [Fact]
    public void The_pod_runs_as_root_without_capabilities_on_a_read_only_root_and_is_therefore_not_restricted()
    {
        var values = Render();
        var pod = Decode<V1PodSecurityContext>(values["podSecurityContext"]);
        var container = Decode<V1SecurityContext>(values["securityContext"]);

        Assert.Equal(0, container.RunAsUser);
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.Null(container.Capabilities.Add);
        // Root is the one reason the pod is not restricted (it reads root-owned 0640 and 0600 files); the hostPaths are
        // the reason its namespace is privileged.
        Assert.Equal(["runAsNonRoot is not true", "runAsUser is 0"], RestrictedPodSecurity.Violations(pod, container));
    }

    [Fact]
    public void The_host_is_mounted_read_only_but_for_the_state_directory()
    {
        var values = Render();
        var volumes = DecodeList<V1Volume>(values, "daemonSetVolumes").ToDictionary(v => v.Name);
        var mounts = DecodeList<V1VolumeMount>(values, "daemonSetVolumeMounts").ToDictionary(m => m.Name);

        Assert.Equal(volumes.Keys.Order(), mounts.Keys.Order());
        Assert.All(volumes.Values, v => Assert.Equal(mounts[v.Name].MountPath, v.HostPath.Path));
        Assert.Equal(
            new Dictionary<string, bool?> { ["/var/log"] = true, ["/run/log/journal"] = true, ["/etc/machine-id"] = true, [FluentBitConfig.StateDir] = false },
            mounts.Values.ToDictionary(m => m.MountPath, m => m.ReadOnlyProperty));
        Assert.Equal("DirectoryOrCreate", volumes["state"].HostPath.Type);
        Assert.Equal("File", volumes["etcmachineid"].HostPath.Type);
        // The chart's default Docker folder is gone: containerd writes /var/log/pods.
        Assert.DoesNotContain(volumes.Values, v => v.HostPath.Path.Contains("docker", StringComparison.Ordinal));

        var ca = Assert.Single(DecodeList<V1Volume>(values, "extraVolumes"));
        var caMount = Assert.Single(DecodeList<V1VolumeMount>(values, "extraVolumeMounts"));
        Assert.Equal((FluentBitValues.CaSecret, ca.Name, FluentBitConfig.CaDir, true), (ca.Secret.SecretName, caMount.Name, caMount.MountPath, caMount.ReadOnlyProperty));
        Assert.Equal(FluentBitConfig.CaFile, $"{caMount.MountPath}/{FluentBitValues.CaKey}");
    }

    [Fact]
    public void The_credentials_come_from_the_secret_by_environment_and_the_configuration_is_the_one_read()
    {
        var values = Render();
        var env = DecodeList<V1EnvVar>(values, "env").ToDictionary(e => e.Name);

        Assert.Equal((FluentBitValues.CredentialsSecret, FluentBitValues.UsernameKey), (env[FluentBitConfig.UsernameVariable].ValueFrom.SecretKeyRef.Name, env[FluentBitConfig.UsernameVariable].ValueFrom.SecretKeyRef.Key));
        Assert.Equal((FluentBitValues.CredentialsSecret, FluentBitValues.PasswordKey), (env[FluentBitConfig.PasswordVariable].ValueFrom.SecretKeyRef.Name, env[FluentBitConfig.PasswordVariable].ValueFrom.SecretKeyRef.Key));
        Assert.Equal("spec.nodeName", env[FluentBitConfig.NodeNameVariable].ValueFrom.FieldRef.FieldPath);
        Assert.All(env.Values, e => Assert.Null(e.Value));

        // --config names the file the chart's ConfigMap holds, mounted at /fluent-bit/etc/conf; the classic file stays empty.
        var args = ((object[])values["args"]).Cast<string>().ToList();
        var file = Assert.Single(args, a => a.StartsWith("--config=", StringComparison.Ordinal))["--config=".Length..];
        Assert.Equal("/fluent-bit/etc/conf/" + FluentBitConfig.FileName, file);
        var extra = (IReadOnlyDictionary<string, object>)ValuesTree.At(values, "config.extraFiles");
        Assert.Equal([FluentBitConfig.FileName], extra.Keys);
        Assert.NotNull(KubeYaml.Single((string)extra[FluentBitConfig.FileName]));
        Assert.All(new[] { "service", "inputs", "filters", "outputs", "customParsers" }, k => Assert.Equal("", ValuesTree.At(values, $"config.{k}")));
    }

    [Fact]
    public void Resources_follow_the_options_and_the_service_monitor_follows_monitoring()
    {
        var values = Render(serviceMonitor: true, options: new LogShippingOptions { CpuRequest = "200m", MemoryRequest = "256Mi", MemoryLimit = "1Gi" });
        var resources = Decode<V1ResourceRequirements>(values["resources"]);

        Assert.Equal(("200m", "256Mi", "1Gi"), (resources.Requests["cpu"].ToString(), resources.Requests["memory"].ToString(), resources.Limits["memory"].ToString()));
        Assert.False(resources.Limits.ContainsKey("cpu"));
        Assert.Equal(true, ValuesTree.At(values, "serviceMonitor.enabled"));
        Assert.Equal(false, ValuesTree.At(Render(), "serviceMonitor.enabled"));
        Assert.Equal(FluentBitConfig.MetricsPort, values["metricsPort"]);
    }
}
