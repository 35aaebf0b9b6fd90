using Platform.Components.Catalog;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Helm.V3;

namespace Platform.Components.Networking;

/// <summary>How the platform installs a chart from the catalog: atomic (a failed install or upgrade rolls back), cleaned
/// up on failure, with a timeout.</summary>
internal static class HelmInstall
{
    /// <summary>How long an install or upgrade may take before Helm rolls it back: 10 minutes.</summary>
    public const int TimeoutSeconds = 600;

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
        return new Release(resourceName, args, options);
    }
}
