using Platform.Components.Catalog;
using Platform.Components.Identity;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Random;

namespace Platform.Components.GitOps;

/// <summary>
/// The gitOps capability: Argo CD in the restricted platform namespace <see cref="Namespace"/> (values:
/// <see cref="ArgoCdValues"/>), its CRDs registered by the program before the release (<see cref="CrdInstall.Manifests"/>),
/// the server on the default IngressClass with cert-manager's certificate when <see cref="GitOpsOptions.Host"/> is set,
/// single sign-on through the platform's identity provider with RBAC from its groups (or the local admin, whose password
/// is a Pulumi secret), notifications to Alertmanager, a ServiceMonitor per component with monitoring, and the optional
/// app-of-apps Application (<see cref="ArgoCdBootstrap"/>) after the release.
/// </summary>
public sealed class GitOpsLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:gitops:GitOps";

    /// <summary>The namespace Argo CD runs in (its Applications, AppProjects and repository Secrets live there).</summary>
    public const string Namespace = "argocd";

    /// <summary>The local admin's user name.</summary>
    public const string AdminUser = "admin";

    /// <summary>The redirect URI of Argo CD's OIDC client at <paramref name="host"/>, which the identity provider
    /// registers: <c>https://&lt;host&gt;/auth/callback</c>.</summary>
    public static string OidcRedirectUri(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        return $"https://{host}{OidcClients.CallbackPaths[OidcClients.ArgoCd]}";
    }

    /// <summary>Installs Argo CD.</summary>
    public GitOpsLayer(string name, GitOpsLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var identity = args.Identity;
        OidcClientCredentials? client = null;
        if (identity is not null)
        {
            if (args.Options.Host is null || args.Ingress is null)
                throw new ArgumentException("GitOps: single sign-on needs Argo CD's hostname on the default IngressClass (the callback address).", nameof(args));
            if (!identity.Clients.TryGetValue(OidcClients.ArgoCd, out client))
                throw new ArgumentException($"GitOps: the identity provider has no '{OidcClients.ArgoCd}' client.", nameof(args));
        }
        if (args.Options.Bootstrap is null && args.RepositoryCredentials is not null)
            throw new ArgumentException("GitOps: repository credentials without a bootstrap repository.", nameof(args));
        var inputs = new ArgoCdInputs
        {
            IngressClass = args.Options.Host is null ? null : args.Ingress?.ClassName,
            ClusterIssuer = args.ClusterIssuer,
            HighAvailability = args.HighAvailability,
            RedisHardAntiAffinity = args.RedisHardAntiAffinity,
            Metrics = args.Metrics is not null,
            AlertmanagerHostPort = args.Alertmanager?.HostPort,
            Sso = identity is null ? null : new ArgoCdSso
            {
                GroupsClaim = identity.GroupsClaim,
                AdminGroups = identity.AdminGroups,
                EditGroups = identity.EditGroups,
                ViewGroups = identity.ViewGroups,
            },
        };
        // Renders (and so validates) the values and the bootstrap before anything is registered.
        var values = ArgoCdValues.Render(args.Options, inputs);
        var bootstrapSpec = args.Options.Bootstrap is { } bootstrap ? ArgoCdBootstrap.ApplicationSpec(bootstrap, Namespace) : null;

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances = Allowances(args, inputs),
            MetricsPorts = args.Metrics is null ? [] : ArgoCdValues.MetricsPorts,
        }, new ComponentResourceOptions { Parent = this });

        var waitFor = new List<Resource> { ns.Namespace };
        // argocd-secret: the chart's is off, so that the admin's bcrypt hash comes from a Pulumi secret; Argo CD adds its
        // own signing key (server.secretkey) to it at start.
        var secretData = new InputMap<string>();
        if (identity is null)
        {
            var password = new RandomPassword($"{name}-admin-password", new RandomPasswordArgs { Length = 24, Special = false },
                new CustomResourceOptions { Parent = this });
            secretData.Add("admin.password", Output.CreateSecret(password.BcryptHash));
            AdminPassword = Output.CreateSecret(password.Result);
        }
        waitFor.Add(LabelledSecret($"{name}-argocd-secret", ArgoCdValues.ArgoCdSecret, ns.NamespaceName, secretData));
        if (identity is not null)
        {
            waitFor.Add(LabelledSecret($"{name}-oidc-client", ArgoCdOidc.SecretName, ns.NamespaceName,
                new InputMap<string> { { ArgoCdOidc.SecretKey, Output.CreateSecret(client!.ClientSecret) } }));
            // Argo CD's login needs the issuer's discovery document: the identity provider first.
            waitFor.Add(identity.Ready);
            var issuer = identity.IssuerUrl;
            var clientId = client.ClientId;
            var scopes = identity.Scopes;
            var oidcConfig = identity.CertificateAuthorityPem is { } pem
                ? pem.Apply(ca => ArgoCdOidc.Config(issuer, clientId, scopes, ca))
                : Output.Create(ArgoCdOidc.Config(issuer, clientId, scopes, null));
            values = HelmValues.Merge(values, HelmValues.Map(("configs", HelmValues.Map(("cm", HelmValues.Map(("oidc.config", oidcConfig)))))));
        }
        if (args.Metrics is { } metrics) waitFor.Add(metrics.CrdsReady);
        if (inputs.AlertmanagerHostPort is not null) waitFor.AddRange(args.AlertmanagerReady);
        Release = HelmInstall.Chart($"{name}-argo-cd", HelmCharts.ArgoCd, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() });

        if (bootstrapSpec is not null)
        {
            var after = new List<Resource> { Release };
            if (args.RepositoryCredentials is { } credentials)
            {
                var repository = args.Options.Bootstrap!;
                RepositorySecret = new Pulumi.Kubernetes.Core.V1.Secret($"{name}-bootstrap-repository", new SecretArgs
                {
                    Metadata = new ObjectMetaArgs
                    {
                        Name = ArgoCdBootstrap.RepositorySecretName,
                        Namespace = ns.NamespaceName,
                        Labels = ArgoCdBootstrap.RepositoryLabels.ToDictionary(kv => kv.Key, kv => kv.Value),
                    },
                    Type = "Opaque",
                    StringData = Output.CreateSecret(credentials.Apply(c => ArgoCdBootstrap.RepositoryData(repository, c))),
                }, new CustomResourceOptions { Parent = this, DependsOn = { ns.Namespace }, AdditionalSecretOutputs = { "stringData", "data" } });
                after.Add(RepositorySecret);
            }
            // An Application of the vendored CRD: after the release, which waits for the CRDs.
            BootstrapApplication = new Pulumi.Kubernetes.ApiExtensions.CustomResource($"{name}-bootstrap", new CustomObjectArgs(ArgoCdBootstrap.ApiVersion, "Application")
            {
                Metadata = new ObjectMetaArgs { Name = ArgoCdBootstrap.ApplicationName, Namespace = ns.NamespaceName },
                Spec = bootstrapSpec.ToDictionary(kv => kv.Key, kv => kv.Value),
            }, new CustomResourceOptions { Parent = this, DependsOn = after.ToArray() });
        }

        Url = Output.Create(ArgoCdValues.Url(args.Options, inputs));
        SingleSignOn = identity is not null;
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["url"] = Url,
            ["adminPassword"] = AdminPassword,
            ["singleSignOn"] = SingleSignOn,
        });
    }

    /// <summary>Argo CD's release (after its CRDs).</summary>
    public Release Release { get; }

    /// <summary>Argo CD's URL (<see cref="ArgoCdValues.Url"/>).</summary>
    public Output<string> Url { get; }

    /// <summary>The local admin's password (user <see cref="AdminUser"/>), a secret; null with single sign-on, where the
    /// local admin is off.</summary>
    public Output<string>? AdminPassword { get; }

    /// <summary>Whether users sign in through the platform's identity provider.</summary>
    public bool SingleSignOn { get; }

    /// <summary>The app-of-apps Application; null without <see cref="GitOpsOptions.Bootstrap"/>.</summary>
    public Pulumi.Kubernetes.ApiExtensions.CustomResource? BootstrapApplication { get; }

    /// <summary>The bootstrap repository's Secret; null without credentials.</summary>
    public Pulumi.Kubernetes.Core.V1.Secret? RepositorySecret { get; }

    // A Secret Argo CD reads (it reads only those labelled part-of argocd), its data a Pulumi secret in state too.
    private Pulumi.Kubernetes.Core.V1.Secret LabelledSecret(string resourceName, string secretName, Input<string> ns, InputMap<string> data)
        => new(resourceName, new SecretArgs
        {
            Metadata = new ObjectMetaArgs
            {
                Name = secretName,
                Namespace = ns,
                Labels = ArgoCdOidc.SecretLabels.ToDictionary(kv => kv.Key, kv => kv.Value),
            },
            Type = "Opaque",
            StringData = data,
        }, new CustomResourceOptions { Parent = this, AdditionalSecretOutputs = { "stringData", "data" } });

    /// <summary>The traffic the argocd namespace needs through its default-deny policy.</summary>
    private static IReadOnlyList<NetworkAllowance> Allowances(GitOpsLayerArgs args, ArgoCdInputs inputs)
    {
        var allowances = new List<NetworkAllowance>
        {
            // The server, repo server, controllers and Redis talk to each other.
            new() { Name = "allow-within-namespace-in", Direction = TrafficDirection.Ingress, Namespace = Namespace },
            new() { Name = "allow-within-namespace-out", Direction = TrafficDirection.Egress, Namespace = Namespace },
            // The controllers and the server watch and change the cluster.
            NetworkAllowance.ToApiServer(),
            // The repo server and the ApplicationSet controller clone Git repositories (https and SSH) and reach SCM
            // providers' APIs, which have no fixed addresses; the server reaches a public issuer's HTTPS too.
            new() { Name = "allow-git", Direction = TrafficDirection.Egress, AnyPeer = true, Ports = [(443, "TCP"), (22, "TCP")] },
        };
        if (inputs.IngressClass is not null && args.Ingress is { } ingress)
        {
            allowances.Add(new() { Name = "allow-server-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                Ports = [(ArgoCdValues.ServerHttpPort, "TCP")] });
            // cert-manager's HTTP-01 solver for the server's host runs in this namespace, behind the same controller.
            if (args.ClusterIssuer is not null)
            {
                allowances.Add(new() { Name = "allow-acme-solver-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                    PodLabels = new Dictionary<string, string> { ["acme.cert-manager.io/http01-solver"] = "true" }, Ports = [(8089, "TCP")] });
            }
        }
        if (args.Identity is { } identity && args.Ingress is { } controller)
        {
            // The issuer's public address inside the cluster: its load-balancer address is translated to the ingress
            // controller's pods (NetworkPolicy sees their HTTPS container port), or to the identity provider's own.
            allowances.Add(new() { Name = "allow-issuer-through-ingress", Direction = TrafficDirection.Egress, Namespace = controller.ControllerNamespace,
                Ports = [(controller.ControllerHttpsPort, "TCP")] });
            allowances.Add(new() { Name = "allow-identity-provider", Direction = TrafficDirection.Egress, Namespace = identity.Namespace });
        }
        if (inputs.AlertmanagerHostPort is not null && args.Alertmanager is { } alertmanager)
        {
            allowances.Add(new() { Name = "allow-alertmanager", Direction = TrafficDirection.Egress, Namespace = alertmanager.Namespace,
                PodLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "alertmanager" }, Ports = [(AlertmanagerPort(alertmanager.HostPort), "TCP")] });
        }
        return allowances;
    }

    private static int AlertmanagerPort(string hostPort) =>
        int.TryParse(hostPort[(hostPort.LastIndexOf(':') + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new ArgumentException($"GitOps: Alertmanager's address {hostPort} is not host:port.", nameof(hostPort));
}
