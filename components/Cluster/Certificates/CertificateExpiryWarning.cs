using System.Globalization;
using Platform.Components.Cluster.Scripts;

namespace Platform.Components.Cluster.Certificates;

/// <summary>The warning every <c>pulumi up</c> gives when the cluster's earliest certificate expires within
/// <see cref="Days"/> days. Every certificate is renewed well before that (kubeadm's on the nodes within
/// <see cref="NodeScripts.CertificateRenewalDays"/> days, the platform's admin certificate by <c>pulumi up</c> as early),
/// so the warning means a renewal has been failing for a month, or a CA, which nothing renews, is near its end.</summary>
public static class CertificateExpiryWarning
{
    /// <summary>The warning's threshold, in days.</summary>
    public const int Days = 90;

    /// <summary>The warning for <paramref name="earliest"/> at <paramref name="now"/>; null when it expires later than
    /// <see cref="Days"/> days from now, or there is none.</summary>
    public static string? For(CertificateExpiry? earliest, DateTimeOffset now)
    {
        if (earliest is null || earliest.ExpiresAt - now >= TimeSpan.FromDays(Days)) return null;
        var left = earliest.ExpiresAt - now;
        var when = left <= TimeSpan.Zero
            ? "has expired"
            : string.Create(CultureInfo.InvariantCulture, $"expires in {(int)left.TotalDays} days");
        var where = earliest.Location == CertificateExpiry.StackState
            ? "in the stack's state"
            : $"on control-plane node {earliest.Location}";
        var fix = earliest.Location == CertificateExpiry.StackState
            ? earliest.RenewedByUp
                ? "pulumi up renews it within its early-renewal window; check that the TLS provider's certificate is replaced"
                : "a CA is not renewed automatically: plan its rotation"
            : $"its renewal timer should have renewed it: see `journalctl -u {CertificateRenewalUnits.Name}` and " +
              $"`kubeadm certs check-expiration` on {earliest.Location} (README: Certificate renewal)";
        return $"Certificate {earliest.Certificate} {where} {when} ({earliest.ExpiresAtText}): {fix}.";
    }
}
