using k8s.Models;
using Platform.Components.Cluster;

namespace Platform.Tests.Validation;

/// <summary>The kube-vip static pod, read as the kubelet reads it (YAML 1.1 scalars, then a strict decode into V1Pod).</summary>
public class KubeVipManifestDecodeTests
{
    /// <summary>kube-vip's settings as it expects them: every environment variable's value is a string.</summary>
    private static readonly (string Name, string Value)[] ExpectedEnv =
    [
        ("vip_arp", "true"),
        ("port", "6443"),
        ("vip_interface", KubeVipManifest.InterfacePlaceholder),
        ("vip_subnet", "32"),
        ("cp_enable", "true"),
        ("cp_namespace", "kube-system"),
        ("vip_leaderelection", "true"),
        ("vip_leasename", "plndr-cp-lock"),
        ("vip_leaseduration", "5"),
        ("vip_renewdeadline", "3"),
        ("vip_retryperiod", "1"),
        ("address", "10.0.0.10"),
    ];

    [Fact]
    public void The_template_decodes_strictly_as_a_pod_whose_env_values_are_the_intended_strings()
    {
        var pod = StrictJson.DecodeYaml<V1Pod>(KubeVipManifest.Render("10.0.0.10"));

        Assert.Equal(("v1", "Pod"), (pod.ApiVersion, pod.Kind));
        Assert.Equal(("kube-vip", "kube-system"), (pod.Metadata.Name, pod.Metadata.NamespaceProperty));
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal(ClusterImages.KubeVip, container.Image);
        Assert.Equal(new[] { "manager" }, container.Args);
        Assert.Equal(ExpectedEnv, container.Env.Select(e => (e.Name, e.Value)));
        Assert.All(container.Env, e => Assert.Null(e.ValueFrom));
        Assert.Equal(new[] { "NET_ADMIN", "NET_RAW" }, container.SecurityContext.Capabilities.Add);
        Assert.Equal(new[] { "ALL" }, container.SecurityContext.Capabilities.Drop);
        Assert.True(pod.Spec.HostNetwork);
        Assert.Equal("system-node-critical", pod.Spec.PriorityClassName);
        Assert.Equal(2000001000, pod.Spec.Priority);
        var mount = Assert.Single(container.VolumeMounts);
        var volume = Assert.Single(pod.Spec.Volumes);
        Assert.Equal(("kubeconfig", "kubeconfig"), (mount.Name, volume.Name));
        Assert.Equal("/etc/kubernetes/admin.conf", mount.MountPath);
        Assert.Equal(KubeVipManifest.KubeconfigPlaceholder, volume.HostPath.Path);
        var alias = Assert.Single(pod.Spec.HostAliases);
        Assert.Equal("127.0.0.1", alias.Ip);
        Assert.Equal(new[] { "kubernetes" }, alias.Hostnames);
    }

    [Fact]
    public void Another_api_port_reaches_kube_vip_as_a_string()
    {
        var pod = StrictJson.DecodeYaml<V1Pod>(KubeVipManifest.Render("192.168.10.5", 8443));
        var env = pod.Spec.Containers.Single().Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("8443", env["port"]);
        Assert.Equal("192.168.10.5", env["address"]);
    }

    [Theory]
    [InlineData("eth0", "/etc/kubernetes/super-admin.conf")]
    [InlineData("ens192", "/etc/kubernetes/admin.conf")]
    [InlineData("1", "/etc/kubernetes/admin.conf")]
    [InlineData("on", "/etc/kubernetes/admin.conf")]
    public void The_placeholders_sit_in_quoted_scalars_so_what_the_node_fills_in_stays_a_string(string iface, string kubeconfig)
    {
        // What the node script's sed does to the template.
        var manifest = KubeVipManifest.Render("10.0.0.10")
            .Replace(KubeVipManifest.InterfacePlaceholder, iface, StringComparison.Ordinal)
            .Replace(KubeVipManifest.KubeconfigPlaceholder, kubeconfig, StringComparison.Ordinal);

        var pod = StrictJson.DecodeYaml<V1Pod>(manifest);

        Assert.Equal(iface, pod.Spec.Containers.Single().Env.Single(e => e.Name == "vip_interface").Value);
        Assert.Equal(kubeconfig, pod.Spec.Volumes.Single().HostPath.Path);
    }
}
