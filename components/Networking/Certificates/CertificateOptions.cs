using System.Globalization;

namespace Platform.Components.Networking.Certificates;

/// <summary>The user's certificate choices: cert-manager with Let's Encrypt staging and production ClusterIssuers and an
/// internal CA ClusterIssuer. The defaults give both Let's Encrypt issuers with HTTP-01 (an <see cref="AcmeEmail"/> is
/// then required) and the internal CA; <see cref="Validate"/> reports what is missing or contradictory.</summary>
public sealed record CertificateOptions
{
    /// <summary>The contact address registered with the Let's Encrypt account, where expiry and policy notices go.
    /// Required when <see cref="LetsEncrypt"/> is true. Default none.</summary>
    public string? AcmeEmail { get; init; }

    /// <summary>How the Let's Encrypt issuers prove domain control. Default <see cref="AcmeChallenge.Http01"/>, which
    /// needs nothing beyond the default ingress class.</summary>
    public AcmeChallenge Challenge { get; init; } = AcmeChallenge.Http01;

    /// <summary>The RFC 2136 nameserver and TSIG key for <see cref="AcmeChallenge.Dns01Rfc2136"/>; must be null with
    /// <see cref="AcmeChallenge.Http01"/>. Default none.</summary>
    public Rfc2136Settings? Rfc2136 { get; init; }

    /// <summary>Create the <see cref="ClusterIssuers.LetsEncryptStaging"/> and
    /// <see cref="ClusterIssuers.LetsEncryptProduction"/> ClusterIssuers. Default true.</summary>
    public bool LetsEncrypt { get; init; } = true;

    /// <summary>Create the <see cref="ClusterIssuers.InternalCa"/> ClusterIssuer, which signs with the platform's own CA
    /// (for names that no public CA can validate). Default true.</summary>
    public bool InternalCa { get; init; } = true;

    /// <summary>Replicas of each cert-manager deployment (controller, webhook, cainjector). Default 2: the controller
    /// and cainjector elect a leader and keep a warm standby, and the webhook, which the API server calls on every
    /// cert-manager resource change, keeps answering while a node drains. With more than one replica each deployment
    /// gets a PodDisruptionBudget; set 1 on a single-node cluster.</summary>
    public int Replicas { get; init; } = 2;

    /// <summary>Create a Prometheus Operator ServiceMonitor for cert-manager's metrics. Default false, because the
    /// ServiceMonitor CRD exists only once the monitoring layer is installed; turn it on when it is.</summary>
    public bool ServiceMonitor { get; init; }

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Challenge))
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"challenge {(int)Challenge} is not a known ACME challenge. Use Http01 or Dns01Rfc2136."));
        if (!LetsEncrypt && !InternalCa)
            problems.Add("letsEncrypt and internalCa are both false, so there is nothing to issue certificates with. Enable at least one, or turn the certificates capability off.");
        if (Replicas < 1)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"replicas is {Replicas}; cert-manager needs at least one replica of each deployment. Use 1 or more (2 is the default)."));

        if (LetsEncrypt)
        {
            if (string.IsNullOrWhiteSpace(AcmeEmail))
                problems.Add("acmeEmail is required with letsEncrypt: Let's Encrypt registers the account under it and sends expiry notices there.");
            else if (!DnsSyntax.IsEmail(AcmeEmail))
                problems.Add($"acmeEmail '{AcmeEmail}' is not a valid email address.");
        }

        switch (Challenge)
        {
            case AcmeChallenge.Dns01Rfc2136 when Rfc2136 is null:
                problems.Add("challenge Dns01Rfc2136 needs rfc2136 settings (nameserver, tsigKeyName, tsigAlgorithm).");
                break;
            case AcmeChallenge.Dns01Rfc2136:
                problems.AddRange(Rfc2136!.Validate("rfc2136"));
                break;
            case AcmeChallenge.Http01 when Rfc2136 is not null:
                problems.Add("rfc2136 is set but challenge is Http01, so it would be ignored. Set challenge Dns01Rfc2136, or remove rfc2136.");
                break;
        }

        return problems;
    }
}
