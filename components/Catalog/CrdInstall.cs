namespace Platform.Components.Catalog;

/// <summary>How a chart's CustomResourceDefinitions reach the cluster and stay current. Helm installs the files of a
/// chart's <c>crds/</c> folder on the first install only and never upgrades them, so no chart of the catalog relies on
/// that folder: each says in <see cref="HelmChart.Crds"/> which of these paths it takes, and
/// <c>HelmInstall</c> (components/Networking) registers its release accordingly.</summary>
public enum CrdInstall
{
    /// <summary>The chart ships no CRDs (no <c>crds/</c> folder, no CRD templates).</summary>
    None,

    /// <summary>The chart ships no CRDs: the software registers and upgrades its own CRDs when it starts (Cilium's
    /// operator). Objects of those kinds wait for the release.</summary>
    Operator,

    /// <summary>The CRDs are ordinary templates of the chart or of a subchart it vendors, switched on by
    /// <see cref="HelmChart.CrdValuesSwitch"/> (which the platform's values set to true): every upgrade of the release
    /// upgrades them. Objects of those kinds wait for the release.</summary>
    Templates,

    /// <summary>The chart holds nothing but CRD templates, for another chart of the catalog that names it as its
    /// <see cref="HelmChart.CrdChart"/>: every upgrade of this release upgrades them. Installed with settings that can
    /// never delete a CRD (no atomic rollback, no clean-up on failure, the release kept when it leaves the stack),
    /// because deleting a CRD deletes every custom resource of its kind.</summary>
    CrdChart,

    /// <summary>The chart ships no CRDs: they come from <see cref="HelmChart.CrdChart"/>, a chart of its own of the same
    /// release, installed first; this chart's release waits for it.</summary>
    FromCrdChart,

    /// <summary>The chart ships no CRDs as files: a Helm hook Job of the chart (on install and before every upgrade)
    /// creates or updates them from the controller image of the same release. They are not part of the release's
    /// manifest, so Helm never deletes them.</summary>
    HookJob,

    /// <summary>The chart ships its CRDs in <c>crds/</c>, which Helm never upgrades, and publishes no CRD chart for this
    /// version: the same files of the same release, vendored in the repository (<see cref="HelmChart.CrdManifests"/>,
    /// <see cref="ChartCrds"/>), are registered by the program itself, one Pulumi resource per CRD, before the chart,
    /// and the chart is installed with <c>skipCrds</c>; the release waits for every one of them. Each CRD resource is
    /// kept when it leaves the stack (<c>RetainOnDelete</c> on the resource itself: deleting a CRD deletes every custom
    /// resource of its kind), so removing the controller, or a CRD that a newer release drops, leaves the CRDs and
    /// their objects in the cluster.</summary>
    Manifests,
}
