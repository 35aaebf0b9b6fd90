using System.Runtime.Versioning;
using Platform.Components.Cluster.Certificates;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Cluster.Scripts;

namespace Platform.Tests.Cluster.Certificates;

/// <summary>The expiry step on a <see cref="FakeHost"/>: it prints the name and expiry of every certificate kubeadm
/// lists (none it reports missing, nothing kubeadm prints around them), which the stack reads back; it fails when kubeadm
/// lists none.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class CertificateExpiryRunTests : IDisposable
{
    private readonly FakeHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void The_step_prints_each_present_certificate_and_its_expiry_and_the_stack_reads_them()
    {
        _host.Fake("kubeadm", """
            [ "$1 $2 $3" = "certs check-expiration -o" ] || { echo "unexpected: kubeadm $*" >&2; exit 2; }
            echo '[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...'
            echo
            echo 'apiserver false 8640000 2027-03-01T10:00:00Z'
            echo 'etcd-peer false 31000000 2027-11-20T10:00:00Z'
            echo 'super-admin.conf true 0 null'
            """);

        var run = _host.Run(NodeScripts.ReportCertificateExpiry());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("apiserver 2027-03-01T10:00:00Z\netcd-peer 2027-11-20T10:00:00Z\n", run.Output);
        Assert.Equal(
            [
                new CertificateExpiry("apiserver", "cp-1", new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.Zero)),
                new CertificateExpiry("etcd-peer", "cp-1", new DateTimeOffset(2027, 11, 20, 10, 0, 0, TimeSpan.Zero)),
            ],
            CertificateExpiry.Parse("cp-1", run.Output));
        Assert.Equal(
            "kubeadm certs check-expiration -o jsonpath={range .certificates[*]}{.name}{\" \"}{.missing}{\" \"}{.residualTime}{\" \"}{.expirationDate}{\"\\n\"}{end}",
            Assert.Single(run.Calls));
    }

    [Theory]
    [InlineData("exit 1")]
    [InlineData("echo 'admin.conf true 0 null'")]
    public void The_step_fails_when_kubeadm_lists_no_certificate(string behaviour)
    {
        _host.Fake("kubeadm", behaviour);

        var run = _host.Run(NodeScripts.ReportCertificateExpiry());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("kubeadm certs check-expiration listed no certificate on this node", run.Errors, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }
}
