using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Components.Catalog;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Rbac.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Rbac.V1;
using Pulumi.Random;

namespace Platform.Components.Identity;

/// <summary>
/// The authentication capability: Dex in the restricted platform namespace <see cref="Namespace"/>, the OpenID Connect
/// issuer at <c>https://&lt;host&gt;</c> on the default IngressClass (TLS from cert-manager) in front of the
/// organisation's identity providers; one static client per consumer that is on, each web client with a RandomPassword
/// secret, kubelogin's public; the connectors' and clients' secrets in the Secret <see cref="DexValues.SecretsName"/>,
/// read by Dex from its environment; ClusterRoleBindings of the configured groups, and each team's group bound to
/// <c>edit</c> in its namespace. It publishes <see cref="Identity"/> for the UIs and <see cref="ApiServerIssuer"/> for the
/// API servers.
/// </summary>
public sealed class AuthenticationLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:identity:Authentication";

    /// <summary>The namespace Dex runs in (<see cref="IdentityProvider.Namespace"/>).</summary>
    public const string Namespace = "dex";

    /// <summary>The pod annotation whose change rolls Dex when a secret changes: Dex reads its environment once, at
    /// start. An HMAC of the secrets under a random key, so that it tells nothing about them.</summary>
    public const string SecretsDigestAnnotation = "platform/secrets-digest";

    /// <summary>Installs Dex and the group bindings.</summary>
    public AuthenticationLayer(string name, AuthenticationLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = args.Options;
        var clients = args.Clients;
        var inputs = new DexInputs
        {
            Clients = clients,
            IngressClass = args.Ingress.ClassName,
            ClusterIssuer = args.ClusterIssuer,
            Replicas = args.Replicas,
            ServiceMonitor = args.Metrics is not null,
        };
        // Renders (and so validates) the values before anything is registered.
        var values = DexValues.Render(settings, inputs);
        var needing = settings.Connectors.Where(c => DexConnectors.SecretField(c.Type) is not null).Select(c => c.Id).ToList();
        if (needing.Count > 0 && args.ConnectorSecrets is null)
            throw new ArgumentException($"Authentication: the connectors {string.Join(", ", needing)} need their secrets (ConnectorSecrets).", nameof(args));
        if (!clients.Any(c => c.Name == OidcClients.Kubernetes && c.Public))
            throw new ArgumentException($"Authentication: the public client '{OidcClients.Kubernetes}' (kubelogin) must be registered.", nameof(args));

        var child = new CustomResourceOptions { Parent = this };
        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances = Allowances(args),
            MetricsPorts = args.Metrics is null ? [] : [(DexConfiguration.TelemetryPort, "TCP")],
        }, new ComponentResourceOptions { Parent = this });

        var credentials = new Dictionary<string, OidcClientCredentials>(StringComparer.Ordinal);
        var secretData = new InputMap<string>();
        foreach (var client in clients)
        {
            if (client.Public)
            {
                credentials[client.Name] = new OidcClientCredentials { ClientId = client.Name, ClientSecret = Output.CreateSecret("") };
                continue;
            }
            var password = new RandomPassword($"{name}-client-{client.Name}", new RandomPasswordArgs { Length = 40, Special = false }, child);
            var secret = Output.CreateSecret(password.Result);
            credentials[client.Name] = new OidcClientCredentials { ClientId = client.Name, ClientSecret = secret };
            secretData.Add(DexConfiguration.ClientSecretVariable(client.Name), secret);
        }
        var connectorSecrets = args.ConnectorSecrets is { } json
            ? json.ToOutput().Apply(text => ConnectorSecretValues(settings, text))
            : Output.Create(ImmutableDictionary<string, string>.Empty);
        foreach (var id in needing)
            secretData.Add(DexConnectors.EnvironmentVariable(id), Output.CreateSecret(connectorSecrets.Apply(s => s[id])));
        var secrets = SecretObjects.Create(this, $"{name}-secrets", DexValues.SecretsName, ns.NamespaceName, "Opaque", secretData);

        var digestKey = new RandomPassword($"{name}-secrets-digest-key", new RandomPasswordArgs { Length = 32, Special = false }, child);
        var digest = Output.Unsecret(Output.Tuple(digestKey.Result, Output.All(clients.Where(c => !c.Public).Select(c => credentials[c.Name].ClientSecret)),
            connectorSecrets).Apply(t => Digest(t.Item1, t.Item2, t.Item3)));
        values["podAnnotations"] = new Dictionary<string, object> { [SecretsDigestAnnotation] = digest };

        var waitFor = new List<Resource> { ns.Namespace, secrets };
        waitFor.AddRange(args.DependsOn);
        if (args.Metrics is { } metrics) waitFor.Add(metrics.CrdsReady);
        Release = HelmInstall.Chart($"{name}-dex", HelmCharts.Dex, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() });

        // Cluster-wide rights: one binding per role, naming every group given it (with the API server's groups prefix).
        var bindings = new List<ClusterRoleBinding>();
        foreach (var role in Enum.GetValues<GroupRole>())
        {
            var groups = settings.GroupsWith(role);
            if (groups.Count == 0) continue;
            var roleName = AuthenticationOptions.ClusterRoleName(role);
            var binding = new ClusterRoleBinding($"{name}-{roleName}", new ClusterRoleBindingArgs
            {
                Metadata = new ObjectMetaArgs { Name = ClusterBindingName(role) },
                RoleRef = new RoleRefArgs { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = roleName },
                Subjects = groups.Select(g => new SubjectArgs { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = settings.GroupsPrefix + g }).ToList(),
            }, child);
            bindings.Add(binding);
        }
        ClusterRoleBindings = bindings;
        var teamBindings = new List<RoleBinding>();
        foreach (var (tenantNamespace, group) in args.Tenants)
        {
            teamBindings.Add(new RoleBinding($"{name}-team-{tenantNamespace}", new RoleBindingArgs
            {
                Metadata = new ObjectMetaArgs { Name = TeamBindingName, Namespace = tenantNamespace },
                RoleRef = new RoleRefArgs { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "edit" },
                Subjects = { new SubjectArgs { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = settings.GroupsPrefix + group } },
            }, new CustomResourceOptions { Parent = this, DependsOn = args.TenantsReady.ToArray() }));
        }
        TeamBindings = teamBindings;

        IssuerUrl = settings.IssuerUrl;
        ApiServerIssuer = new OidcIssuer
        {
            IssuerUrl = settings.IssuerUrl,
            Audiences = [OidcClients.Kubernetes],
            CertificateAuthorityPem = args.IssuerCaPem is { } pem ? (Input<string>)pem : null,
            UsernameClaim = settings.UsernameClaim,
            UsernamePrefix = settings.UsernamePrefix,
            GroupsClaim = settings.GroupsClaim,
            GroupsPrefix = settings.GroupsPrefix,
        };
        Identity = new IdentityProvider
        {
            IssuerUrl = settings.IssuerUrl,
            Namespace = Namespace,
            CertificateAuthorityPem = args.IssuerCaPem,
            Clients = credentials.AsReadOnly(),
            GroupsClaim = settings.GroupsClaim,
            AdminGroups = settings.GroupsWith(GroupRole.ClusterAdmin),
            EditGroups = settings.GroupsWith(GroupRole.Edit),
            ViewGroups = settings.GroupsWith(GroupRole.View),
            Ready = Release,
        };
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["issuerUrl"] = IssuerUrl,
            ["clients"] = clients.Select(c => c.Name).ToList(),
        });
    }

    /// <summary>The name of each team's RoleBinding in its namespace.</summary>
    public const string TeamBindingName = "oidc-team-edit";

    /// <summary>The name of the ClusterRoleBinding of the groups given <paramref name="role"/>, e.g.
    /// <c>platform:oidc-cluster-admin</c>.</summary>
    public static string ClusterBindingName(GroupRole role) => $"platform:oidc-{AuthenticationOptions.ClusterRoleName(role)}";

    /// <summary>Dex's release.</summary>
    public Release Release { get; }

    /// <summary>The issuer URL, <c>https://&lt;host&gt;</c>.</summary>
    public string IssuerUrl { get; }

    /// <summary>What the API servers trust (for the core's structured authentication configuration).</summary>
    public OidcIssuer ApiServerIssuer { get; }

    /// <summary>What the UIs sign in with (<c>PlatformContext.Identity</c>).</summary>
    public IdentityProvider Identity { get; }

    /// <summary>The ClusterRoleBindings of <c>platform:authentication.rbac</c>, one per role given to a group.</summary>
    public IReadOnlyList<ClusterRoleBinding> ClusterRoleBindings { get; }

    /// <summary>Each team's RoleBinding of its group (prefixed) to <c>edit</c> in its namespace.</summary>
    public IReadOnlyList<RoleBinding> TeamBindings { get; }

    /// <summary>The connectors' secrets by id, from the JSON of <c>platform:authenticationSecrets</c>; every connector
    /// that needs one must have a non-empty text. Messages never quote a secret.</summary>
    private static ImmutableDictionary<string, string> ConnectorSecretValues(AuthenticationOptions options, string json)
    {
        const string key = "platform:authenticationSecrets";
        Dictionary<string, string>? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException)
        {
            parsed = null;
        }
        if (parsed is null)
            throw new RunException($"{key} is not a JSON object of connector id to text. Set it with `pulumi config set --secret {key} '{{\"<connector id>\": \"...\"}}'`.");
        var missing = options.Connectors.Where(c => DexConnectors.SecretField(c.Type) is not null
            && (!parsed.TryGetValue(c.Id, out var value) || string.IsNullOrEmpty(value))).Select(c => $"{c.Id} ({DexConnectors.SecretField(c.Type)})").ToList();
        if (missing.Count > 0)
            throw new RunException($"{key} has no secret for the connectors {string.Join(", ", missing)}. Add each under its connector id.");
        return parsed.ToImmutableDictionary(StringComparer.Ordinal);
    }

    private static string Digest(string key, ImmutableArray<string> clientSecrets, ImmutableDictionary<string, string> connectorSecrets)
    {
        var text = string.Join("\n", clientSecrets.Concat(connectorSecrets.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The traffic the dex namespace needs through its default-deny policy.</summary>
    private static IReadOnlyList<NetworkAllowance> Allowances(AuthenticationLayerArgs args)
    {
        var allowances = new List<NetworkAllowance>
        {
            // The issuer, behind the default IngressClass: every login, token and key request comes through it.
            new() { Name = "allow-issuer-from-ingress", Direction = TrafficDirection.Ingress, Namespace = args.Ingress.ControllerNamespace,
                PodLabels = new Dictionary<string, string>(), Ports = [(DexConfiguration.HttpPort, "TCP")] },
            // cert-manager's HTTP-01 solver for the issuer's host runs in this namespace, behind the same controller.
            new() { Name = "allow-acme-solver-from-ingress", Direction = TrafficDirection.Ingress, Namespace = args.Ingress.ControllerNamespace,
                PodLabels = new Dictionary<string, string> { ["acme.cert-manager.io/http01-solver"] = "true" }, Ports = [(8089, "TCP")] },
            // Dex keeps its state (signing keys, sessions, refresh tokens) in custom resources.
            NetworkAllowance.ToApiServer(),
        };
        // The upstream identity providers, by port: their addresses are outside the cluster and named by DNS.
        var ports = args.Options.Connectors.Select(DexConnectors.EgressPort).OfType<int>().Distinct().Order().ToList();
        if (ports.Count > 0)
        {
            allowances.Add(new() { Name = "allow-identity-providers", Direction = TrafficDirection.Egress, AnyPeer = true,
                Ports = [.. ports.Select(p => (p, "TCP"))] });
        }
        return allowances;
    }
}
