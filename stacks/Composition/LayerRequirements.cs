using Platform.Components.Networking.Certificates;
using Platform.Components.Networking.ExternalDns;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Configuration;

namespace Platform.Stacks.Composition;

/// <summary>What a switched-on capability, and the core's add-ons on the cluster, need from the configuration, checked
/// with everything else before any resource.</summary>
internal static class LayerRequirements
{
    public static void Check(PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions, IPlatformConfigSource source)
    {
        var on = decisions.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var problems = new ProblemCollector();
        if (!on.Contains(CapabilityIds.Cni))
        {
            // The cluster the installation builds needs a network plugin; bringing your own is not supported.
            problems.Add(ConfigSyntax.PathSegment(PlatformConfigKeys.Capabilities.Name, CapabilityIds.Cni),
                "cni cannot be switched off: the cluster needs a network plugin (without one no pod gets a network and the " +
                "nodes stay NotReady), and on a running cluster removing it takes down all pod networking (and every " +
                "Service when Cilium replaces kube-proxy). Bringing your own CNI is not supported in this version of " +
                "Platform. Remove the override, and choose the plugin and its options with platform:cni.");
        }
        if (on.Contains(CapabilityIds.Certificates))
        {
            var certificates = settings.Certificates ?? new CertificateOptions();
            if (settings.Certificates is null)
            {
                foreach (var problem in certificates.Validate())
                    problems.Add(PlatformConfigKeys.Certificates.Name, $"{problem} The certificates capability is on; set e.g. `pulumi config set --path platform:certificates.acmeEmail platform@example.com`.");
            }
            if (certificates.LetsEncrypt && certificates.Challenge == AcmeChallenge.Dns01Rfc2136 && !source.IsSet(PlatformConfigKeys.Rfc2136TsigSecret.Name))
                problems.Add(PlatformConfigKeys.Rfc2136TsigSecret.Name, $"is required for DNS-01 through RFC 2136. Set it with `{PlatformConfigKeys.Rfc2136TsigSecret.SetCommand}`.");
            if (certificates.LetsEncrypt && certificates.Challenge == AcmeChallenge.Http01 && !on.Contains(CapabilityIds.Ingress))
                problems.Add(PlatformConfigKeys.Certificates.Name, "HTTP-01 challenges are answered through the default IngressClass, but the ingress capability is off. Switch it on, or use challenge dns01.");
        }
        if (on.Contains(CapabilityIds.ExternalDns))
        {
            if (settings.ExternalDns is not { } externalDns)
                problems.Add(PlatformConfigKeys.ExternalDns.Name, $"is required when the externalDns capability is on: set at least a provider and the zones, e.g. `{PlatformConfigKeys.ExternalDns.Example}`.");
            else if (ExternalDnsValues.CredentialKeys(externalDns.Provider).Count > 0 && !source.IsSet(PlatformConfigKeys.ExternalDnsCredentials.Name))
                problems.Add(PlatformConfigKeys.ExternalDnsCredentials.Name,
                    $"is required for {externalDns.Provider}: a secret JSON object with {string.Join(", ", ExternalDnsValues.CredentialKeys(externalDns.Provider))}. Set it with `{PlatformConfigKeys.ExternalDnsCredentials.SetCommand}`.");
        }
        if (on.Contains(CapabilityIds.ClusterMetrics) && !HardeningSwitches.Apply(settings.HardeningExceptions.Keys).KubeletServingCertificates)
        {
            // metrics-server verifies every kubelet against the cluster CA; without serving certificates from it the
            // kubelets present self-signed ones, which only --kubelet-insecure-tls would accept.
            problems.Add(ConfigSyntax.PathSegment(PlatformConfigKeys.HardeningExceptions.Name, "kubeletServingCertificates"),
                "the clusterMetrics capability is on, and metrics-server verifies each kubelet's serving certificate against the " +
                "cluster CA, which signs them only with the hardening switch kubeletServingCertificates on (kubelets present " +
                "self-signed certificates otherwise, and Platform never runs metrics-server with --kubelet-insecure-tls). " +
                "Remove the exception, or switch the capability off with `pulumi config set --path 'platform:capabilities.clusterMetrics' false` " +
                "(kubectl top and HorizontalPodAutoscalers then have no metrics).");
        }
        if (HardeningSwitches.Apply(settings.HardeningExceptions.Keys).KubeletServingCertificates)
        {
            // The core's serving-certificate approver admits the inventory's addresses only as IP prefixes; a kubelet
            // names its node's IP address in the request, and a DNS name gives none before the node runs.
            for (var i = 0; i < settings.Nodes.Count; i++)
            {
                if (ConfigSyntax.Ipv4OrNull(settings.Nodes[i].Address) is null)
                {
                    problems.Add($"{PlatformConfigKeys.Nodes.Name}[{i}].address",
                        $"'{settings.Nodes[i].Address}' is a DNS name, but kubelet serving certificates (signed by the cluster CA, " +
                        "hardening switch kubeletServingCertificates) are approved only for the IP addresses of platform:nodes: a " +
                        "kubelet's serving certificate names its node's IP address, which must be known before the node joins. " +
                        "Use the node's IPv4 address, or switch serving certificates off with a reason, e.g. `pulumi config set " +
                        "--path 'platform:hardeningExceptions.kubeletServingCertificates' 'nodes are reached by DNS name'`.");
                }
            }
        }
        problems.ThrowIfAny();
    }
}
