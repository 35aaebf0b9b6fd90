using Platform.Components.Catalog;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Yaml.V2;
using Pulumi.Kubernetes.Yaml.V2;

namespace Platform.Components.Networking;

/// <summary>How the platform installs a chart from the catalog: atomic (a failed install or upgrade rolls back), cleaned
/// up on failure, with a timeout, and with its CRDs installed the way the catalog says (<see cref="HelmChart.Crds"/>).</summary>
internal static class HelmInstall
{
    /// <summary>How long an install or upgrade may take before Helm rolls it back: 10 minutes.</summary>
    public const int TimeoutSeconds = 600;

    /// <summary>The suffix of the name of the step that applies a chart's CRD manifests
    /// (<see cref="CrdInstall.Manifests"/>): <c>&lt;release resource name&gt;-crds</c>.</summary>
    public const string CrdStepSuffix = "-crds";

    public static Release Chart(string resourceName, HelmChart chart, Input<string> ns, IReadOnlyDictionary<string, object> values,
        CustomResourceOptions options)
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

        var releaseOptions = options;
        if (chart.Crds == CrdInstall.Manifests)
        {
            // Helm installs crds/ once and never upgrades it: the release's own CRD files go first, Helm skips its copy.
            args.SkipCrds = true;
            var crds = CrdManifests(resourceName + CrdStepSuffix, chart, options);
            releaseOptions = CustomResourceOptions.Merge(options, new CustomResourceOptions { DependsOn = new Resource[] { crds } });
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
        return new Release(resourceName, args, releaseOptions);
    }

    // The chart's CRD manifests of its exact version, applied by the provider (server-side apply, waiting until each CRD
    // is established). RetainOnDelete, which the CRD objects inherit from the group as every child inherits it from its
    // parent, keeps a removed or renamed step from deleting CRDs and with them every custom resource; no Helm release
    // is involved, so no rollback can delete them either.
    private static ConfigGroup CrdManifests(string resourceName, HelmChart chart, CustomResourceOptions options)
        => new(resourceName, new ConfigGroupArgs { Files = chart.CrdManifests.ToList() }, new ComponentResourceOptions
        {
            Parent = options.Parent,
            Provider = options.Provider,
            RetainOnDelete = true,
        });
}
