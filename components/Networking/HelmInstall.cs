using Platform.Components.Catalog;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Platform.Components.Networking;

/// <summary>How the platform installs a chart from the catalog: atomic (a failed install or upgrade rolls back), cleaned
/// up on failure, with a timeout, and with its CRDs installed the way the catalog says (<see cref="HelmChart.Crds"/>).</summary>
internal static class HelmInstall
{
    /// <summary>How long an install or upgrade may take before Helm rolls it back: 10 minutes.</summary>
    public const int TimeoutSeconds = 600;

    /// <summary>What joins the release's resource name and a CRD's name in the name of the CRD's resource
    /// (<see cref="CrdInstall.Manifests"/>): <c>&lt;release resource name&gt;-crd-&lt;CRD name&gt;</c>.</summary>
    public const string CrdResourceInfix = "-crd-";

    /// <summary>The resource name of the CRD <paramref name="crdName"/> that the release
    /// <paramref name="releaseResourceName"/> installs first.</summary>
    public static string CrdResourceName(string releaseResourceName, string crdName) => releaseResourceName + CrdResourceInfix + crdName;

    /// <summary>The release of <paramref name="chart"/>. <paramref name="holdsData"/>: the release holds objects whose
    /// deletion deletes data (a CephCluster and its pools), so it is installed without atomic rollback or clean-up on
    /// failure (either may delete what the failed attempt touched, the rollback of a first install uninstalls it all),
    /// protected (Pulumi refuses to delete or replace it) and kept on delete (even unprotected, Pulumi never runs helm
    /// uninstall on it). <paramref name="skipAwait"/>: Pulumi does not wait for the release's pods to become ready, for
    /// a release whose pods are ready only after a later step (a Vault server once initialised and unsealed).</summary>
    public static Release Chart(string resourceName, HelmChart chart, Input<string> ns, IReadOnlyDictionary<string, object> values,
        CustomResourceOptions options, bool holdsData = false, bool skipAwait = false)
    {
        var args = new ReleaseArgs
        {
            Name = chart.Name,
            // An OCI chart is addressed by its full reference; a chart repository by name plus the repository's index.
            Chart = chart.IsOci ? $"{chart.Repository}/{chart.Name}" : chart.Name,
            Version = chart.Version,
            Namespace = ns,
            Values = values.ToDictionary(kv => kv.Key, kv => kv.Value),
            Atomic = true,
            CleanupOnFail = true,
            Timeout = TimeoutSeconds,
        };
        if (!chart.IsOci) args.RepositoryOpts = new RepositoryOptsArgs { Repo = chart.Repository };
        if (skipAwait) args.SkipAwait = true;

        var releaseOptions = options;
        if (chart.Crds == CrdInstall.Manifests)
        {
            // Helm installs crds/ once and never upgrades it: the release's own CRD files go first, Helm skips its copy.
            args.SkipCrds = true;
            var crds = ChartCrds.Of(chart).Select(crd => Crd(resourceName, crd, options)).ToArray<Resource>();
            releaseOptions = CustomResourceOptions.Merge(options, new CustomResourceOptions { DependsOn = crds });
        }
        else if (chart.Crds == CrdInstall.CrdChart)
        {
            // A release of nothing but CRDs must never delete them: deleting a CRD deletes every custom resource of its
            // kind (every IPPool, every Mapping, ...). An atomic install that fails uninstalls the release, CRDs it took
            // over included, and clean-up on failure deletes what a failed upgrade created; without them a failed
            // install or upgrade leaves the CRDs as they are and the next update retries. RetainOnDelete keeps Pulumi
            // from running helm uninstall when the release leaves the stack or is replaced; removing the CRDs is then a
            // deliberate kubectl step.
            args.Atomic = false;
            args.CleanupOnFail = false;
            releaseOptions = CustomResourceOptions.Merge(options, new CustomResourceOptions { RetainOnDelete = true });
        }
        if (holdsData)
        {
            args.Atomic = false;
            args.CleanupOnFail = false;
            releaseOptions = CustomResourceOptions.Merge(releaseOptions, new CustomResourceOptions { Protect = true, RetainOnDelete = true });
        }
        return new Release(resourceName, args, releaseOptions);
    }

    // One CRD of the chart's exact version, registered by this program (server-side apply, waiting until the CRD is
    // established). RetainOnDelete sits on the CRD resource itself, so Pulumi never deletes the CRD, and with it every
    // custom resource of its kind: not when the controller leaves the configuration, not when a newer release drops the
    // CRD or the resource is renamed. No Helm release holds it, so no rollback or uninstall can delete it either.
    // GatewayApiCrds registers the cluster's shared Gateway API CRDs the same way.
    internal static Pulumi.Kubernetes.ApiExtensions.CustomResource Crd(string releaseResourceName, CrdManifest crd, CustomResourceOptions options)
    {
        var metadata = new ObjectMetaArgs { Name = crd.Name };
        if (crd.Annotations is { } annotations) metadata.Annotations = annotations.ToDictionary(kv => kv.Key, kv => kv.Value);
        if (crd.Labels is { } labels) metadata.Labels = labels.ToDictionary(kv => kv.Key, kv => kv.Value);
        var crdOptions = new CustomResourceOptions { Parent = options.Parent, Provider = options.Provider, RetainOnDelete = true };
        return new Pulumi.Kubernetes.ApiExtensions.CustomResource(CrdResourceName(releaseResourceName, crd.Name), new CustomObjectArgs(CrdManifest.ApiVersion, CrdManifest.Kind)
        {
            Metadata = metadata,
            Spec = crd.Spec.ToDictionary(kv => kv.Key, kv => kv.Value),
        }, crdOptions);
    }
}
