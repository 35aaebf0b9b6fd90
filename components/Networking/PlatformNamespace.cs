using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Networking.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;

namespace Platform.Components.Networking;

/// <summary>
/// The mechanism every platform namespace uses: the namespace with Pod Security labels (the given level enforced,
/// restricted audited and warned), a default-deny NetworkPolicy for all its pods in both directions, one policy
/// per declared allowance (DNS to kube-dns unless switched off), and one that lets the monitoring namespace scrape the
/// declared metrics ports. Works with any CNI that implements NetworkPolicy
/// (Cilium and Calico both do).
/// </summary>
public sealed class PlatformNamespace : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:networking:PlatformNamespace";

    /// <summary>The namespace the monitoring layer runs Prometheus in; every platform namespace lets it scrape the
    /// metrics ports it declares (<see cref="PlatformNamespaceArgs.MetricsPorts"/>).</summary>
    public const string MonitoringNamespace = "monitoring";

    /// <summary>Creates the namespace and its policies.</summary>
    public PlatformNamespace(string name, PlatformNamespaceArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Allowances.Select(a => a.Problem()).OfType<string>().ToList();
        if (args.Allowances.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != args.Allowances.Count)
            problems.Add("allowance names must be unique");
        if (args.MetricsPorts.Any(p => p.Port is < 1 or > 65535 || p.Protocol is not ("TCP" or "UDP" or "SCTP")))
            problems.Add("metrics ports must be 1-65535 over TCP, UDP or SCTP");
        var level = args.Enforce.ToString().ToLowerInvariant();
        var labels = new Dictionary<string, string>
        {
            ["pod-security.kubernetes.io/enforce"] = level,
            ["pod-security.kubernetes.io/enforce-version"] = "latest",
            ["pod-security.kubernetes.io/audit"] = "restricted",
            ["pod-security.kubernetes.io/warn"] = "restricted",
            ["app.kubernetes.io/managed-by"] = "platform",
        };
        foreach (var (key, value) in args.Labels)
        {
            if (!labels.TryAdd(key, value))
                problems.Add($"label {key} is the platform's own");
        }
        if (problems.Count > 0)
            throw new ArgumentException($"Namespace {args.Name}: {string.Join("; ", problems)}.", nameof(args));

        var metadata = new ObjectMetaArgs { Name = args.Name, Labels = labels };
        if (args.Annotations.Count > 0)
            metadata.Annotations = args.Annotations.ToDictionary(kv => kv.Key, kv => kv.Value);
        Namespace = new Namespace(name, new NamespaceArgs { Metadata = metadata },
            new CustomResourceOptions { Parent = this, Protect = args.Protect, RetainOnDelete = args.RetainOnDelete });
        NamespaceName = Namespace.Metadata.Apply(m => m.Name);

        Policy($"{name}-default-deny", "default-deny", new NetworkPolicySpecArgs
        {
            PodSelector = new LabelSelectorArgs(),
            PolicyTypes = { "Ingress", "Egress" },
        });
        if (args.AllowDns)
        {
            Policy($"{name}-allow-dns", "allow-dns", new NetworkPolicySpecArgs
            {
                PodSelector = new LabelSelectorArgs(),
                PolicyTypes = { "Egress" },
                Egress =
                {
                    new NetworkPolicyEgressRuleArgs
                    {
                        To = { Peer(new NetworkAllowance { Name = "dns", Direction = TrafficDirection.Egress, Namespace = "kube-system",
                            PodLabels = new Dictionary<string, string> { ["k8s-app"] = "kube-dns" } }) },
                        Ports = { Port(53, "UDP"), Port(53, "TCP") },
                    },
                },
            });
        }
        foreach (var allowance in args.Allowances)
            Policy($"{name}-{allowance.Name}", allowance.Name, Spec(allowance));
        if (args.MetricsPorts.Count > 0)
        {
            // Present from the start: once the monitoring layer is on, Prometheus can scrape without a change here.
            var metrics = new NetworkAllowance
            {
                Name = "allow-metrics-from-monitoring",
                Direction = TrafficDirection.Ingress,
                Namespace = MonitoringNamespace,
                Ports = args.MetricsPorts,
            };
            Policy($"{name}-{metrics.Name}", metrics.Name, Spec(metrics));
        }

        RegisterOutputs(new Dictionary<string, object?> { ["name"] = NamespaceName });
    }

    /// <summary>The namespace resource.</summary>
    public Namespace Namespace { get; }

    /// <summary>The namespace's name, known once it exists (depend on it to order objects after the namespace).</summary>
    public Output<string> NamespaceName { get; }

    private void Policy(string resourceName, string policyName, NetworkPolicySpecArgs spec)
        => _ = new NetworkPolicy(resourceName, new NetworkPolicyArgs
        {
            Metadata = new ObjectMetaArgs { Name = policyName, Namespace = NamespaceName },
            Spec = spec,
        }, new CustomResourceOptions { Parent = this });

    private static NetworkPolicySpecArgs Spec(NetworkAllowance allowance)
    {
        var ports = allowance.Ports.Select(p => Port(p.Port, p.Protocol))
            .Concat(allowance.PortRanges.Select(r => new NetworkPolicyPortArgs { Port = r.First, EndPort = r.Last, Protocol = r.Protocol })).ToArray();
        var spec = new NetworkPolicySpecArgs { PodSelector = new LabelSelectorArgs() };
        if (allowance.Direction == TrafficDirection.Ingress)
        {
            spec.PolicyTypes = new[] { "Ingress" };
            var rule = new NetworkPolicyIngressRuleArgs { Ports = ports };
            if (!allowance.AnyPeer) rule.From = new[] { Peer(allowance) };
            spec.Ingress = new[] { rule };
        }
        else
        {
            spec.PolicyTypes = new[] { "Egress" };
            var rule = new NetworkPolicyEgressRuleArgs { Ports = ports };
            if (!allowance.AnyPeer) rule.To = new[] { Peer(allowance) };
            spec.Egress = new[] { rule };
        }
        return spec;
    }

    private static NetworkPolicyPeerArgs Peer(NetworkAllowance allowance)
    {
        if (allowance.Cidr is { } cidr)
            return new NetworkPolicyPeerArgs { IpBlock = new IPBlockArgs { Cidr = cidr } };
        if (allowance.AnyNamespace)
            return new NetworkPolicyPeerArgs { NamespaceSelector = new LabelSelectorArgs() };
        var peer = new NetworkPolicyPeerArgs
        {
            NamespaceSelector = new LabelSelectorArgs { MatchLabels = { { "kubernetes.io/metadata.name", allowance.Namespace! } } },
        };
        if (allowance.PodLabels.Count > 0)
            peer.PodSelector = new LabelSelectorArgs { MatchLabels = allowance.PodLabels.ToDictionary(kv => kv.Key, kv => kv.Value) };
        return peer;
    }

    private static NetworkPolicyPortArgs Port(int port, string protocol) => new() { Port = port, Protocol = protocol };
}
