namespace Platform.Components.Catalog;

/// <summary>One CustomResourceDefinition of a chart's <c>crds/</c> folder, as vendored in
/// <c>components/Catalog/Crds/&lt;chart&gt;-&lt;version&gt;/</c> (see <see cref="ChartCrds"/>), read from its file.
/// Every file holds exactly one <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition with <c>metadata</c> (its name
/// and, as the chart has them, annotations and labels) and <c>spec</c>, and is named after the CRD
/// (<c>&lt;metadata.name&gt;.yaml</c>).</summary>
public sealed class CrdManifest
{
    /// <summary>The apiVersion of every vendored CRD.</summary>
    public const string ApiVersion = "apiextensions.k8s.io/v1";

    /// <summary>The kind of every vendored CRD.</summary>
    public const string Kind = "CustomResourceDefinition";

    internal CrdManifest(string folder, string fileName, string text, string name, IReadOnlyDictionary<string, string>? annotations,
        IReadOnlyDictionary<string, string>? labels, IReadOnlyDictionary<string, object> spec)
    {
        Folder = folder;
        FileName = fileName;
        Text = text;
        Name = name;
        Annotations = annotations;
        Labels = labels;
        Spec = spec;
    }

    /// <summary>The vendored folder, <c>&lt;chart&gt;-&lt;version&gt;</c> (<see cref="HelmChart.CrdManifests"/>).</summary>
    public string Folder { get; }

    /// <summary>The file's name in the folder, <c>&lt;metadata.name&gt;.yaml</c>.</summary>
    public string FileName { get; }

    /// <summary>The file's text, exactly as vendored.</summary>
    public string Text { get; }

    /// <summary>The CRD's <c>metadata.name</c> (<c>&lt;plural&gt;.&lt;group&gt;</c>).</summary>
    public string Name { get; }

    /// <summary>The CRD's <c>metadata.annotations</c>, or null when the file has none.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; }

    /// <summary>The CRD's <c>metadata.labels</c>, or null when the file has none.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; }

    /// <summary>The CRD's <c>spec</c>, read-only: maps of string to object, lists, strings, booleans, <see cref="int"/>
    /// and <see cref="double"/> numbers, as YAML 1.2 types the file's plain scalars (the file uses none that a YAML 1.1
    /// reader types differently).</summary>
    public IReadOnlyDictionary<string, object> Spec { get; }
}
