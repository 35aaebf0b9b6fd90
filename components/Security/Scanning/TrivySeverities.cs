namespace Platform.Components.Security.Scanning;

/// <summary>The vulnerability severities Trivy knows (its <c>--severity</c> values), from the least to the most severe.</summary>
public static class TrivySeverities
{
    /// <summary>Every severity, in Trivy's order: UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL.</summary>
    public static IReadOnlyList<string> All { get; } = ["UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"];

    /// <summary>The severities the Trivy operator reports by default: every one, so the reports show the whole picture
    /// and the metrics can be filtered by severity.</summary>
    public static IReadOnlyList<string> Default => All;

    /// <summary>The severities Harbor can refuse pulls at (a project's <c>severity</c> metadata: an image with a
    /// vulnerability of this severity or worse is not pulled), in Harbor's spelling.</summary>
    public static IReadOnlyList<string> HarborPrevention { get; } = ["low", "medium", "high", "critical"];
}
