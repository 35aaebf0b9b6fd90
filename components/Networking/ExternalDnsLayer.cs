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
            Allowances = [NetworkAllowance.ToApiServer(), ProviderAllowance(args.Options)],
            MetricsPorts = ExternalDnsValues.MetricsPorts,
        }, new ComponentResourceOptions { Parent = this });
        var releaseOptions = new CustomResourceOptions { Parent = this };
        var waitFor = new List<Resource>();
        if (keys.Count > 0)
        {
            var credentials = Output.CreateSecret(args.Credentials!.Apply(c => CheckCredentials(c, keys)));
            waitFor.Add(SecretObjects.Create(this, $"{name}-credentials", ExternalDnsValues.CredentialsSecretName, ns.NamespaceName, "Opaque", credentials));
        }
        if (args.Metrics != null) waitFor.Add(args.Metrics.CrdsReady);
        if (waitFor.Count > 0) releaseOptions.DependsOn = waitFor.ToArray();
        var values = ExternalDnsValues.Render(args.Options, args.ClusterName);
        if (args.Metrics != null) values = HelmValues.Merge(values, ExternalDnsValues.Monitoring());
        Release = HelmInstall.Chart($"{name}-external-dns", HelmCharts.ExternalDns, ns.NamespaceName, values, releaseOptions);
        RegisterOutputs(new Dictionary<string, object?> { ["provider"] = args.Options.Provider.ToString(), ["domains"] = args.Options.DomainFilters.ToList() });
    }

    /// <summary>external-dns's Helm release.</summary>
    public Release Release { get; }

    /// <summary>Egress to the DNS provider: the RFC 2136 server on its port (TCP for AXFR and large updates, UDP for
    /// the rest), only that address when it is an IPv4 literal; a cloud provider's HTTPS API, whose addresses its DNS
    /// decides, on port 443.</summary>
    private static NetworkAllowance ProviderAllowance(ExternalDnsOptions options)
    {
        if (options.Provider != DnsProvider.Rfc2136)
            return new NetworkAllowance { Name = "allow-dns-provider", Direction = TrafficDirection.Egress, AnyPeer = true, Ports = [(443, "TCP")] };
        Certificates.DnsSyntax.TryParseNameserver(options.Rfc2136!.Nameserver, out var host, out var port);
        var literal = System.Net.IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        return new NetworkAllowance
        {
            Name = "allow-dns-provider",
            Direction = TrafficDirection.Egress,
            Cidr = literal ? $"{address}/32" : null,
            AnyPeer = !literal,
            Ports = [(port, "UDP"), (port, "TCP")],
        };
    }

    private static ImmutableDictionary<string, string> CheckCredentials(ImmutableDictionary<string, string> credentials, IReadOnlyList<string> keys)
    {
        var missing = keys.Where(k => !credentials.ContainsKey(k) || string.IsNullOrWhiteSpace(credentials[k])).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"platform:externalDnsCredentials lacks {string.Join(", ", missing)}. Set it as a secret JSON object with the keys {string.Join(", ", keys)}.");
        return credentials.Where(kv => keys.Contains(kv.Key)).ToImmutableDictionary();
    }
}
