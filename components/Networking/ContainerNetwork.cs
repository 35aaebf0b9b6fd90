using Platform.Components.Catalog;
using Platform.Components.Networking.Cni;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;

namespace Platform.Components.Networking;

/// <summary>
/// The cluster's network plugin (capability <c>cni</c>): Cilium by default (kube-system), or Calico through the
/// Tigera operator (its own namespace, after Calico's CRDs chart). Both enforce NetworkPolicy; WireGuard encryption is
/// switchable, of all traffic with Cilium or of pod traffic with Calico. Give the cluster's Kubernetes provider through
/// the options' Providers.
/// </summary>
public sealed class ContainerNetwork : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:networking:ContainerNetwork";

    /// <summary>Installs the plugin.</summary>
    public ContainerNetwork(string name, ContainerNetworkArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"CNI options: {string.Join(" ", problems)}", nameof(args));

        if (args.Options.Plugin == CniPlugin.Cilium)
        {
            var values = HelmValues.Merge(CiliumValues.Render(args.Options, args.Cluster), args.ExtraCiliumValues);
            if (args.Metrics != null) values = HelmValues.Merge(values, CiliumValues.Monitoring(args.Options.Hubble));
            Release = HelmInstall.Chart($"{name}-cilium", HelmCharts.Cilium, "kube-system", values, new CustomResourceOptions
            {
                Parent = this,
                DependsOn = args.Metrics is null ? args.InstallAfter.ToArray() : args.InstallAfter.Append(args.Metrics.CrdsReady).ToArray(),
            });
        }
        else
        {
            var operatorNamespace = new PlatformNamespace($"{name}-tigera-operator", new PlatformNamespaceArgs
            {
                Name = "tigera-operator",
                // The operator runs on the host network to install the CNI before pods can have a network at all.
                Enforce = PodSecurityLevel.Privileged,
            }, new ComponentResourceOptions { Parent = this });
            // From Calico 3.32 the operator chart carries no CRDs, yet renders an Installation and a FelixConfiguration:
            // the CRDs chart of the same version goes first.
            var crds = HelmInstall.Chart($"{name}-calico-crds", HelmCharts.CalicoCrds, operatorNamespace.NamespaceName,
                new Dictionary<string, object>(), new CustomResourceOptions { Parent = this, DependsOn = args.InstallAfter.ToArray() });
            Release = HelmInstall.Chart($"{name}-calico", HelmCharts.TigeraOperator, operatorNamespace.NamespaceName,
                args.Metrics is null ? CalicoValues.Render(args.Options, args.Cluster)
                    : HelmValues.Merge(CalicoValues.Render(args.Options, args.Cluster), CalicoValues.Monitoring()),
                new CustomResourceOptions { Parent = this, DependsOn = args.InstallAfter.Append(crds).ToArray() });
        }

        RegisterOutputs(new Dictionary<string, object?> { ["plugin"] = args.Options.Plugin.ToString(), ["status"] = Release.Status.Apply(s => s.Status) });
    }

    /// <summary>The plugin's Helm release; layers that need pod networking can depend on it.</summary>
    public Release Release { get; }
}
