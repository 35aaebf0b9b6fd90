using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;
using Platform.Renderer;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Cluster;

/// <summary>The controller manager's and the scheduler's serving certificate: in the PKI and on every control-plane
/// node (root-only, as the rest of the PKI, CIS 1.1.20/1.1.21) when the switch is on, nowhere when it is off.</summary>
public class ControlPlaneServingFilesTests
{
    private static Task<ComponentRun> Run(bool serving)
    {
        var settings = Platform.Tests.Configuration.ValidConfig.Load(v => v["nodes"] = """
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
             {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane"},
             {"name": "cp-3", "address": "10.0.0.13", "role": "control-plane"},
             {"name": "worker-1", "address": "10.0.0.21", "role": "worker"}]
            """);
        return ComponentRun.RunAsync(() => 0, (none, options) => _ = new Platform.Components.Cluster.Cluster(settings.ClusterName, new ClusterArgs
        {
            ClusterName = settings.ClusterName,
            KubernetesVersion = settings.KubernetesVersion.ToString(),
            ContainerRuntime = KubernetesVersions.ContainerRuntimeFor(settings.KubernetesVersion),
            Nodes = settings.Nodes,
            ApiEndpointHost = settings.ApiEndpoint.Host,
            ApiEndpointPort = settings.ApiEndpoint.Port,
            ApiEndpointMode = settings.ApiLoadBalancer,
            PodCidr = settings.PodCidr.ToString(),
            ServiceCidr = settings.ServiceCidr.ToString(),
            SshPrivateKey = Output.CreateSecret("key"),
            ControlPlaneServingCertificates = serving,
        }, options));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_control_plane_node_gets_the_certificate_and_key_at_0600_and_workers_do_not(bool serving)
    {
        var run = await Run(serving);
        var files = run.Of("command:remote:Command").Where(r => r.Name!.EndsWith("-files", StringComparison.Ordinal) && r.Inputs.ContainsKey("stdin")).ToList();
        Assert.Equal(4, files.Count);
        foreach (var step in files)
        {
            Assert.True(NodeFiles.TryParse((string)step.Inputs["stdin"], out var parsed));
            var controlPlane = !step.Name!.Contains("worker", StringComparison.Ordinal);
            var cert = parsed.Where(f => f.Path == KubeadmPaths.ControlPlaneServingCert).ToList();
            var key = parsed.Where(f => f.Path == KubeadmPaths.ControlPlaneServingKey).ToList();
            Assert.Equal(serving && controlPlane ? 1 : 0, cert.Count);
            Assert.Equal(serving && controlPlane ? 1 : 0, key.Count);
            if (cert.Count == 0) continue;
            Assert.Equal("0600", cert[0].Mode);
            Assert.Equal("0600", key[0].Mode);
            var signed = Assert.Single(run.Of("tls:index/locallySignedCert:LocallySignedCert"), r => r.Name!.EndsWith("-control-plane-serving-cert", StringComparison.Ordinal));
            Assert.Equal(PlatformMocks.Pem("CERTIFICATE", signed.Name!), cert[0].Content);
            Assert.Equal(PlatformMocks.Pem("PRIVATE KEY", signed.Name![..^"-cert".Length] + "-key"), key[0].Content);
        }

        // One certificate for all control planes, for the loopback names only, signed by the cluster CA, its key secret.
        var csrs = run.Of("tls:index/certRequest:CertRequest").Where(r => r.Name!.EndsWith("-control-plane-serving-csr", StringComparison.Ordinal)).ToList();
        Assert.Equal(serving ? 1 : 0, csrs.Count);
        if (!serving) return;
        Assert.Equal(["localhost"], ((System.Collections.Immutable.ImmutableArray<object>)csrs[0].Inputs["dnsNames"]).Cast<string>());
        Assert.Equal(["127.0.0.1"], ((System.Collections.Immutable.ImmutableArray<object>)csrs[0].Inputs["ipAddresses"]).Cast<string>());
        var signedCert = Assert.Single(run.Of("tls:index/locallySignedCert:LocallySignedCert"), r => r.Name!.EndsWith("-control-plane-serving-cert", StringComparison.Ordinal));
        var uses = ((System.Collections.Immutable.ImmutableArray<object>)signedCert.Inputs["allowedUses"]).Cast<string>().ToList();
        Assert.Contains("server_auth", uses);
        Assert.DoesNotContain("client_auth", uses);
        Assert.EndsWith("-pki-cluster-ca", PemName((string)signedCert.Inputs["caCertPem"]), StringComparison.Ordinal);
    }

    private static string PemName(string pem) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(pem.Split('\n')[1]));
}
