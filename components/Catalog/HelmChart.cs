namespace Platform.Components.Catalog;

/// <summary>One pinned Helm chart: what a <c>Helm.V3.Release</c> installs. Every instance lives in
/// <see cref="HelmCharts"/>, so upgrading third-party software is a one-line diff there.</summary>
public sealed record HelmChart
{
    /// <summary>The chart's name inside its repository, e.g. <c>cilium</c>. Required.</summary>
    public required string Name { get; init; }

    /// <summary>The https URL of the chart repository (the directory that serves <c>index.yaml</c>). Required.</summary>
    public required string Repository { get; init; }

    /// <summary>Whether the chart lives in an OCI registry (<c>oci://</c>): then the chart reference is
    /// <c>&lt;Repository&gt;/&lt;Name&gt;</c> and there is no repository index.</summary>
    public bool IsOci => Repository.StartsWith("oci://", StringComparison.Ordinal);

    /// <summary>The exact chart version, written as the repository publishes it (no ranges, never "latest").
    /// Required.</summary>
    public required string Version { get; init; }

    /// <summary>How the chart's CRDs are installed and upgraded with it. Required, so every entry of the catalog says
    /// it.</summary>
    public required CrdInstall Crds { get; init; }

    /// <summary>With <see cref="CrdInstall.FromCrdChart"/>: the catalog chart that carries this chart's CRDs (itself
    /// <see cref="CrdInstall.CrdChart"/>), installed before this one. Null otherwise.</summary>
    public HelmChart? CrdChart { get; init; }

    /// <summary>With <see cref="CrdInstall.Templates"/>: the dotted values path of the boolean that renders the chart's
    /// CRD templates (e.g. <c>crds.enabled</c>); the platform's values set it to true rather than leave it to the
    /// chart's default. Null otherwise.</summary>
    public string? CrdValuesSwitch { get; init; }

    /// <summary>With <see cref="CrdInstall.Manifests"/>: the folder of <c>components/Catalog/Crds</c> that holds the
    /// chart's <c>crds/</c> files of exactly this version (what <c>helm show crds</c> prints for it), named
    /// <c>&lt;chart&gt;-&lt;version&gt;</c> (e.g. <c>traefik-41.3.0</c>) and embedded in Platform.Components
    /// (<see cref="ChartCrds"/>); each CRD in it is registered as a resource of its own before the chart. Null
    /// otherwise.</summary>
    public string? CrdManifests { get; init; }
}
