using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Secrets.ExternalSecrets;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;

namespace Platform.Components.Secrets;

/// <summary>
/// The External Secrets Operator on the secret-management layer's Vault (or OpenBao): the operator in the restricted
/// platform namespace <see cref="Namespace"/> after its own CRDs (<see cref="CrdInstall.Manifests"/>), allowed to reach
/// the API server and Vault only; the Vault configuration Job (<see cref="VaultConfiguration"/>: audit device, KV v2
/// engine, the operator's and every team's policy and Kubernetes-auth role) when the server is
/// <see cref="VaultServer.Configurable"/>; and the stores (<see cref="VaultStores"/>): one SecretStore per team
/// namespace reading that team's paths only, and one ClusterSecretStore for the platform's own namespaces. Nothing
/// secret passes through the program: every credential is a short-lived ServiceAccount token or Vault token the
/// operator and the Job obtain in the cluster.
/// </summary>
public sealed class ExternalSecretsLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:secrets:ExternalSecrets";

    /// <summary>The operator's namespace.</summary>
    public const string Namespace = "external-secrets";

    /// <summary>Installs the operator, configures Vault when it can be configured, and registers the stores.</summary>
    public ExternalSecretsLayer(string name, ExternalSecretsLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var vault = args.Vault ?? throw new ArgumentException("External secrets: no Vault server.", nameof(args));
        var port = VaultPort(vault.Address);
        // Rendered (and so validated) before anything is registered.
        var tenants = SecretTenant.Of(args.Tenants);
        var values = ExternalSecretsValues.Render(monitoring: args.Metrics is not null);
        var files = VaultConfiguration.Files(tenants, Namespace);
        var child = new CustomResourceOptions { Parent = this };

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances =
            [
                // The controller watches every namespace's stores and ExternalSecrets, writes Secrets and requests
                // ServiceAccount tokens; the cert controller keeps the webhook's certificate.
                NetworkAllowance.ToApiServer(),
                // The API server calls the webhook (validation of stores and ExternalSecrets).
                new() { Name = "allow-webhook", Direction = TrafficDirection.Ingress, AnyPeer = true, Ports = [(ExternalSecretsValues.WebhookPort, "TCP")] },
                new() { Name = "allow-vault", Direction = TrafficDirection.Egress, Namespace = vault.Namespace, Ports = [(port, "TCP")] },
            ],
            MetricsPorts = [(ExternalSecretsValues.MetricsPort, "TCP")],
        }, new ComponentResourceOptions { Parent = this });

        var release = new List<Resource>();
        if (args.Metrics is not null) release.Add(args.Metrics.CrdsReady);
        Release = HelmInstall.Chart($"{name}-external-secrets", HelmCharts.ExternalSecrets, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = release.ToArray() });

        // Vault's namespace denies by default: the operator reaches the server's port.
        _ = VaultPolicy($"{name}-vault-allow-external-secrets", "allow-from-external-secrets", vault, port, new NetworkPolicyPeerArgs
        {
            NamespaceSelector = new LabelSelectorArgs { MatchLabels = { { "kubernetes.io/metadata.name", Namespace } } },
        });

        var storesWaitFor = new List<Resource> { Release };
        if (vault.Configurable)
        {
            ConfigurationJob = Configure(name, vault, port, files);
            storesWaitFor.Add(ConfigurationJob);
        }

        var ca = vault.CaCertificatePem;
        var platformCa = CaConfigMap($"{name}-vault-ca", ns.NamespaceName, ca, [ns]);
        PlatformStore = new Pulumi.Kubernetes.ApiExtensions.CustomResource($"{name}-platform-store", new CustomObjectArgs(VaultStores.ApiVersion, "ClusterSecretStore")
        {
            Metadata = new ObjectMetaArgs { Name = VaultStores.PlatformStoreName },
            Spec = VaultStores.PlatformStore(vault, Namespace).ToDictionary(kv => kv.Key, kv => kv.Value),
        }, new CustomResourceOptions { Parent = this, DependsOn = storesWaitFor.Append(platformCa).ToArray() });

        var tenantStores = new List<Pulumi.Kubernetes.ApiExtensions.CustomResource>();
        foreach (var tenant in tenants)
        {
            foreach (var tenantNamespace in tenant.Namespaces)
            {
                var waitFor = args.TenantsReady.ToArray();
                var account = new Pulumi.Kubernetes.Core.V1.ServiceAccount($"{name}-{tenantNamespace}-service-account", new ServiceAccountArgs
                {
                    Metadata = new ObjectMetaArgs { Name = VaultConfiguration.TenantServiceAccount, Namespace = tenantNamespace },
                    // Its tokens are requested by the operator for Vault only; no pod mounts one.
                    AutomountServiceAccountToken = false,
                }, new CustomResourceOptions { Parent = this, DependsOn = waitFor });
                var tenantCa = CaConfigMap($"{name}-{tenantNamespace}-vault-ca", tenantNamespace, ca, waitFor);
                tenantStores.Add(new Pulumi.Kubernetes.ApiExtensions.CustomResource($"{name}-{tenantNamespace}-store", new CustomObjectArgs(VaultStores.ApiVersion, "SecretStore")
                {
                    Metadata = new ObjectMetaArgs { Name = VaultStores.TenantStoreName, Namespace = tenantNamespace },
                    Spec = VaultStores.TenantStore(vault, tenant).ToDictionary(kv => kv.Key, kv => kv.Value),
                }, new CustomResourceOptions { Parent = this, DependsOn = storesWaitFor.Concat(waitFor).Append(account).Append(tenantCa).ToArray() }));
            }
        }
        TenantStores = tenantStores;
        Configured = vault.Configurable;
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["vaultConfigured"] = Configured,
        });
    }

    /// <summary>The operator's release (after its CRDs).</summary>
    public Release Release { get; }

    /// <summary>The Job that configures Vault; null while the server is not <see cref="VaultServer.Configurable"/>.</summary>
    public Pulumi.Kubernetes.Batch.V1.Job? ConfigurationJob { get; }

    /// <summary>Whether this update configures Vault (false: the stores exist but cannot log in until an update runs
    /// with the server configurable).</summary>
    public bool Configured { get; }

    /// <summary>The platform namespaces' ClusterSecretStore (<see cref="VaultStores.PlatformStoreName"/>).</summary>
    public Pulumi.Kubernetes.ApiExtensions.CustomResource PlatformStore { get; }

    /// <summary>The team namespaces' SecretStores, one per namespace.</summary>
    public IReadOnlyList<Pulumi.Kubernetes.ApiExtensions.CustomResource> TenantStores { get; }

    private Pulumi.Kubernetes.Batch.V1.Job Configure(string name, VaultServer vault, int port, IReadOnlyDictionary<string, string> files)
    {
        var ready = new CustomResourceOptions { Parent = this, DependsOn = { vault.Ready } };
        // The Job's pods reach the server inside its namespace (and its default-deny policy).
        var jobPods = new LabelSelectorArgs { MatchLabels = { { "app.kubernetes.io/name", VaultConfiguration.JobName } } };
        var ingress = VaultPolicy($"{name}-vault-allow-config-job", "allow-from-vault-config", vault, port, new NetworkPolicyPeerArgs { PodSelector = jobPods });
        var egress = new Pulumi.Kubernetes.Networking.V1.NetworkPolicy($"{name}-vault-config-egress", new NetworkPolicyArgs
        {
            Metadata = new ObjectMetaArgs { Name = "allow-vault-config-to-vault", Namespace = vault.Namespace },
            Spec = new NetworkPolicySpecArgs
            {
                PodSelector = jobPods,
                PolicyTypes = { "Egress" },
                Egress =
                {
                    new NetworkPolicyEgressRuleArgs
                    {
                        To = { new NetworkPolicyPeerArgs { PodSelector = new LabelSelectorArgs() } },
                        Ports = { new NetworkPolicyPortArgs { Port = port, Protocol = "TCP" } },
                    },
                },
            },
        }, ready);

        var data = new InputMap<string>();
        foreach (var (key, content) in files) data.Add(key, content);
        data.Add(VaultConfiguration.CaKey, vault.CaCertificatePem);
        var config = new Pulumi.Kubernetes.Core.V1.ConfigMap($"{name}-vault-config", new ConfigMapArgs
        {
            Metadata = new ObjectMetaArgs { Name = VaultConfiguration.ConfigMapName, Namespace = vault.Namespace },
            Data = data,
        }, ready);
        var checksum = vault.CaCertificatePem.Apply(ca => VaultConfiguration.Checksum(files, ca, vault));
        return new Pulumi.Kubernetes.Batch.V1.Job($"{name}-vault-config-job", VaultConfiguration.Args(vault, checksum),
            new CustomResourceOptions { Parent = this, DependsOn = { vault.Ready, config, ingress, egress }, DeleteBeforeReplace = true });
    }

    private Pulumi.Kubernetes.Networking.V1.NetworkPolicy VaultPolicy(string resourceName, string policyName, VaultServer vault, int port, NetworkPolicyPeerArgs from)
        => new(resourceName, new NetworkPolicyArgs
        {
            Metadata = new ObjectMetaArgs { Name = policyName, Namespace = vault.Namespace },
            Spec = new NetworkPolicySpecArgs
            {
                PodSelector = new LabelSelectorArgs(),
                PolicyTypes = { "Ingress" },
                Ingress =
                {
                    new NetworkPolicyIngressRuleArgs
                    {
                        From = { from },
                        Ports = { new NetworkPolicyPortArgs { Port = port, Protocol = "TCP" } },
                    },
                },
            },
        }, new CustomResourceOptions { Parent = this, DependsOn = { vault.Ready } });

    private Pulumi.Kubernetes.Core.V1.ConfigMap CaConfigMap(string resourceName, Input<string> ns, Output<string> ca, IEnumerable<Resource> waitFor)
        => new(resourceName, new ConfigMapArgs
        {
            Metadata = new ObjectMetaArgs { Name = VaultStores.CaConfigMap, Namespace = ns },
            Data = { { VaultConfiguration.CaKey, ca } },
        }, new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() });

    /// <summary>The port of <paramref name="address"/>, an https URL (443 when it names none).</summary>
    private static int VaultPort(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.AbsolutePath != "/" || uri.Query.Length > 0)
            throw new ArgumentException($"External secrets: the Vault address '{address}' is not an https URL of a server (https://host:port).", nameof(address));
        return uri.Port;
    }
}
