using Platform.Components.Cluster.Kubeadm;
using Platform.Stacks.Configuration;
using Platform.Tests.Validation.ConfigApi;
using Docs = Platform.Tests.Cluster.Kubeadm.KubeadmDocuments;

namespace Platform.Tests.Cluster.Kubeadm;

/// <summary>What monitoring changes on the control plane: the controller manager and the scheduler serve a certificate
/// signed by the cluster CA, and nothing else. Their bind addresses (CIS 1.3.7, 1.4.2), etcd's metrics listener and
/// kube-proxy's metrics address stay kubeadm's loopback defaults: no flag or field sets them, with it or without.</summary>
public class ControlPlaneServingCertificateTests
{
    public static TheoryData<string, bool> MinorsAndSwitch()
    {
        var data = new TheoryData<string, bool>();
        foreach (var minor in KubernetesVersions.SupportedMinors)
        {
            data.Add(minor, false);
            data.Add(minor, true);
        }
        return data;
    }

    private static string Render(string minor, bool serving) =>
        KubeadmConfigRenderer.RenderInit(Docs.ClusterSpec(minor + ".3") with { ControlPlaneServingCertificates = serving }, Docs.ControlPlane(), Docs.Token);

    [Theory]
    [MemberData(nameof(MinorsAndSwitch))]
    public void Bind_addresses_and_metrics_listeners_stay_kubeadm_s_loopback_defaults(string minor, bool serving)
    {
        // Strict decoding: a ClusterConfiguration with an etcd section, or a KubeProxyConfiguration with a metrics
        // address, does not decode (neither record has the field).
        var docs = ConfigDocuments.DecodeStream(Render(minor, serving), minor);
        var cluster = docs.OfType<IKubeadmClusterConfiguration>().Single();
        foreach (var component in new[] { "controllerManager", "scheduler" })
        {
            var args = cluster.ExtraArgs(component);
            Assert.DoesNotContain("bind-address", args.Keys);
            Assert.DoesNotContain("secure-port", args.Keys);
        }
        Assert.DoesNotContain("listen-metrics-urls", cluster.ExtraArgs("apiServer").Keys);
        Assert.DoesNotContain("etcd:", Render(minor, serving), StringComparison.Ordinal);
        Assert.Single(docs.OfType<KubeProxyConfiguration>());
    }

    [Theory]
    [MemberData(nameof(MinorsAndSwitch))]
    public void With_the_switch_the_controller_manager_and_scheduler_serve_the_cluster_ca_certificate(string minor, bool serving)
    {
        var docs = ConfigDocuments.DecodeStream(Render(minor, serving), minor);
        var cluster = docs.OfType<IKubeadmClusterConfiguration>().Single();
        foreach (var component in new[] { "controllerManager", "scheduler" })
        {
            var args = cluster.ExtraArgs(component);
            Assert.Equal(serving, args.ContainsKey("tls-cert-file"));
            Assert.Equal(serving, args.ContainsKey("tls-private-key-file"));
            if (!serving) continue;
            Assert.Equal(KubeadmPaths.ControlPlaneServingCert, args["tls-cert-file"]);
            Assert.Equal(KubeadmPaths.ControlPlaneServingKey, args["tls-private-key-file"]);
        }
        // kubeadm mounts its certificate folder into the controller manager, only the kubeconfig into the scheduler.
        Assert.StartsWith(KubeadmPaths.PkiDir + "/", KubeadmPaths.ControlPlaneServingCert, StringComparison.Ordinal);
        if (cluster is KubeadmV1Beta4ClusterConfiguration v1beta4)
        {
            var volumes = v1beta4.Scheduler?.ExtraVolumes ?? [];
            // The folder, not the files: the files step renames a changed file over the old one, which a file mount
            // (bound to the old inode) would never show, so a renewed certificate would not reach the scheduler.
            Assert.Equal(serving ? new[] { KubeadmPaths.ControlPlaneServingDir } : [], volumes.Select(v => v.HostPath));
            Assert.All(volumes, v => Assert.Equal((v.HostPath, true, CoreHostPathType.Directory), (v.MountPath, v.ReadOnly, v.PathType)));
            Assert.All(new[] { KubeadmPaths.ControlPlaneServingCert, KubeadmPaths.ControlPlaneServingKey },
                path => Assert.Equal(KubeadmPaths.ControlPlaneServingDir, Path.GetDirectoryName(path)));
            Assert.Null(v1beta4.ControllerManager?.ExtraVolumes);
        }
    }

    [Fact]
    public void Without_the_switch_the_documents_are_those_of_a_spec_that_does_not_mention_it()
    {
        foreach (var minor in KubernetesVersions.SupportedMinors)
        {
            var plain = KubeadmConfigRenderer.RenderInit(Docs.ClusterSpec(minor + ".3"), Docs.ControlPlane(), Docs.Token);
            Assert.Equal(plain, Render(minor, serving: false));
            Assert.NotEqual(plain, Render(minor, serving: true));
        }
    }
}
