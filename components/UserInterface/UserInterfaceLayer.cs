using Platform.Components.Catalog;
using Platform.Components.Identity;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Rbac.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Rbac.V1;

namespace Platform.Components.UserInterface;

/// <summary>
/// The userInterface capability: Headlamp (<see cref="HelmCharts.Headlamp"/>) in the restricted platform namespace
/// <see cref="Namespace"/>, on the default IngressClass (TLS from cert-manager with a ClusterIssuer). Headlamp's own
/// service account is bound to nothing: every request goes to the API server with the user's credentials, the ID token of
/// the platform's identity provider (which the API server trusts) when <see cref="UserInterfaceLayerArgs.Identity"/> is
/// set, else a token the user pastes. Its bundled Prometheus plugin finds the monitoring layer's Prometheus by the
/// Service label <c>headlamp-prometheus</c> and queries it through the API server's service proxy.
/// </summary>
public sealed class UserInterfaceLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:userInterface:Headlamp";

    /// <summary>The namespace Headlamp runs in.</summary>
    public const string Namespace = "headlamp";

    /// <summary>The audience of the ID tokens Headlamp hands to the API server: Headlamp's client id. The API server's
    /// JWT authenticator must accept it (<see cref="OidcIssuer.Audiences"/>) for Headlamp's users to get their RBAC.</summary>
    public const string ApiServerAudience = OidcClients.Headlamp;

    /// <summary>The redirect URI of Headlamp's client at the identity provider for Headlamp served at
    /// <paramref name="host"/>: <c>https://&lt;host&gt;/oidc-callback</c> (the composition's client registration list
    /// takes it from <c>platform:userInterface.host</c>).</summary>
    public static string OidcRedirectUri(string host) => HeadlampValues.RedirectUri(host);

    /// <summary>Installs Headlamp.</summary>
    public UserInterfaceLayer(string name, UserInterfaceLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        OidcLogin? login = null;
        if (args.Identity is { } identity)
        {
            if (args.ClusterIssuer is null || args.Ingress is null)
                throw new ArgumentException("User interface: single sign-on needs Headlamp served over https (an IngressClass and a ClusterIssuer).", nameof(args));
            if (args.IssuerRoute is null)
                throw new ArgumentException("User interface: single sign-on needs the route to the identity provider (IssuerRoute).", nameof(args));
            login = OidcLogin.For(identity, OidcClients.Headlamp);
        }
        // Renders (and so validates) the values before anything is registered.
        var values = HeadlampValues.Render(args.Options, args.Ingress?.ClassName, args.ClusterIssuer, login);

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances = Allowances(args, login),
        }, new ComponentResourceOptions { Parent = this });

        var waitFor = new List<Resource> { ns.Namespace };
        if (login is not null)
        {
            var data = new InputMap<string>
            {
                { HeadlampValues.OidcSecretKey, Output.CreateSecret(args.Identity!.Clients[OidcClients.Headlamp].ClientSecret) },
            };
            if (args.Identity.CertificateAuthorityPem is { } ca) data.Add(HeadlampValues.OidcCaKey, ca);
            waitFor.Add(SecretObjects.Create(this, $"{name}-oidc", HeadlampValues.OidcSecret, ns.NamespaceName, "Opaque", data));
        }
        Release = HelmInstall.Chart($"{name}-headlamp", HelmCharts.Headlamp, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() });

        if (args.Prometheus is { } prometheus && login is { } l && l.EditGroups.Concat(l.ViewGroups).Any())
            PrometheusAccess(name, prometheus, l, args.GroupsPrefix, args.MonitoringReady);

        Url = args.Ingress is null ? null : Output.Create(HeadlampValues.Url(args.Options.Host!, args.ClusterIssuer));
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["url"] = Url,
        });
    }

    /// <summary>The ClusterRole (bound in Prometheus's namespace only) of the Prometheus plugin's queries.</summary>
    public const string PrometheusProxyRole = "headlamp-prometheus-proxy";

    /// <summary>Headlamp's release.</summary>
    public Release Release { get; }

    /// <summary>Headlamp's URL; null without an Ingress.</summary>
    public Output<string>? Url { get; }

    /// <summary>The ClusterRole and the RoleBinding in Prometheus's namespace (which scopes the role to it) that let the
    /// edit and view groups read Prometheus through the API server's service proxy: <c>get</c> on <c>services/proxy</c>
    /// of the one Service (the name as the proxy path has it, with and without the port), which the built-in view and
    /// edit ClusterRoles do not grant.</summary>
    private void PrometheusAccess(string name, (string Namespace, string Service, int Port) prometheus, OidcLogin login, string groupsPrefix,
        IReadOnlyList<Resource> monitoringReady)
    {
        _ = new ClusterRole($"{name}-prometheus-proxy", new ClusterRoleArgs
        {
            Metadata = new ObjectMetaArgs { Name = PrometheusProxyRole },
            Rules =
            {
                new PolicyRuleArgs
                {
                    ApiGroups = { "" },
                    Resources = { "services/proxy" },
                    ResourceNames = { prometheus.Service, $"{prometheus.Service}:{prometheus.Port}" },
                    Verbs = { "get" },
                },
            },
        }, new CustomResourceOptions { Parent = this });
        var subjects = new InputList<SubjectArgs>();
        foreach (var group in login.EditGroups.Concat(login.ViewGroups).Distinct(StringComparer.Ordinal))
            subjects.Add(new SubjectArgs { Kind = "Group", ApiGroup = "rbac.authorization.k8s.io", Name = groupsPrefix + group });
        // In Prometheus's namespace: after it.
        _ = new RoleBinding($"{name}-prometheus-proxy-binding", new RoleBindingArgs
        {
            Metadata = new ObjectMetaArgs { Name = PrometheusProxyRole, Namespace = prometheus.Namespace },
            RoleRef = new RoleRefArgs { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = PrometheusProxyRole },
            Subjects = subjects,
        }, new CustomResourceOptions { Parent = this, DependsOn = monitoringReady.ToArray() });
    }

    /// <summary>The traffic Headlamp's namespace needs through its default-deny policy: Headlamp to the API server (every
    /// request it serves is one), the ingress controller to Headlamp, cert-manager's HTTP-01 solver, and with single
    /// sign-on Headlamp to the identity provider.</summary>
    private static IReadOnlyList<NetworkAllowance> Allowances(UserInterfaceLayerArgs args, OidcLogin? login)
    {
        var allowances = new List<NetworkAllowance> { NetworkAllowance.ToApiServer() };
        if (args.Ingress is { } ingress)
        {
            allowances.Add(new() { Name = "allow-headlamp-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                Ports = [(HeadlampValues.Port, "TCP")] });
            if (args.ClusterIssuer is not null)
            {
                allowances.Add(new() { Name = "allow-acme-solver-from-ingress", Direction = TrafficDirection.Ingress, Namespace = ingress.ControllerNamespace,
                    PodLabels = new Dictionary<string, string> { ["acme.cert-manager.io/http01-solver"] = "true" }, Ports = [(8089, "TCP")] });
            }
        }
        if (login is not null)
            allowances.Add(args.IssuerRoute!.Egress());
        return allowances;
    }
}
