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
}
