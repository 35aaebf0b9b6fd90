namespace Platform.Components.Security.Scanning;

/// <summary>Which registry the image-scanning capability deploys beside the Trivy operator
/// (<c>platform:imageScanning.registry</c>).</summary>
public enum ImageRegistry
{
    /// <summary>No registry: the Trivy operator scans the images the workloads run, wherever they come from.</summary>
    None,

    /// <summary>Harbor with its built-in Trivy scanner (<see cref="HarborOptions"/>).</summary>
    Harbor,
}
