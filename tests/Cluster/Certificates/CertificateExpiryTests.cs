using Platform.Components.Cluster.Certificates;

namespace Platform.Tests.Cluster.Certificates;

/// <summary>Reading the expiry step's output and the state's validity ends, choosing the earliest, and the warning under
/// 90 days with what to do about it.</summary>
public class CertificateExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_step_output_and_the_state_times_are_read_and_the_earliest_chosen()
    {
        var certificates = CertificateExpiry.Parse("cp-2", "admin.conf 2027-06-01T00:00:00Z\napiserver 2027-02-01T08:30:00Z\n")
            .Concat(CertificateExpiry.InState("ca", "2036-01-01T00:00:00Z"))
            .Concat(CertificateExpiry.InState(CertificateExpiry.PlatformAdmin, "2027-03-01T00:00:00+01:00"));

        var earliest = CertificateExpiry.Earliest(certificates);

        Assert.Equal(new CertificateExpiry("apiserver", "cp-2", new DateTimeOffset(2027, 2, 1, 8, 30, 0, TimeSpan.Zero)), earliest);
        Assert.Equal("2027-02-01T08:30:00Z", earliest!.ExpiresAtText);
        Assert.Equal("2027-02-28T23:00:00Z", Assert.Single(CertificateExpiry.InState(CertificateExpiry.PlatformAdmin, "2027-03-01T00:00:00+01:00")).ExpiresAtText);
    }

    [Fact]
    public void Nothing_known_gives_no_earliest_and_no_warning()
    {
        Assert.Empty(CertificateExpiry.Parse("cp-1", ""));
        Assert.Empty(CertificateExpiry.InState("ca", null));
        // The cluster's renewed certificates by name, any other when its holder says so; a CA never.
        Assert.True(CertificateExpiry.InState(CertificateExpiry.PlatformAdmin, "2027-03-01T00:00:00Z").Single().RenewedByUp);
        Assert.True(CertificateExpiry.InState("vault-server", "2027-03-01T00:00:00Z", renewedByUp: true).Single().RenewedByUp);
        Assert.False(CertificateExpiry.InState("ca", "2036-01-01T00:00:00Z").Single().RenewedByUp);
        Assert.Null(CertificateExpiry.Earliest([]));
        Assert.Null(CertificateExpiryWarning.For(null, Now));
    }

    [Theory]
    [InlineData("apiserver")]
    [InlineData("apiserver 2027-02-01")]
    [InlineData("apiserver 2027-02-01T08:30:00Z extra")]
    public void A_line_that_is_not_a_name_and_a_time_is_an_error(string line)
    {
        var error = Assert.Throws<FormatException>(() => CertificateExpiry.Parse("cp-3", line));

        Assert.Equal($"The certificate expiry step on cp-3 printed '{line}', not a certificate name and an RFC 3339 time.", error.Message);
    }

    [Fact]
    public void The_warning_starts_under_ninety_days()
    {
        var at90 = new CertificateExpiry("apiserver", "cp-2", Now.AddDays(90));
        var under = new CertificateExpiry("apiserver", "cp-2", Now.AddDays(90).AddMinutes(-1));

        Assert.Null(CertificateExpiryWarning.For(at90, Now));
        Assert.Equal(
            "Certificate apiserver on control-plane node cp-2 expires in 89 days (2027-03-01T11:59:00Z): its renewal timer should have " +
            "renewed it: see `journalctl -u platform-certificate-renewal` and `kubeadm certs check-expiration` on cp-2 (README: Certificate renewal).",
            CertificateExpiryWarning.For(under, Now));
    }

    [Fact]
    public void The_warning_says_what_to_do_for_each_kind_of_certificate()
    {
        Assert.Equal(
            "Certificate etcd-ca in the stack's state expires in 10 days (2026-12-11T12:00:00Z): a CA is not renewed automatically: plan its rotation.",
            CertificateExpiryWarning.For(new CertificateExpiry("etcd-ca", CertificateExpiry.StackState, Now.AddDays(10)), Now));
        Assert.StartsWith(
            "Certificate platform-admin in the stack's state expires in 60 days (2027-01-30T12:00:00Z): pulumi up renews it",
            CertificateExpiryWarning.For(new CertificateExpiry(CertificateExpiry.PlatformAdmin, CertificateExpiry.StackState, Now.AddDays(60)) { RenewedByUp = true }, Now), StringComparison.Ordinal);
        Assert.StartsWith("Certificate scheduler.conf on control-plane node cp-1 has expired (2026-11-30T12:00:00Z)",
            CertificateExpiryWarning.For(new CertificateExpiry("scheduler.conf", "cp-1", Now.AddDays(-1)), Now), StringComparison.Ordinal);
    }
}
