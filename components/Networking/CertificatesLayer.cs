using Platform.Components.Catalog;
using Platform.Components.Networking.Certificates;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Tls;
using Pulumi.Tls.Inputs;

namespace Platform.Components.Networking;

/// <summary>
/// The certificates capability: cert-manager in its own platform namespace, with ClusterIssuers for Let's Encrypt
/// staging and production (HTTP-01 through the default IngressClass, or DNS-01 through RFC 2136) and an internal CA
/// issuer whose CA is created with Pulumi.Tls and kept (protected) in Pulumi state, so internal services get
/// certificates from a CA the platform owns.
/// </summary>
public sealed class CertificatesLayer : ComponentResource, Cluster.Certificates.IStateCertificates
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:networking:Certificates";

    /// <summary>The namespace cert-manager runs in (ClusterIssuers read their Secrets from it).</summary>
    public const string Namespace = "cert-manager";

    /// <summary>The ports cert-manager reaches ACME and DNS servers on: HTTPS, HTTP, DNS, and the RFC 2136 server's port
    /// when it is another.</summary>
    private static IReadOnlyList<(int Port, string Protocol)> AcmeAndDnsPorts(CertificateOptions options)
    {
        var ports = new List<(int Port, string Protocol)> { (443, "TCP"), (80, "TCP"), (53, "UDP"), (53, "TCP") };
        if (options.Challenge == AcmeChallenge.Dns01Rfc2136 && options.Rfc2136 is { } rfc2136
            && Certificates.DnsSyntax.TryParseNameserver(rfc2136.Nameserver, out _, out var port) && port != 53)
            ports.AddRange([(port, "UDP"), (port, "TCP")]);
        return ports;
    }

    /// <summary>The HTTP-01 self-check: a request to the domain that the Service translation (kube-proxy or Cilium)
    /// hands to the default controller's pods, so NetworkPolicy sees the pods' own ports, not 80.</summary>
    private static IEnumerable<NetworkAllowance> SelfCheckAllowance(CertificatesLayerArgs args)
    {
        if (args.Options.LetsEncrypt && args.Options.Challenge == AcmeChallenge.Http01 && args.DefaultIngressController is { } controller)
        {
            yield return new NetworkAllowance
            {
                Name = "allow-http01-self-check",
                Direction = TrafficDirection.Egress,
                Namespace = controller.Namespace,
                Ports = controller.Ports,
            };
        }
    }

    /// <summary>Installs cert-manager and the issuers.</summary>
    public CertificatesLayer(string name, CertificatesLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Options.Validate().ToList();
        if (args.Options.LetsEncrypt && args.Options.Challenge == AcmeChallenge.Dns01Rfc2136 && args.Rfc2136TsigSecret is null)
            problems.Add("DNS-01 through RFC 2136 needs the TSIG secret.");
        if (problems.Count > 0)
            throw new ArgumentException($"Certificates: {string.Join(" ", problems)}", nameof(args));

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances =
            [
                // The API server calls cert-manager's webhook.
                new NetworkAllowance { Name = "allow-webhook", Direction = TrafficDirection.Ingress, AnyPeer = true, Ports = [(10250, "TCP")] },
                NetworkAllowance.ToApiServer(),
                // ACME servers (HTTPS), the HTTP-01 self-check (HTTP to the domain), and DNS-01 (the RFC 2136 server, and
                // the authoritative servers the propagation check asks): addresses outside the cluster chosen by DNS, so
                // ports are the narrowest rule.
                new NetworkAllowance { Name = "allow-acme-and-dns", Direction = TrafficDirection.Egress, AnyPeer = true,
                    Ports = AcmeAndDnsPorts(args.Options) },
                .. SelfCheckAllowance(args),
            ],
            MetricsPorts = CertManagerValues.MetricsPorts,
        }, new ComponentResourceOptions { Parent = this });
        Release = HelmInstall.Chart($"{name}-cert-manager", HelmCharts.CertManager, ns.NamespaceName,
            CertManagerValues.Render(args.Metrics is null ? args.Options : args.Options with { ServiceMonitor = true }),
            new CustomResourceOptions { Parent = this, DependsOn = args.Metrics is null ? [] : [args.Metrics.CrdsReady] });

        var issuers = new List<string>();
        if (args.Options.LetsEncrypt)
        {
            var dependencies = new List<Resource> { Release };
            if (args.Options.Challenge == AcmeChallenge.Dns01Rfc2136)
                dependencies.Add(SecretObjects.Create(this, $"{name}-rfc2136-tsig", ClusterIssuers.Rfc2136SecretName, ns.NamespaceName, "Opaque",
                    new InputMap<string> { { ClusterIssuers.Rfc2136SecretKey, Output.CreateSecret(args.Rfc2136TsigSecret!.ToOutput()) } }));
            foreach (var (issuer, production) in new[] { (ClusterIssuers.LetsEncryptStaging, false), (ClusterIssuers.LetsEncryptProduction, true) })
            {
                Issuer($"{name}-{issuer}", issuer, ClusterIssuers.AcmeSpec(args.Options, production, args.DefaultIngressClass), dependencies);
                issuers.Add(issuer);
            }
        }
        if (args.Options.InternalCa)
        {
            var protectedChild = new CustomResourceOptions { Parent = this, Protect = true };
            var caKey = new PrivateKey($"{name}-internal-ca-key", new PrivateKeyArgs { Algorithm = "ECDSA", EcdsaCurve = "P256" }, protectedChild);
            var caCert = new SelfSignedCert($"{name}-internal-ca", new SelfSignedCertArgs
            {
                PrivateKeyPem = caKey.PrivateKeyPem,
                IsCaCertificate = true,
                ValidityPeriodHours = 87_600,
                AllowedUses = { "cert_signing", "crl_signing", "digital_signature" },
                Subject = new SelfSignedCertSubjectArgs { CommonName = $"{args.ClusterName} internal CA", Organization = args.ClusterName },
            }, protectedChild);
            InternalCaCertPem = caCert.CertPem;
            CertificateExpiries = Cluster.Certificates.CertificateExpiry.InState([(InternalCaCertificate, caCert.ValidityEndTime, false)]);
            var secret = SecretObjects.Create(this, $"{name}-internal-ca-secret", ClusterIssuers.InternalCaSecretName, ns.NamespaceName, "kubernetes.io/tls",
                new InputMap<string>
                {
                    { "tls.crt", caCert.CertPem },
                    { "tls.key", Output.CreateSecret(caKey.PrivateKeyPem) },
                });
            Issuer($"{name}-{ClusterIssuers.InternalCa}", ClusterIssuers.InternalCa, ClusterIssuers.InternalCaSpec(), [Release, secret]);
            issuers.Add(ClusterIssuers.InternalCa);
        }
        Issuers = issuers;
        RegisterOutputs(new Dictionary<string, object?> { ["issuers"] = issuers, ["internalCaCertPem"] = InternalCaCertPem });
    }

    /// <summary>cert-manager's Helm release.</summary>
    public Release Release { get; }

    /// <summary>The ClusterIssuers created, by name.</summary>
    public IReadOnlyList<string> Issuers { get; }

    /// <summary>The internal CA's certificate (to distribute to clients that must trust it), or null without one.</summary>
    public Output<string>? InternalCaCertPem { get; }

    /// <summary>The name of the internal CA's certificate in <see cref="CertificateExpiries"/>.</summary>
    public const string InternalCaCertificate = "internal-ca";

    /// <summary>The internal CA's certificate (ten years, not renewed); none without it. The certificates cert-manager
    /// issues are its own to renew.</summary>
    public Output<IReadOnlyList<Cluster.Certificates.CertificateExpiry>> CertificateExpiries { get; } =
        Output.Create<IReadOnlyList<Cluster.Certificates.CertificateExpiry>>([]);

    private void Issuer(string resourceName, string issuerName, IReadOnlyDictionary<string, object> spec, IEnumerable<Resource> after)
        => _ = new Pulumi.Kubernetes.ApiExtensions.CustomResource(resourceName, new CustomObjectArgs(ClusterIssuers.ApiVersion, ClusterIssuers.Kind)
        {
            Metadata = new ObjectMetaArgs { Name = issuerName },
            Spec = spec.ToDictionary(kv => kv.Key, kv => kv.Value),
        }, new CustomResourceOptions { Parent = this, DependsOn = after.ToArray() });
}
