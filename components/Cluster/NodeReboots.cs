using Platform.Components.Catalog;
using Platform.Components.Cluster.Reboots;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;

namespace Platform.Components.Cluster;

/// <summary>
/// Coordinated node reboots, part of the cluster's core: kured in its own platform namespace, which drains and reboots
/// the nodes that need it (a staged Flatcar update, an Ubuntu package that asks for one) one at a time across the
/// cluster, inside the configured window (<see cref="KuredValues"/>). Flatcar's own reboot manager, locksmithd, is off on
/// every node (the prepare step), so these are the only automatic reboots. Kubernetes upgrades take the same lock while
/// they drain, so an upgrade and a reboot never take nodes out together. Its pods need the pod network: create it with
/// options that order it after the network plugin.
/// </summary>
public sealed class NodeReboots : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:cluster:NodeReboots";

    /// <summary>Installs kured.</summary>
    public NodeReboots(string name, NodeRebootsArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = args.Metrics is null ? KuredValues.Render(args.Options) : HelmValues.Merge(KuredValues.Render(args.Options), KuredValues.Monitoring());

        // kured runs a privileged container with the host's PID namespace (to nsenter the host's mount namespace for
        // the sentinel check and the reboot): Pod Security "privileged". It talks to the API server only, at the
        // address Kubernetes puts into its environment, so it needs no DNS.
        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = KuredValues.Namespace,
            Enforce = PodSecurityLevel.Privileged,
            AllowDns = false,
            Allowances = [NetworkAllowance.ToApiServer()],
            MetricsPorts = [(KuredValues.MetricsPort, "TCP")],
        }, new ComponentResourceOptions { Parent = this });
        Release = HelmInstall.Chart($"{name}-kured", HelmCharts.Kured, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = args.Metrics is null ? [] : [args.Metrics.CrdsReady] });
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = ns.NamespaceName,
            ["lock"] = $"{KuredValues.Namespace}/daemonset/{KuredValues.DaemonSetName}:{KuredValues.LockAnnotation}",
        });
    }

    /// <summary>kured's Helm release.</summary>
    public Release Release { get; }
}
