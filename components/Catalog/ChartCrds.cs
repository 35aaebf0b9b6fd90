using System.Collections.Frozen;
using System.Text;

namespace Platform.Components.Catalog;

/// <summary>The CRD files of the charts whose CRDs the platform registers itself (<see cref="CrdInstall.Manifests"/>):
/// the files of each chart's <c>crds/</c> folder at exactly its pinned version, vendored in
/// <c>components/Catalog/Crds/&lt;chart&gt;-&lt;version&gt;/</c> and embedded in Platform.Components, so an update
/// or preview reads them from the program and never from the network. A test keeps each folder equal to the chart's
/// reference data of its version (<c>shared/charts/&lt;chart&gt;/&lt;version&gt;/crds/</c>).</summary>
public static class ChartCrds
{
    /// <summary>The prefix of the embedded resources' names; the rest is <c>&lt;folder&gt;/&lt;file&gt;</c>.</summary>
    private const string ResourcePrefix = "Platform.Components.Catalog.Crds/";

    private static readonly Lazy<FrozenDictionary<string, IReadOnlyList<CrdManifest>>> Embedded = new(Load);

    /// <summary>Every vendored folder (<c>&lt;chart&gt;-&lt;version&gt;</c>), in ordinal order.</summary>
    public static IReadOnlyList<string> Folders => [.. Embedded.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The CRDs of <paramref name="chart"/>'s pinned version, from its <see cref="HelmChart.CrdManifests"/>
    /// folder, in ordinal order of their file names.</summary>
    /// <exception cref="InvalidOperationException">The chart names no folder, or the folder is not embedded.</exception>
    public static IReadOnlyList<CrdManifest> Of(HelmChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var folder = chart.CrdManifests
            ?? throw new InvalidOperationException($"The chart {chart.Name} {chart.Version} names no vendored CRD folder ({nameof(HelmChart.CrdManifests)}).");
        return InFolder(folder);
    }

    /// <summary>The CRDs vendored in <paramref name="folder"/> (<c>&lt;chart&gt;-&lt;version&gt;</c>), in ordinal order of
    /// their file names.</summary>
    /// <exception cref="InvalidOperationException">No such folder is embedded.</exception>
    public static IReadOnlyList<CrdManifest> InFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Embedded.Value.TryGetValue(folder, out var crds)
            ? crds
            : throw new InvalidOperationException(
                $"No CRD files are vendored for '{folder}' (components/Catalog/Crds/{folder}/); vendored: {string.Join(", ", Folders)}.");
    }

    private static FrozenDictionary<string, IReadOnlyList<CrdManifest>> Load()
    {
        var assembly = typeof(ChartCrds).Assembly;
        var files = new List<CrdManifest>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var path = resource.Replace('\\', '/');
            if (!path.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            var parts = path[ResourcePrefix.Length..].Split('/');
            if (parts.Length != 2)
                throw new InvalidOperationException($"The embedded CRD file '{resource}' is not in a <chart>-<version> folder of its own.");
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded CRD file '{resource}' cannot be read.");
            using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
            files.Add(Parse(parts[0], parts[1], reader.ReadToEnd()));
        }
        return files.GroupBy(crd => crd.Folder, StringComparer.Ordinal).ToFrozenDictionary(
            group => group.Key,
            IReadOnlyList<CrdManifest> (group) => [.. group.OrderBy(crd => crd.FileName, StringComparer.Ordinal)],
            StringComparer.Ordinal);
    }

    /// <summary>Reads one vendored file and checks it is one CustomResourceDefinition named after its file.</summary>
    internal static CrdManifest Parse(string folder, string fileName, string text)
    {
        var source = $"components/Catalog/Crds/{folder}/{fileName}";
        var document = CrdYaml.Read(text, source);
        var unexpected = document.Keys.Except(["apiVersion", "kind", "metadata", "spec"], StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            throw new InvalidDataException($"{source}: unexpected top-level fields {string.Join(", ", unexpected)} (a CRD file holds apiVersion, kind, metadata and spec).");
        if (document.GetValueOrDefault("apiVersion") as string != CrdManifest.ApiVersion || document.GetValueOrDefault("kind") as string != CrdManifest.Kind)
            throw new InvalidDataException($"{source}: not an {CrdManifest.ApiVersion} {CrdManifest.Kind}.");
        var metadata = document.GetValueOrDefault("metadata") as IReadOnlyDictionary<string, object>
            ?? throw new InvalidDataException($"{source}: no metadata.");
        var extra = metadata.Keys.Except(["name", "annotations", "labels"], StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
            throw new InvalidDataException($"{source}: unexpected metadata fields {string.Join(", ", extra)} (a CRD file's metadata holds name, annotations and labels).");
        var name = metadata.GetValueOrDefault("name") as string
            ?? throw new InvalidDataException($"{source}: no metadata.name.");
        if (fileName != name + ".yaml")
            throw new InvalidDataException($"{source}: the file of the CRD {name} is named {name}.yaml.");
        var spec = document.GetValueOrDefault("spec") as IReadOnlyDictionary<string, object>
            ?? throw new InvalidDataException($"{source}: no spec.");
        return new CrdManifest(folder, fileName, text, name, Strings(metadata, "annotations", source), Strings(metadata, "labels", source), spec);
    }

    private static IReadOnlyDictionary<string, string>? Strings(IReadOnlyDictionary<string, object> metadata, string field, string source)
    {
        if (!metadata.TryGetValue(field, out var value)) return null;
        if (value is not IReadOnlyDictionary<string, object> map || map.Values.Any(v => v is not string))
            throw new InvalidDataException($"{source}: metadata.{field} is not a map of strings.");
        return map.ToDictionary(kv => kv.Key, kv => (string)kv.Value, StringComparer.Ordinal).AsReadOnly();
    }
}
