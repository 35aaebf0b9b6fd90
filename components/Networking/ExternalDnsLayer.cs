using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Networking.ExternalDns;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;

namespace Platform.Components.Networking;

/// <summary>
/// The external DNS capability: external-dns in its own platform namespace, keeping the DNS records of Ingresses and
/// LoadBalancer Services in the configured zones (RFC 2136 or a cloud DNS), marked with the cluster's name as TXT
/// owner, with the provider's credentials from Pulumi secrets.
/// </summary>
public sealed class ExternalDnsLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:networking:ExternalDns";

    /// <summary>The namespace external-dns runs in.</summary>
    public const string Namespace = "external-dns";

    /// <summary>Installs external-dns.</summary>
    public ExternalDnsLayer(string name, ExternalDnsLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Options.Validate().ToList();
        var keys = ExternalDnsValues.CredentialKeys(args.Options.Provider);
        if (keys.Count > 0 && args.Credentials is null)
            problems.Add($"{args.Options.Provider} needs credentials with the keys {string.Join(", ", keys)}.");
        if (problems.Count > 0)
            throw new ArgumentException($"External DNS: {string.Join(" ", problems)}", nameof(args));

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            // DNS providers' APIs (or the RFC 2136 server) and the API server.
            Allowances = [new NetworkAllowance { Name = "allow-dns-provider-and-api", Direction = TrafficDirection.Egress, AnyPeer = true }],
        }, new ComponentResourceOptions { Parent = this });
        var releaseOptions = new CustomResourceOptions { Parent = this };
        if (keys.Count > 0)
        {
            var credentials = Output.CreateSecret(args.Credentials!.Apply(c => CheckCredentials(c, keys)));
            releaseOptions.DependsOn = new[]
            {
                SecretObjects.Create(this, $"{name}-credentials", ExternalDnsValues.CredentialsSecretName, ns.NamespaceName, "Opaque", credentials),
            };
        }
        Release = HelmInstall.Chart($"{name}-external-dns", HelmCharts.ExternalDns, ns.NamespaceName,
            ExternalDnsValues.Render(args.Options, args.ClusterName), releaseOptions);
        RegisterOutputs(new Dictionary<string, object?> { ["provider"] = args.Options.Provider.ToString(), ["domains"] = args.Options.DomainFilters.ToList() });
    }

    /// <summary>external-dns's Helm release.</summary>
    public Release Release { get; }

    private static ImmutableDictionary<string, string> CheckCredentials(ImmutableDictionary<string, string> credentials, IReadOnlyList<string> keys)
    {
        var missing = keys.Where(k => !credentials.ContainsKey(k) || string.IsNullOrWhiteSpace(credentials[k])).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"platform:externalDnsCredentials lacks {string.Join(", ", missing)}. Set it as a secret JSON object with the keys {string.Join(", ", keys)}.");
        return credentials.Where(kv => keys.Contains(kv.Key)).ToImmutableDictionary();
    }
}
