namespace Platform.Components.Cluster;

/// <summary>Settings of the cluster's certificate authorities and admin credential.</summary>
public sealed record ClusterPkiArgs
{
    /// <summary>The cluster's name; it appears in certificate subjects (organization). Required.</summary>
    public required string ClusterName { get; init; }

    /// <summary>Validity of the three CAs, in hours. Default 87600 (10 years, kubeadm's CA default).</summary>
    public int CaValidityHours { get; init; } = 87_600;

    /// <summary>Validity of the admin client certificate, in hours. Default 8760 (1 year, kubeadm's default for leaf certificates).</summary>
    public int AdminCertificateValidityHours { get; init; } = 8_760;

    /// <summary>How many hours before it expires a <c>pulumi up</c> renews the admin certificate. Default 2880 (120 days,
    /// as the nodes renew kubeadm's certificates, <see cref="Scripts.NodeScripts.CertificateRenewalDays"/>): the stack
    /// warns about a certificate that expires within 90 days (<see cref="Certificates.CertificateExpiryWarning"/>), which
    /// for this one then means that no <c>pulumi up</c> has run for a month since it became due.</summary>
    public int AdminCertificateEarlyRenewalHours { get; init; } = 2_880;

    /// <summary>Whether the PKI includes the serving certificate of the controller manager and the scheduler
    /// (<see cref="ClusterPki.ControlPlaneServing"/>). Default false.</summary>
    public bool ControlPlaneServingCertificate { get; init; }

    /// <summary>Size of every RSA key, in bits. Default 2048 (kubeadm's default).</summary>
    public int RsaBits { get; init; } = 2048;
}
