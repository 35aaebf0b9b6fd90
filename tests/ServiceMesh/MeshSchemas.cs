using System.Collections;
using System.Collections.Immutable;
using Platform.Tests.Backup;
using Platform.Tests.Harness;

namespace Platform.Tests.ServiceMesh;

/// <summary>Custom resources as the mocks receive them, checked against their CRDs' schemas in the reference data.</summary>
internal static class MeshSchemas
{
    public static string Crds(string chart, string version) => Path.Combine(RepoRoot.Path, "..", "shared", "charts", chart, version, "crds");

    /// <summary>A wire value (immutable maps and arrays, numbers as doubles) as the schema walker reads trees
    /// (dictionaries, object[], int).</summary>
    public static object Plain(object value) => value switch
    {
        IReadOnlyDictionary<string, object> map => map.ToDictionary(kv => kv.Key, kv => Plain(kv.Value)),
        ImmutableArray<object> list => list.Select(Plain).ToArray(),
        object[] list => list.Select(Plain).ToArray(),
        double d when d == Math.Floor(d) => (int)d,
        _ => value,
    };

    /// <summary>The errors of <paramref name="spec"/> (as registered) against <paramref name="crd"/>'s served
    /// <paramref name="version"/> in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Errors(string folder, string crd, string version, object spec) =>
        VeleroChart.SpecErrors(folder, crd, version, Plain(spec));
}
