using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Security.Scanning;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Batch.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Random;

namespace Platform.Components.Security;

/// <summary>
/// The image-scanning capability: the Trivy operator in the restricted platform namespace <see cref="Namespace"/>
/// (vulnerability, configuration-audit, exposed-secret and RBAC reports as custom resources of every workload, metrics for
/// Prometheus, at most <see cref="ImageScanningOptions.ConcurrentScanJobs"/> scan jobs at once, each with bounded
/// resources, against its built-in Trivy server), and optionally Harbor in <see cref="HarborNamespace"/> (its built-in
/// Trivy scanner, volumes on the platform's StorageClass, TLS from cert-manager on the default IngressClass, the admin
/// password and every internal key generated, and its projects kept by a Job through Harbor's API:
/// <see cref="HarborSetup"/>). The operator's CRDs are registered by the program (<see cref="CrdInstall.Manifests"/>).
/// </summary>
public sealed class ImageScanningLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:security:ImageScanning";

    /// <summary>The namespace of the operator, its Trivy server and every scan job.</summary>
    public const string Namespace = "trivy-system";

    /// <summary>Harbor's namespace.</summary>
    public const string HarborNamespace = "harbor";

    /// <summary>Installs the Trivy operator, and Harbor when the options ask for it.</summary>
    public ImageScanningLayer(string name, ImageScanningLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var harbor = args.Options.Registry == ImageRegistry.Harbor;
        if (harbor && (args.Ingress is null || args.ClusterIssuer is null || args.StorageClass is null))
            throw new ArgumentException("Image scanning: Harbor needs the default IngressClass, a ClusterIssuer and a StorageClass.", nameof(args));
        // Renders (and so validates) the values before anything is registered.
        var trivyValues = TrivyOperatorValues.Render(args.Options, monitoring: args.Metrics is not null);
        var login = harbor ? SingleSignOn(args) : null;
        var harborValues = harbor
            ? HarborValues.Render(args.Options, args.Ingress!.Value.ClassName, args.ClusterIssuer!, args.StorageClass!, monitoring: args.Metrics is not null,
                issuerCaBundle: login is { PrivateCa: true })
            : null;

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances = TrivyAllowances(args.Options),
            MetricsPorts = [(TrivyOperatorValues.MetricsPort, "TCP")],
        }, new ComponentResourceOptions { Parent = this });
        Release = HelmInstall.Chart($"{name}-trivy-operator", HelmCharts.TrivyOperator, ns.NamespaceName, trivyValues,
            new CustomResourceOptions { Parent = this, DependsOn = args.Metrics is null ? [] : [args.Metrics.CrdsReady] });

        if (harborValues is not null)
        {
            var (release, password, setup) = Harbor(name, args, harborValues, login);
            HarborRelease = release;
            HarborAdminPassword = password;
            HarborSetupJob = setup;
            HarborUrl = Output.Create(HarborValues.Url(args.Options.Harbor!));
        }
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["harborUrl"] = HarborUrl,
            ["harborAdminPassword"] = HarborAdminPassword,
        });
    }

    /// <summary>The Trivy operator's release (after its CRDs).</summary>
    public Release Release { get; }

    /// <summary>Harbor's release; null without Harbor.</summary>
    public Release? HarborRelease { get; }

    /// <summary>The Job that configures Harbor's projects after its release; null without Harbor.</summary>
    public Pulumi.Kubernetes.Batch.V1.Job? HarborSetupJob { get; }

    /// <summary>Harbor's URL; null without Harbor.</summary>
    public Output<string>? HarborUrl { get; }

    /// <summary>Harbor's admin password (user <see cref="HarborValues.AdminUser"/>), a secret; null without Harbor.</summary>
    public Output<string>? HarborAdminPassword { get; }

    /// <summary>Harbor's login through the identity provider, when there is one.</summary>
    private static Identity.OidcLogin? SingleSignOn(ImageScanningLayerArgs args)
    {
        if (args.Identity is not { } identity) return null;
        if (args.IssuerRoute is null)
            throw new ArgumentException("Image scanning: Harbor's single sign-on needs the route to the identity provider (IssuerRoute).", nameof(args));
        return Identity.OidcLogin.For(identity, Identity.OidcClients.Harbor);
    }

    private (Release Release, Output<string> Password, Pulumi.Kubernetes.Batch.V1.Job Setup) Harbor(string name, ImageScanningLayerArgs args, IReadOnlyDictionary<string, object> values,
        Identity.OidcLogin? login)
    {
        var ingress = args.Ingress!.Value;
        var child = new CustomResourceOptions { Parent = this };
        // The namespace holds Harbor's volumes (every image, the database): deleting it would delete them, so it is
        // protected and kept like them.
        var ns = new PlatformNamespace($"{name}-harbor-namespace", new PlatformNamespaceArgs
        {
            Name = HarborNamespace,
            Allowances =
            [
                // core, portal, registry, jobservice, Trivy, PostgreSQL and Redis talk to each other, and the setup Job to core.
                new() { Name = "allow-within-namespace-in", Direction = TrafficDirection.Ingress, Namespace = HarborNamespace },
                new() { Name = "allow-within-namespace-out", Direction = TrafficDirection.Egress, Namespace = HarborNamespace },
                // The Ingress routes to core and the portal.
                new() { Name = "allow-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace, Ports = [(HarborValues.HttpPort, "TCP")] },
                // cert-manager's HTTP-01 solver pod for Harbor's host, reached through the same controller.
                new() { Name = "allow-acme-solver-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                    PodLabels = new Dictionary<string, string> { ["acme.cert-manager.io/http01-solver"] = "true" }, Ports = [(8089, "TCP")] },
                // The proxy cache pulls from Docker Hub, Trivy downloads its databases, replication reaches other
                // registries: HTTPS to any address (registries and mirrors have no fixed addresses).
                new() { Name = "allow-registries", Direction = TrafficDirection.Egress, AnyPeer = true, Ports = RegistryPorts(args.Options) },
                // Core exchanges the login code for tokens at the identity provider and reads its discovery document.
                .. login is null ? Array.Empty<NetworkAllowance>() : [args.IssuerRoute!.Egress()],
            ],
            MetricsPorts = [(HarborValues.MetricsPort, "TCP")],
            Protect = true,
            RetainOnDelete = true,
        }, new ComponentResourceOptions { Parent = this });

        var random = HarborValues.SecretKeys.ToDictionary(kv => kv.Key, kv => new RandomPassword($"{name}-harbor-{kv.Key.ToLowerInvariant().Replace('_', '-')}",
            new RandomPasswordArgs { Length = kv.Value, Special = false }, child), StringComparer.Ordinal);
        var data = new InputMap<string>();
        foreach (var (key, password) in random)
            data.Add(key, Output.CreateSecret(password.Result));
        data.Add("REGISTRY_HTPASSWD", Output.CreateSecret(random["REGISTRY_PASSWD"].BcryptHash.Apply(hash => $"{HarborValues.RegistryUser}:{hash}")));
        var secrets = SecretObjects.Create(this, $"{name}-harbor-secrets", HarborValues.SecretName, ns.NamespaceName, "Opaque", data);

        // The chart has no existingSecret for its internal PostgreSQL: it reads the password back from its own Secret when
        // database.internal.password is empty. This is that Secret, with the labels and annotations by which Helm adopts
        // it into the release (so the chart's copy, rendered from the same password, replaces nothing).
        var databasePassword = new RandomPassword($"{name}-harbor-database-password", new RandomPasswordArgs { Length = 32, Special = false }, child);
        var database = new Pulumi.Kubernetes.Core.V1.Secret($"{name}-harbor-database", new SecretArgs
        {
            Metadata = new ObjectMetaArgs
            {
                Name = HarborValues.DatabaseSecretName,
                Namespace = ns.NamespaceName,
                Labels = { { "app.kubernetes.io/managed-by", "Helm" } },
                Annotations = { { "meta.helm.sh/release-name", HelmCharts.Harbor.Name }, { "meta.helm.sh/release-namespace", HarborNamespace } },
            },
            Type = "Opaque",
            StringData = { { HarborValues.DatabasePasswordKey, Output.CreateSecret(databasePassword.Result) } },
        }, new CustomResourceOptions { Parent = this, AdditionalSecretOutputs = { "stringData", "data" } });

        var waitFor = new List<Resource> { secrets, database };
        if (login is not null)
        {
            var identity = args.Identity!;
            var oidcData = new InputMap<string>
            {
                { HarborValues.OidcClientSecretKey, Output.CreateSecret(identity.Clients[Identity.OidcClients.Harbor].ClientSecret) },
            };
            if (identity.CertificateAuthorityPem is { } ca) oidcData.Add("ca.crt", ca);
            waitFor.Add(SecretObjects.Create(this, $"{name}-harbor-oidc", HarborValues.OidcSecretName, ns.NamespaceName, "Opaque", oidcData));
        }
        waitFor.AddRange(args.HarborDependsOn);
        if (args.Metrics is not null) waitFor.Add(args.Metrics.CrdsReady);
        // Holds the registry's and the database's volumes: never rolled back or uninstalled by Pulumi.
        var release = HelmInstall.Chart($"{name}-harbor", HelmCharts.Harbor, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() }, holdsData: true);

        var setup = new Pulumi.Kubernetes.Batch.V1.Job($"{name}-harbor-setup", new JobArgs
        {
            Metadata = new ObjectMetaArgs
            {
                Name = HarborSetup.JobName(args.Options.Harbor!.Projects, login),
                Namespace = ns.NamespaceName,
                Labels = { { "app.kubernetes.io/name", "harbor-setup" } },
            },
            Spec = new JobSpecArgs
            {
                BackoffLimit = 3,
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = { { "app.kubernetes.io/name", "harbor-setup" } } },
                    Spec = SetupPod(args.Options.Harbor!, login),
                },
            },
        }, new CustomResourceOptions { Parent = this, DependsOn = { release } });
        return (release, Output.CreateSecret(random[HarborValues.AdminPasswordKey].Result), setup);
    }

    private static PodSpecArgs SetupPod(HarborOptions harbor, Identity.OidcLogin? login) => new()
    {
        RestartPolicy = "Never",
        AutomountServiceAccountToken = false,
        SecurityContext = RestrictedSecurityContext.PodArgs(10000, 10000),
        Containers =
        {
            new ContainerArgs
            {
                Name = "setup",
                Image = HarborSetup.Image,
                Command = { "/bin/sh", "-c", HarborSetup.Script },
                Env =
                {
                    new EnvVarArgs { Name = "HARBOR_URL", Value = HarborValues.CoreUrl },
                    new EnvVarArgs { Name = "HARBOR_ADMIN_USER", Value = HarborValues.AdminUser },
                    new EnvVarArgs
                    {
                        Name = "HARBOR_ADMIN_PASSWORD",
                        ValueFrom = new EnvVarSourceArgs { SecretKeyRef = new SecretKeySelectorArgs { Name = HarborValues.SecretName, Key = HarborValues.AdminPasswordKey } },
                    },
                    new EnvVarArgs { Name = "PROJECTS", Value = HarborSetup.Projects(harbor.Projects) },
                    new EnvVarArgs { Name = "TMPDIR", Value = "/tmp" },
                    OidcEnv(login),
                },
                Resources = new ResourceRequirementsArgs
                {
                    Requests = { { "cpu", "10m" }, { "memory", "16Mi" } },
                    Limits = { { "memory", "64Mi" } },
                },
                SecurityContext = RestrictedSecurityContext.ContainerArgs(),
                VolumeMounts = { new VolumeMountArgs { Name = "tmp", MountPath = "/tmp" } },
            },
        },
        Volumes = { new VolumeArgs { Name = "tmp", EmptyDir = new EmptyDirVolumeSourceArgs() } },
    };

    // The single sign-on settings of the setup script (empty without), the client secret from its Secret.
    private static InputList<EnvVarArgs> OidcEnv(Identity.OidcLogin? login) => login is null ? new InputList<EnvVarArgs>() : new InputList<EnvVarArgs>
    {
        new EnvVarArgs { Name = "OIDC_CONFIGURATION", Value = HarborSetup.OidcConfiguration(login) },
        new EnvVarArgs { Name = "OIDC_MEMBERS", Value = HarborSetup.Members(login) },
        new EnvVarArgs
        {
            Name = "OIDC_CLIENT_SECRET",
            ValueFrom = new EnvVarSourceArgs { SecretKeyRef = new SecretKeySelectorArgs { Name = HarborValues.OidcSecretName, Key = HarborValues.OidcClientSecretKey } },
        },
    };

    /// <summary>The operator's and scan jobs' traffic: the API server (the operator watches workloads and writes reports),
    /// the Trivy server inside the namespace, and HTTPS to any address: the scan jobs pull the manifests and layers of
    /// every workload's image from its registry (public ones, internal mirrors, Harbor through its Ingress) and the
    /// server downloads the vulnerability databases; registries have no fixed addresses, so the port is the rule.</summary>
    private static IReadOnlyList<NetworkAllowance> TrivyAllowances(ImageScanningOptions options) =>
    [
        NetworkAllowance.ToApiServer(),
        new() { Name = "allow-within-namespace-in", Direction = TrafficDirection.Ingress, Namespace = Namespace, Ports = [(TrivyOperatorValues.ServerPort, "TCP")] },
        new() { Name = "allow-within-namespace-out", Direction = TrafficDirection.Egress, Namespace = Namespace, Ports = [(TrivyOperatorValues.ServerPort, "TCP")] },
        new() { Name = "allow-registries", Direction = TrafficDirection.Egress, AnyPeer = true, Ports = RegistryPorts(options) },
    ];

    /// <summary>443, and the explicit ports of the database repositories (a mirror on e.g. 5000).</summary>
    private static IReadOnlyList<(int Port, string Protocol)> RegistryPorts(ImageScanningOptions options)
        => [.. new[] { 443, ImageScanningOptions.PortOf(options.DbRepository), ImageScanningOptions.PortOf(options.JavaDbRepository) }
            .Distinct().Order().Select(p => (p, "TCP"))];
}
