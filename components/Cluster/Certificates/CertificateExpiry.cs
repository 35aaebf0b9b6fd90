using System.Globalization;
using Pulumi;

namespace Platform.Components.Cluster.Certificates;

/// <summary>When one of the cluster's certificates expires, and where it is: a control-plane node (one of kubeadm's
/// certificates there) or <see cref="StackState"/> (the CAs and the platform's admin client certificate).</summary>
/// <param name="Certificate">kubeadm's name for it (<c>apiserver</c>, <c>admin.conf</c>, <c>ca</c>, ...), or
/// <see cref="PlatformAdmin"/>.</param>
/// <param name="Location">The node's name, or <see cref="StackState"/>.</param>
/// <param name="ExpiresAt">Its notAfter, UTC.</param>
public sealed record CertificateExpiry(string Certificate, string Location, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether a <c>pulumi up</c> renews it within its early-renewal window (a certificate of the stack's state
    /// with <c>earlyRenewalHours</c>, not a CA). Default false.</summary>
    public bool RenewedByUp { get; init; }

    /// <summary>The location of the certificates kept in the stack's state.</summary>
    public const string StackState = "stack state";

    /// <summary>The name of the client certificate of the platform's own admin kubeconfig (the <c>kubeconfig</c> output).</summary>
    public const string PlatformAdmin = "platform-admin";

    /// <summary>The name of the controller manager's and the scheduler's serving certificate, which the stack's state
    /// keeps when monitoring scrapes them (<see cref="Kubeadm.KubeadmPaths.ControlPlaneServingCert"/>).</summary>
    public const string ControlPlaneServing = "control-plane-serving";

    /// <summary>The cluster's certificates in the stack's state that a <c>pulumi up</c> renews within their early-renewal
    /// window (the CAs are not among them): <see cref="InState(string, string?, bool)"/> marks them <see cref="RenewedByUp"/>.</summary>
    public static IReadOnlySet<string> RenewedByUpNames { get; } = new HashSet<string>(StringComparer.Ordinal) { PlatformAdmin, ControlPlaneServing };

    /// <summary>
    /// The certificates in the output of a node's expiry step (<see cref="Scripts.NodeScripts.ReportCertificateExpiry"/>):
    /// one line each, name and RFC 3339 expiry. Empty output gives none.
    /// </summary>
    /// <exception cref="FormatException">A line is not a name and an RFC 3339 time.</exception>
    public static IReadOnlyList<CertificateExpiry> Parse(string node, string? output)
    {
        ArgumentNullException.ThrowIfNull(node);
        var certificates = new List<CertificateExpiry>();
        foreach (var line in (output ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2 || !TryParseTime(fields[1], out var expiresAt))
                throw new FormatException($"The certificate expiry step on {node} printed '{line}', not a certificate name and an RFC 3339 time.");
            certificates.Add(new CertificateExpiry(fields[0], node, expiresAt));
        }
        return certificates;
    }

    /// <summary>A certificate kept in the stack's state whose validity ends at <paramref name="validityEndTime"/> (the
    /// TLS provider's <c>validityEndTime</c>, RFC 3339); none while the provider has not given it. It is
    /// <see cref="RenewedByUp"/> when <paramref name="renewedByUp"/> says so or its name is one of
    /// <see cref="RenewedByUpNames"/>.</summary>
    /// <exception cref="FormatException">The time is not RFC 3339.</exception>
    public static IReadOnlyList<CertificateExpiry> InState(string certificate, string? validityEndTime, bool renewedByUp = false)
    {
        if (string.IsNullOrEmpty(validityEndTime)) return [];
        if (!TryParseTime(validityEndTime, out var expiresAt))
            throw new FormatException($"The validity end of {certificate} in the stack's state, '{validityEndTime}', is not an RFC 3339 time.");
        return [new CertificateExpiry(certificate, StackState, expiresAt) { RenewedByUp = renewedByUp || RenewedByUpNames.Contains(certificate) }];
    }

    /// <summary>The expiries of <paramref name="certificates"/> (name, the TLS provider's <c>validityEndTime</c>, whether a
    /// <c>pulumi up</c> renews it), as one output.</summary>
    public static Output<IReadOnlyList<CertificateExpiry>> InState(IEnumerable<(string Certificate, Output<string> ValidityEndTime, bool RenewedByUp)> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return Output.All(certificates.Select(c => c.ValidityEndTime.Apply(t => InState(c.Certificate, t, c.RenewedByUp))))
            .Apply(all => (IReadOnlyList<CertificateExpiry>)[.. all.SelectMany(e => e)]);
    }

    /// <summary>The one that expires first (by name and location when two expire at once); null when there is none.</summary>
    public static CertificateExpiry? Earliest(IEnumerable<CertificateExpiry> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return certificates.OrderBy(c => c.ExpiresAt).ThenBy(c => c.Certificate, StringComparer.Ordinal)
            .ThenBy(c => c.Location, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The expiry as the stack's output gives it: RFC 3339, UTC, to the second.</summary>
    public string ExpiresAtText => ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
