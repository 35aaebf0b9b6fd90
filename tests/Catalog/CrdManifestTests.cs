using System.Text;
using System.Text.Json.Nodes;
using Platform.Components.Catalog;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Catalog;

/// <summary>The CRD files vendored in <c>components/Catalog/Crds</c> are exactly the <c>crds/</c> folder of each pinned
/// chart version (the reference data in <c>shared/charts/&lt;chart&gt;/&lt;version&gt;/crds/</c>), are embedded as they
/// are, and are read into resource inputs exactly as Kubernetes' own YAML reader reads the files.</summary>
public class CrdManifestTests
{
    private static readonly string VendoredRoot = Path.Combine(RepoRoot.Path, "components", "Catalog", "Crds");

    private static IEnumerable<HelmChart> WithVendoredCrds => HelmCharts.All.Where(chart => chart.Crds == CrdInstall.Manifests);

    public static TheoryData<string> Charts() => [.. WithVendoredCrds.Select(chart => chart.Name)];

    private static HelmChart Chart(string name) => WithVendoredCrds.Single(chart => chart.Name == name);

    private static string SharedCrds(HelmChart chart) => Path.Combine(RepoRoot.Path, "..", "shared", "charts", chart.Name, chart.Version, "crds");

    private static List<string> YamlFiles(string folder) =>
        [.. Directory.GetFiles(folder, "*.yaml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    // The upstream files start with a document marker the reference data leaves out; neither matters to a reader.
    private static byte[] Normalized(byte[] bytes)
    {
        var text = bytes.AsSpan();
        if (text.StartsWith("---\n"u8)) text = text[4..];
        return text.TrimEnd((byte)'\n').ToArray();
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void Vendored_files_are_the_reference_crds_of_the_pinned_version_byte_for_byte(string name)
    {
        var chart = Chart(name);
        var shared = SharedCrds(chart);
        var vendored = Path.Combine(VendoredRoot, chart.CrdManifests!);
        Assert.True(Directory.Exists(shared), $"no reference CRDs for {chart.Name} {chart.Version} at {shared}");
        Assert.True(Directory.Exists(vendored), $"no vendored CRDs for {chart.Name} {chart.Version} at {vendored}");

        Assert.Equal(YamlFiles(shared), YamlFiles(vendored));
        foreach (var file in YamlFiles(shared))
        {
            var expected = Normalized(File.ReadAllBytes(Path.Combine(shared, file)));
            var actual = Normalized(File.ReadAllBytes(Path.Combine(vendored, file)));
            var at = expected.AsSpan().CommonPrefixLength(actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"{chart.CrdManifests}/{file} differs from {chart.Name} {chart.Version}'s crds/{file} at byte {at}: refresh it from the reference data");
        }
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void The_embedded_crds_are_the_vendored_files(string name)
    {
        var chart = Chart(name);
        var vendored = Path.Combine(VendoredRoot, chart.CrdManifests!);
        var crds = ChartCrds.Of(chart);

        Assert.Equal(YamlFiles(vendored), crds.Select(crd => crd.FileName));
        Assert.All(crds, crd => Assert.Equal(File.ReadAllText(Path.Combine(vendored, crd.FileName), Encoding.UTF8), crd.Text));
        Assert.All(crds, crd => Assert.Equal(chart.CrdManifests, crd.Folder));
    }

    [Fact]
    public void Every_vendored_folder_belongs_to_a_pinned_chart()
    {
        // The charts' folders and the cluster's Gateway API bundle (GatewayApiCrdsTests checks its files).
        var pinned = WithVendoredCrds.Select(chart => chart.CrdManifests!).Append(GatewayApi.CrdFolder).Order(StringComparer.Ordinal).ToList();

        // A folder left behind by a version bump is neither embedded nor kept.
        Assert.Equal(pinned, Directory.GetDirectories(VendoredRoot).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal));
        Assert.Equal(pinned, ChartCrds.Folders);
        Assert.Empty(Directory.GetFiles(VendoredRoot));
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void Each_crd_reads_as_kubernetes_reads_its_file(string name)
    {
        foreach (var crd in ChartCrds.Of(Chart(name)))
        {
            var metadata = new JsonObject { ["name"] = crd.Name };
            if (crd.Annotations is { } annotations) metadata["annotations"] = Json(annotations.ToDictionary(kv => kv.Key, object (kv) => kv.Value));
            if (crd.Labels is { } labels) metadata["labels"] = Json(labels.ToDictionary(kv => kv.Key, object (kv) => kv.Value));
            var read = new JsonObject
            {
                ["apiVersion"] = CrdManifest.ApiVersion,
                ["kind"] = CrdManifest.Kind,
                ["metadata"] = metadata,
                ["spec"] = Json(crd.Spec),
            };

            // KubeYaml reads as sigs.k8s.io/yaml does (YAML 1.1 typing, as Helm and kubectl read the file).
            Assert.Equal(CrdJson.Canonical(KubeYaml.Single(crd.Text)), CrdJson.Canonical(read));
            Assert.Equal(crd.Name + ".yaml", crd.FileName);
        }
    }

    [Fact]
    public void Scalars_are_typed_as_yaml_1_2_core_and_numbers_as_the_sdk_sends_them()
    {
        var read = CrdYaml.Read("""
            int: 253
            negative: -1
            big: 9223372036854775000
            hex: 0x10
            octal: 0o17
            float: 1.5
            exponent: 1e3
            bool: true
            quoted: "yes"
            single: '0755'
            text: 30s
            block: |-
              on
            empty: {}
            list: [a, 1, false]
            """, "test");

        Assert.Equal(253, read["int"]);
        Assert.Equal(-1, read["negative"]);
        Assert.Equal(9223372036854775000d, read["big"]);
        Assert.Equal(16, read["hex"]);
        Assert.Equal(15, read["octal"]);
        Assert.Equal(1.5, read["float"]);
        Assert.Equal(1000d, read["exponent"]);
        Assert.Equal(true, read["bool"]);
        Assert.Equal("yes", read["quoted"]);
        Assert.Equal("0755", read["single"]);
        Assert.Equal("30s", read["text"]);
        Assert.Equal("on", read["block"]);
        Assert.Empty((IReadOnlyDictionary<string, object>)read["empty"]);
        Assert.Equal(new object[] { "a", 1, false }, (IReadOnlyList<object>)read["list"]);
    }

    [Theory]
    [InlineData("a: yes\n", "'yes'")]
    [InlineData("a: off\n", "'off'")]
    [InlineData("a: 0755\n", "leading zero")]
    [InlineData("a: 1_000\n", "'1_000'")]
    [InlineData("a: 0b101\n", "'0b101'")]
    [InlineData("a: ~\n", "null")]
    [InlineData("a:\n", "null")]
    [InlineData("a: .inf\n", "JSON")]
    [InlineData("a: &x 1\nb: *x\n", "anchor")]
    [InlineData("a: !!str 1\n", "tag")]
    [InlineData("a: 1\na: 2\n", "duplicate")]
    [InlineData("1: a\n", "not a string")]
    [InlineData("a: 1\n---\nb: 2\n", "more than one")]
    [InlineData("- a\n", "not a mapping")]
    public void What_readers_would_type_differently_or_a_resource_input_cannot_carry_is_refused(string yaml, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => CrdYaml.Read(yaml, "test.yaml"));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.yaml", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec: {}\n", "named things.example.com.yaml")]
    [InlineData("things.example.com.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec: {}\nstatus: {}\n", "status")]
    [InlineData("things.example.com.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: things.example.com\nspec: {}\n", "not an apiextensions.k8s.io/v1 CustomResourceDefinition")]
    [InlineData("things.example.com.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n  namespace: default\nspec: {}\n", "namespace")]
    [InlineData("things.example.com.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n  labels:\n    a: 1\nspec: {}\n", "metadata.labels")]
    public void A_file_that_is_not_one_crd_named_after_it_is_refused(string fileName, string yaml, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => ChartCrds.Parse("example-1.0.0", fileName, yaml));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_without_vendored_crds_or_an_unknown_folder_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => ChartCrds.Of(HelmCharts.Cilium));
        var error = Assert.Throws<InvalidOperationException>(() => ChartCrds.InFolder("traefik-0.0.1"));
        Assert.Contains("traefik-41.3.0", error.Message, StringComparison.Ordinal);
    }

    private static JsonNode? Json(object value) => value switch
    {
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        IReadOnlyDictionary<string, object> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, Json(kv.Value)))),
        IReadOnlyList<object> list => new JsonArray([.. list.Select(Json)]),
        _ => throw new InvalidOperationException($"{value.GetType().FullName} is not a value a CRD's inputs carry"),
    };
}
