using Platform.Components.Catalog;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Batch.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Tls;

namespace Platform.Components.Secrets;

/// <summary>
/// The secret-management capability's Vault variant: HashiCorp Vault or OpenBao (<see cref="VaultLayerArgs.Server"/>)
/// in namespace <c>vault</c> (restricted Pod Security level), <see cref="VaultOptions.Replicas"/> servers in HA with
/// integrated Raft storage on the platform's StorageClass, every listener on TLS with a certificate signed by the cluster
/// CA (every Service's and pod's name), Raft joins verified against that CA, and auto-unseal through another server's
/// transit engine or Shamir shares. The init Job (<see cref="VaultInit"/>) initialises the cluster once with every
/// share encrypted to a key holder's PGP key, sets up the Kubernetes auth method and the setup role, and revokes the root
/// token, which never leaves its memory. The release and the namespace keep the Raft data: both are protected.
/// <see cref="Server"/> is what the setup Jobs of other layers need.
/// </summary>
public sealed class VaultLayer : ComponentResource, Cluster.Certificates.IStateCertificates
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:secrets:Vault";

    /// <summary>The namespace of the servers and their Jobs.</summary>
    public const string Namespace = "vault";

    private static readonly string[] ServerUses = ["digital_signature", "key_encipherment", "server_auth"];

    /// <summary>Installs the servers and initialises them.</summary>
    public VaultLayer(string name, VaultLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Vault: " + string.Join(" ", problems), nameof(args));
        var transit = args.Options.Unseal == VaultUnsealMode.Transit;
        if (transit && args.TransitToken is null)
            throw new ArgumentException("Vault: the transit seal needs its token (TransitToken).", nameof(args));
        var values = VaultValues.Render(args.Server, args.Options, args.StorageClass);
        var child = new CustomResourceOptions { Parent = this };

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances = Allowances(args.Options),
            // The namespace holds the Raft volumes: deleting it would delete every secret.
            Protect = true,
            RetainOnDelete = true,
        }, new ComponentResourceOptions { Parent = this });

        var key = new PrivateKey($"{name}-tls-key", new PrivateKeyArgs { Algorithm = "ECDSA", EcdsaCurve = "P256" }, child);
        var request = new CertRequest($"{name}-tls-csr", new CertRequestArgs
        {
            PrivateKeyPem = key.PrivateKeyPem,
            Subject = new Pulumi.Tls.Inputs.CertRequestSubjectArgs { CommonName = $"{VaultNames.Fullname}.{Namespace}.svc", Organization = "platform" },
            DnsNames = VaultNames.DnsNames(Namespace, args.ClusterDomain, args.Options.Replicas).ToList(),
            IpAddresses = { "127.0.0.1" },
        }, child);
        var cert = new LocallySignedCert($"{name}-tls-cert", new LocallySignedCertArgs
        {
            CertRequestPem = request.CertRequestPem,
            CaCertPem = args.ClusterCa.CertPem,
            CaPrivateKeyPem = args.ClusterCa.KeyPem,
            ValidityPeriodHours = args.CertificateValidityHours,
            EarlyRenewalHours = args.CertificateEarlyRenewalHours,
            AllowedUses = ServerUses,
        }, child);
        CertificateExpiries = Cluster.Certificates.CertificateExpiry.InState([(VaultServerCertificate, cert.ValidityEndTime, true)]);
        var tls = SecretObjects.Create(this, $"{name}-tls", VaultNames.TlsSecret, ns.NamespaceName, "Opaque", new InputMap<string>
        {
            { "tls.crt", cert.CertPem },
            { "tls.key", Output.CreateSecret(key.PrivateKeyPem) },
            { "ca.crt", args.ClusterCa.CertPem },
        });
        var ca = new Pulumi.Kubernetes.Core.V1.ConfigMap($"{name}-ca", new ConfigMapArgs
        {
            Metadata = new ObjectMetaArgs { Name = VaultNames.CaConfigMap, Namespace = ns.NamespaceName },
            Data = { { "ca.crt", args.ClusterCa.CertPem } },
        }, child);

        var waitFor = new List<Resource> { tls };
        if (transit)
        {
            var data = new InputMap<string> { { "token", Output.CreateSecret(args.TransitToken!.ToOutput()) } };
            if (args.Options.Transit!.CaCertificate is { } transitCa) data.Add("ca.crt", transitCa);
            waitFor.Add(SecretObjects.Create(this, $"{name}-transit", VaultNames.TransitSecret, ns.NamespaceName, "Opaque", data));
        }
        waitFor.AddRange(args.StorageReady);
        var chart = args.Server == VaultDistribution.OpenBao ? HelmCharts.OpenBao : HelmCharts.Vault;
        // The servers are ready only once initialised and unsealed, which the init Job (and with Shamir, people) do after
        // the release: Pulumi does not wait for them. The release holds the StatefulSet of the Raft volumes.
        Release = HelmInstall.Chart($"{name}-server", chart, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() }, holdsData: true, skipAwait: true);

        var draft = new VaultServer
        {
            Namespace = Namespace,
            Address = $"https://{VaultNames.ActiveService}.{Namespace}.svc:{VaultNames.ApiPort}",
            CaCertificatePem = args.ClusterCa.CertPem,
            OpenBao = args.Server == VaultDistribution.OpenBao,
            CliImage = VaultImages.Of(args.Server),
            Configurable = args.Options.Configurable,
            Ready = Release,
        };
        var account = new Pulumi.Kubernetes.Core.V1.ServiceAccount($"{name}-setup-account", new ServiceAccountArgs
        {
            Metadata = new ObjectMetaArgs { Name = draft.SetupServiceAccount, Namespace = ns.NamespaceName },
        }, child);
        var pgpKeys = new InputMap<string>();
        for (var i = 0; i < args.Options.PgpKeys.Count; i++) pgpKeys.Add(VaultInit.PgpKeyName(i + 1), args.Options.PgpKeys[i]);
        var pgp = new Pulumi.Kubernetes.Core.V1.ConfigMap($"{name}-init-pgp-keys", new ConfigMapArgs
        {
            Metadata = new ObjectMetaArgs { Name = VaultNames.PgpKeysConfigMap, Namespace = ns.NamespaceName },
            Data = pgpKeys,
        }, child);

        InitJob = Job(name, draft, args.Options, ns.NamespaceName, [Release, account, ca, pgp]);
        Server = draft with { Ready = InitJob };
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["address"] = Server.Address,
            ["initJob"] = InitJob.Metadata.Apply(m => m.Name),
        });
    }

    /// <summary>The name of the servers' certificate in <see cref="CertificateExpiries"/>.</summary>
    public const string VaultServerCertificate = "vault-server";

    /// <summary>The servers' certificate, renewed by a <c>pulumi up</c> in its early-renewal window (the servers read it
    /// again on SIGHUP: README "Secret management").</summary>
    public Output<IReadOnlyList<Cluster.Certificates.CertificateExpiry>> CertificateExpiries { get; }

    /// <summary>The servers' release.</summary>
    public Pulumi.Kubernetes.Helm.V3.Release Release { get; }

    /// <summary>The init Job (after the release). With Shamir, Pulumi does not wait for it: it waits for the key holders.</summary>
    public Pulumi.Kubernetes.Batch.V1.Job InitJob { get; }

    /// <summary>What clients and setup Jobs need; <see cref="VaultServer.Ready"/> is the init Job.</summary>
    public VaultServer Server { get; }

    private Pulumi.Kubernetes.Batch.V1.Job Job(string name, VaultServer server, VaultOptions options, Output<string> ns, Resource[] after)
    {
        var distribution = server.OpenBao ? VaultDistribution.OpenBao : VaultDistribution.Vault;
        var prefix = VaultNames.EnvPrefix(distribution);
        var env = new InputList<EnvVarArgs>
        {
            new EnvVarArgs { Name = $"{prefix}_ADDR", Value = $"https://{VaultNames.Pod(0)}:{VaultNames.ApiPort}" },
            new EnvVarArgs { Name = $"{prefix}_CACERT", Value = $"{VaultInit.CaDir}/ca.crt" },
        };
        foreach (var (key, value) in VaultInit.Environment(server, options)) env.Add(new EnvVarArgs { Name = key, Value = value });
        var labels = new InputMap<string> { { "app.kubernetes.io/name", "vault-init" } };
        var metadata = new ObjectMetaArgs { Name = VaultInit.JobName(server, options), Namespace = ns, Labels = labels };
        // With Shamir the Job waits (up to a day) for the key holders: `pulumi up` does not wait with it.
        if (options.Unseal == VaultUnsealMode.Shamir) metadata.Annotations = new InputMap<string> { { "pulumi.com/skipAwait", "true" } };
        return new Pulumi.Kubernetes.Batch.V1.Job($"{name}-init", new JobArgs
        {
            Metadata = metadata,
            Spec = new JobSpecArgs
            {
                // A retry cannot finish a setup whose root token died with the first pod, but does check a finished one.
                BackoffLimit = 2,
                ActiveDeadlineSeconds = VaultInit.WaitSeconds(options.Unseal) + 900,
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = labels },
                    Spec = new PodSpecArgs
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = server.SetupServiceAccount,
                        SecurityContext = RestrictedSecurityContext.PodArgs(100, 1000),
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = "init",
                                Image = server.CliImage,
                                Command = { "/bin/sh", "-c", VaultInit.Script },
                                Env = env,
                                Resources = new ResourceRequirementsArgs
                                {
                                    Requests = { { "cpu", "10m" }, { "memory", "32Mi" } },
                                    Limits = { { "memory", "128Mi" } },
                                },
                                SecurityContext = RestrictedSecurityContext.ContainerArgs(),
                                VolumeMounts =
                                {
                                    new VolumeMountArgs { Name = "tmp", MountPath = "/tmp" },
                                    new VolumeMountArgs { Name = "pgp-keys", MountPath = VaultInit.PgpKeysDir, ReadOnly = true },
                                    new VolumeMountArgs { Name = "ca", MountPath = VaultInit.CaDir, ReadOnly = true },
                                },
                            },
                        },
                        Volumes =
                        {
                            // The init output (the root token) is written here: memory, never a disk.
                            new VolumeArgs { Name = "tmp", EmptyDir = new EmptyDirVolumeSourceArgs { Medium = "Memory", SizeLimit = "16Mi" } },
                            new VolumeArgs { Name = "pgp-keys", ConfigMap = new ConfigMapVolumeSourceArgs { Name = VaultNames.PgpKeysConfigMap } },
                            new VolumeArgs { Name = "ca", ConfigMap = new ConfigMapVolumeSourceArgs { Name = VaultNames.CaConfigMap } },
                        },
                    },
                },
            },
        }, new CustomResourceOptions { Parent = this, DependsOn = after });
    }

    /// <summary>The namespace's traffic: clients in every namespace to the API port; the servers among themselves (API and
    /// cluster ports) and the init Job to them; the servers to the API server (token reviews of the Kubernetes auth method,
    /// the <c>vault-active</c> label); with transit, to the other server's port.</summary>
    private static IReadOnlyList<NetworkAllowance> Allowances(VaultOptions options)
    {
        var allowances = new List<NetworkAllowance>
        {
            NetworkAllowance.ToApiServer(),
            new() { Name = "allow-clients", Direction = TrafficDirection.Ingress, AnyNamespace = true, Ports = [(VaultNames.ApiPort, "TCP")] },
            new() { Name = "allow-within-namespace-in", Direction = TrafficDirection.Ingress, Namespace = Namespace,
                Ports = [(VaultNames.ApiPort, "TCP"), (VaultNames.ClusterPort, "TCP")] },
            new() { Name = "allow-within-namespace-out", Direction = TrafficDirection.Egress, Namespace = Namespace,
                Ports = [(VaultNames.ApiPort, "TCP"), (VaultNames.ClusterPort, "TCP")] },
        };
        if (options.Transit is { } transit)
            allowances.Add(new NetworkAllowance { Name = "allow-transit-seal", Direction = TrafficDirection.Egress, AnyPeer = true, Ports = [(transit.Port, "TCP")] });
        return allowances;
    }
}
