using System.Security.Cryptography;
using System.Text;
using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Observability.Logging;
using Pulumi;
using Pulumi.Kubernetes.Batch.V1;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Random;

namespace Platform.Components.Observability;

/// <summary>
/// The logging capability's store: OpenSearch (<see cref="HelmCharts.OpenSearch"/>) with its security plugin, and
/// OpenSearch Dashboards (<see cref="HelmCharts.OpenSearchDashboards"/>), in the restricted namespace
/// <see cref="Namespace"/>. TLS between the nodes and to every client from a CA of the layer's own, in Pulumi state
/// (<see cref="CaCertificatePem"/>); one user per <see cref="LoggingClients"/> client with exactly its rights, the
/// admin and Dashboards' server user, each with a random password of which OpenSearch gets only the bcrypt hash; an
/// ISM policy deleting indices after the tier's retention, and index templates, applied by a setup Job that runs again
/// whenever any of it changes. Clients get everything they need from <see cref="Backend"/>.
/// </summary>
public sealed class LoggingLayer : ComponentResource, Cluster.Certificates.IStateCertificates
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:observability:Logging";

    /// <summary>The namespace OpenSearch, Dashboards and the setup Job run in.</summary>
    public const string Namespace = "logging";

    /// <summary>The in-cluster host name of OpenSearch's HTTP Service (a name its certificate carries).</summary>
    public const string OpenSearchHost = OpenSearchValues.ServiceName + "." + Namespace + ".svc";

    /// <summary>Installs OpenSearch and OpenSearch Dashboards.</summary>
    public LoggingLayer(string name, LoggingLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var o = args.Options;
        // Renders (and so validates) everything before anything is registered.
        var values = OpenSearchValues.Render(o, args.StorageClass);
        var endpoint = $"https://{OpenSearchHost}:{OpenSearchValues.HttpPort}";
        var login = SingleSignOn(args);
        var dashboardsValues = OpenSearchDashboardsValues.Render(o, endpoint, args.Ingress?.ClassName, args.ClusterIssuer, login);
        var setupFiles = OpenSearchSetupJob.Files(o);

        var child = new ComponentResourceOptions { Parent = this };
        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances = Allowances(args),
            // Deleting the namespace deletes the nodes' volume claims, and the platform's StorageClass then deletes
            // their volumes: with persistent data it is protected and stays when the layer leaves the stack.
            Protect = !o.Ephemeral,
            RetainOnDelete = !o.Ephemeral,
        }, child);

        var nodeNames = OpenSearchValues.NodeDnsNames(o.Replicas, Namespace, args.ClusterDomain);
        var pki = new OpenSearchCertificates(this, $"{name}-opensearch", nodeNames,
            [.. OpenSearchValues.ServiceDnsNames(Namespace, args.ClusterDomain), .. nodeNames]);
        CaCertificatePem = pki.CaCertPem;
        CertificateExpiries = pki.CertificateExpiries;

        var passwords = OpenSearchSecurityConfig.Users.ToDictionary(user => user, user => new RandomPassword($"{name}-{user}-password",
            new RandomPasswordArgs { Length = 32, Special = false }, new CustomResourceOptions { Parent = this }), StringComparer.Ordinal);
        var cookie = new RandomPassword($"{name}-dashboards-cookie", new RandomPasswordArgs { Length = 32, Special = false },
            new CustomResourceOptions { Parent = this });
        AdminPassword = Output.CreateSecret(passwords[OpenSearchSecurityConfig.AdminUser].Result);

        var users = OpenSearchSecurityConfig.Users;
        var issuerCa = login is { PrivateCa: true } ? args.Identity!.CertificateAuthorityPem! : Output.Create("");
        var securityFiles = Output.Tuple(Output.All(users.Select(u => (Input<string>)passwords[u].BcryptHash)), issuerCa)
            .Apply(t => OpenSearchSecurityConfig.Render(users.Zip(t.Item1).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal),
                login, login is { PrivateCa: true } ? t.Item2 : null));
        var securityData = new InputMap<string>();
        foreach (var file in OpenSearchSecurityConfig.Files)
            securityData.Add(file, Output.CreateSecret(securityFiles.Apply(files => files[file])));
        var securityConfig = SecretObjects.Create(this, $"{name}-security-config", OpenSearchValues.SecurityConfigSecret, ns.NamespaceName, "Opaque", securityData);

        Secret Tls(string resource, string secretName, (Output<string> Cert, Output<string> Key) pair) =>
            SecretObjects.Create(this, $"{name}-{resource}", secretName, ns.NamespaceName, "kubernetes.io/tls", new InputMap<string>
            {
                { "tls.crt", pair.Cert },
                { "tls.key", pair.Key },
                { "ca.crt", pki.CaCertPem },
            });
        var transportTls = Tls("transport-tls", OpenSearchValues.TransportTlsSecret, pki.Transport);
        var httpTls = Tls("http-tls", OpenSearchValues.HttpTlsSecret, pki.Http);
        var adminTls = Tls("admin-tls", OpenSearchSetupJob.AdminTlsSecret, pki.Admin);
        var caSecret = SecretObjects.Create(this, $"{name}-ca", OpenSearchDashboardsValues.CaSecret, ns.NamespaceName, "Opaque",
            new InputMap<string> { { "ca.crt", pki.CaCertPem } });
        var account = SecretObjects.Create(this, $"{name}-dashboards-account", OpenSearchDashboardsValues.AccountSecret, ns.NamespaceName, "Opaque",
            new InputMap<string>
            {
                { "username", OpenSearchSecurityConfig.DashboardsUser },
                { "password", Output.CreateSecret(passwords[OpenSearchSecurityConfig.DashboardsUser].Result) },
                { "cookie", Output.CreateSecret(cookie.Result) },
            });
        var setupConfig = new ConfigMap($"{name}-setup", new ConfigMapArgs
        {
            Metadata = new ObjectMetaArgs { Name = OpenSearchSetupJob.ConfigMapName, Namespace = ns.NamespaceName },
            Data = setupFiles.ToDictionary(kv => kv.Key, kv => kv.Value),
        }, new CustomResourceOptions { Parent = this });

        var waitFor = new List<Resource> { transportTls, httpTls, securityConfig };
        if (!o.Ephemeral) waitFor.AddRange(args.StorageReady);
        Release = HelmInstall.Chart($"{name}-opensearch", HelmCharts.OpenSearch, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() });

        var checksum = securityFiles.Apply(files => Checksum(files, setupFiles));
        SetupJob = new Job($"{name}-opensearch-setup", OpenSearchSetupJob.Args(ns.NamespaceName, OpenSearchHost, ObservabilityImages.OpenSearch, checksum),
            new CustomResourceOptions { Parent = this, DependsOn = { Release, adminTls, securityConfig, setupConfig }, DeleteBeforeReplace = true });

        var dashboardsWaitFor = new List<Resource> { Release, account, caSecret };
        if (login is not null)
        {
            var identity = args.Identity!;
            var data = new InputMap<string>
            {
                { "client-secret", Output.CreateSecret(identity.Clients[Identity.OidcClients.OpenSearchDashboards].ClientSecret) },
            };
            if (identity.CertificateAuthorityPem is { } ca) data.Add("ca.crt", ca);
            dashboardsWaitFor.Add(SecretObjects.Create(this, $"{name}-dashboards-oidc", OpenSearchDashboardsValues.OidcSecret, ns.NamespaceName, "Opaque", data));
        }
        DashboardsRelease = HelmInstall.Chart($"{name}-opensearch-dashboards", HelmCharts.OpenSearchDashboards, ns.NamespaceName, dashboardsValues,
            new CustomResourceOptions { Parent = this, DependsOn = dashboardsWaitFor.ToArray() });
        DashboardsUrl = OpenSearchDashboardsValues.Url(o, args.Ingress?.ClassName, args.ClusterIssuer) is { } url ? Output.Create(url) : null;

        Backend = new LoggingBackend
        {
            Namespace = Namespace,
            Endpoint = endpoint,
            Port = OpenSearchValues.HttpPort,
            CaCertificatePem = pki.CaCertPem,
            Users = OpenSearchSecurityConfig.ClientRoles.Keys.ToDictionary(client => client, client => new OpenSearchCredentials
            {
                Username = client,
                Password = Output.CreateSecret(passwords[client].Result),
            }, StringComparer.Ordinal),
            // The users exist once the setup Job has applied the security configuration (on a new cluster, once the
            // nodes started with it); the templates and the retention policy are in place by then too.
            Ready = SetupJob,
        };
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["endpoint"] = endpoint,
            ["caCertificatePem"] = CaCertificatePem,
            ["dashboardsUrl"] = DashboardsUrl,
            ["adminPassword"] = AdminPassword,
        });
    }

    /// <summary>OpenSearch's release.</summary>
    public Release Release { get; }

    /// <summary>OpenSearch Dashboards' release.</summary>
    public Release DashboardsRelease { get; }

    /// <summary>The Job applying the security configuration, the index templates and the retention policy.</summary>
    public Job SetupJob { get; }

    /// <summary>The logging CA's certificate, PEM: OpenSearch's certificates are its.</summary>
    public Output<string> CaCertificatePem { get; }

    /// <summary>OpenSearch's own CA and its nodes', HTTP and admin certificates (<c>opensearch-*</c>).</summary>
    public Output<IReadOnlyList<Cluster.Certificates.CertificateExpiry>> CertificateExpiries { get; }

    /// <summary>The admin's password (user <see cref="OpenSearchSecurityConfig.AdminUser"/>), a secret.</summary>
    public Output<string> AdminPassword { get; }

    /// <summary>Dashboards' URL on the default IngressClass; null when Dashboards is not exposed (no hostname, or no
    /// ingress).</summary>
    public Output<string>? DashboardsUrl { get; }

    /// <summary>What the layers after this one write to OpenSearch with (<c>PlatformContext.Logging</c>).</summary>
    public LoggingBackend Backend { get; }

    /// <summary>Dashboards' login through the identity provider: with one, when Dashboards is served over https.</summary>
    private static Identity.OidcLogin? SingleSignOn(LoggingLayerArgs args)
    {
        if (args.Identity is not { } identity || args.Options.DashboardsHost is null || args.Ingress is null || args.ClusterIssuer is null) return null;
        if (args.IssuerRoute is null)
            throw new ArgumentException("Logging: Dashboards' single sign-on needs the route to the identity provider (IssuerRoute).", nameof(args));
        return Identity.OidcLogin.For(identity, Identity.OidcClients.OpenSearchDashboards);
    }

    /// <summary>The traffic the logging namespace needs through its default-deny policy.</summary>
    private static List<NetworkAllowance> Allowances(LoggingLayerArgs args)
    {
        var ports = new List<(int, string)> { (OpenSearchValues.HttpPort, "TCP"), (OpenSearchValues.TransportPort, "TCP") };
        var allowances = new List<NetworkAllowance>
        {
            // The nodes' transport among themselves; Dashboards and the setup Job reaching OpenSearch's HTTP port.
            new() { Name = "allow-opensearch-within-namespace-in", Direction = TrafficDirection.Ingress, Namespace = Namespace, Ports = ports },
            new() { Name = "allow-opensearch-within-namespace-out", Direction = TrafficDirection.Egress, Namespace = Namespace, Ports = ports },
        };
        // Each client reaches OpenSearch's HTTP port from its own namespace (it allows its own egress).
        foreach (var (client, clientNamespace) in LoggingClients.Namespaces.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            allowances.Add(new() { Name = $"allow-opensearch-from-{client}", Direction = TrafficDirection.Ingress, Namespace = clientNamespace,
                Ports = [(OpenSearchValues.HttpPort, "TCP")] });
        }
        if (args.Options.DashboardsHost is not null && args.Ingress is { } ingress)
        {
            allowances.Add(new() { Name = "allow-dashboards-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                Ports = [(OpenSearchDashboardsValues.Port, "TCP")] });
            // cert-manager answers an ACME HTTP-01 challenge for Dashboards' host with a solver pod in this namespace,
            // reached through the same ingress controller on the solver's port 8089.
            if (args.ClusterIssuer is not null)
            {
                allowances.Add(new() { Name = "allow-acme-solver-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                    PodLabels = new Dictionary<string, string> { ["acme.cert-manager.io/http01-solver"] = "true" }, Ports = [(8089, "TCP")] });
            }
        }
        // Dashboards exchanges the login code at the issuer; OpenSearch's nodes read its discovery document and keys.
        if (SingleSignOn(args) is not null)
            allowances.Add(args.IssuerRoute!.Egress());
        return allowances;
    }

    // SHA-256 over every file the setup Job applies, by name: the same configuration always gives the same checksum.
    private static string Checksum(IReadOnlyDictionary<string, string> securityFiles, IReadOnlyDictionary<string, string> setupFiles)
    {
        var text = new StringBuilder();
        foreach (var (file, content) in securityFiles.Concat(setupFiles).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append(file).Append('\0').Append(content).Append('\0');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
