using Platform.Components.Catalog;
using Platform.Components.Cluster.ServingCertificates;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;

namespace Platform.Components.Cluster;

/// <summary>
/// The approver of kubelet serving certificates, part of the cluster's core whenever kubelets request them from the
/// cluster CA (kubelet <c>serverTLSBootstrap</c>): kubelet-csr-approver in its own platform namespace, approving the
/// first certificate of every node and every renewal, for the inventory's node names and IP addresses only, and denying
/// every other <c>kubernetes.io/kubelet-serving</c> request (<see cref="KubeletCsrApproverValues"/>). Its pods need the
/// pod network: create it with options that order it after the network plugin.
/// </summary>
public sealed class KubeletServingCertificateApprover : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:KubeletServingCertificateApprover";

    /// <summary>The namespace the approver runs in.</summary>
    public const string Namespace = "kubelet-csr-approver";

    /// <summary>Installs the approver.</summary>
    public KubeletServingCertificateApprover(string name, KubeletServingCertificateApproverArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = args.Metrics is null ? KubeletCsrApproverValues.Render(args)
            : HelmValues.Merge(KubeletCsrApproverValues.Render(args), KubeletCsrApproverValues.Monitoring());

        // It talks to the API server only: with DNS resolution bypassed it resolves no name, and it reaches the API
        // server at the address Kubernetes puts into its environment, so it needs no DNS either.
        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            AllowDns = false,
            Allowances = [NetworkAllowance.ToApiServer()],
            MetricsPorts = KubeletCsrApproverValues.MetricsPorts,
        }, new ComponentResourceOptions { Parent = this });
        Release = HelmInstall.Chart($"{name}-kubelet-csr-approver", HelmCharts.KubeletCsrApprover, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = args.Metrics is null ? [] : [args.Metrics.CrdsReady] });
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["providerRegex"] = values["providerRegex"],
            ["providerIpPrefixes"] = ((object[])values["providerIpPrefixes"]).Cast<string>().ToList(),
        });
    }

    /// <summary>kubelet-csr-approver's Helm release.</summary>
    public Release Release { get; }
}
