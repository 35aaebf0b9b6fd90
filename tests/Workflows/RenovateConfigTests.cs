using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Components.Catalog;
using Platform.Stacks.Configuration;
using Platform.Tests.Harness;
using YamlDotNet.RepresentationModel;

namespace Platform.Tests.Workflows;

/// <summary>renovate.json is valid JSON, its custom managers are complete regex managers, and each manager's
/// patterns, run over the files it reads (as Renovate does: every match of every pattern in every file whose path
/// matches), find exactly the pins the code declares: the expectations come from the code (the catalog, the image
/// constants, the supported minors, the stack files), so a new pin is covered, or the test fails, without editing it.</summary>
public partial class RenovateConfigTests
{
    private static readonly JsonElement Config = Load();

    /// <summary>What each custom manager (by its description's first words) must find: (depName, packageName, currentValue).</summary>
    private static readonly Dictionary<string, Func<IEnumerable<Pin>>> Expected = new(StringComparer.Ordinal)
    {
        ["Helm charts of the catalog served from https"] = () => HelmCharts.All.Where(c => !c.IsOci).Select(c => new Pin(c.Name, c.Name, c.Version)),
        ["Helm charts of the catalog served from OCI"] = () => HelmCharts.All.Where(c => c.IsOci)
            .Select(c => new Pin(c.Name, $"{c.Repository["oci://".Length..].TrimEnd('/')}/{c.Name}", c.Version)),
        ["Container images pinned in code"] = CodeImages,
        ["Container images in stack files"] = () => StackConfigValues(key => key.EndsWith("Image", StringComparison.Ordinal)).Select(ImagePin),
        ["The newest patch of each supported Kubernetes minor"] = () => KubernetesVersions.Minors.Select(m => new Pin("kubernetes", "kubernetes/kubernetes", m.NewestPatch.ToString())),
        ["The Kubernetes version of each stack"] = () => StackConfigValues(key => key.EndsWith(":kubernetesVersion", StringComparison.Ordinal))
            .Select(v => new Pin("kubernetes", "kubernetes/kubernetes", v.TrimStart('v'))),
    };

    [Fact]
    public void Every_custom_manager_is_a_complete_regex_manager_with_a_known_purpose()
    {
        var managers = Managers().ToList();
        Assert.Equal(Expected.Count, managers.Count);
        foreach (var manager in managers)
        {
            var description = manager.GetProperty("description").GetString()!;
            Assert.Single(Expected.Keys, key => description.StartsWith(key, StringComparison.Ordinal));
            Assert.Equal("regex", manager.GetProperty("customType").GetString());
            Assert.NotEmpty(FilePatterns(manager));
            Assert.True(manager.TryGetProperty("datasourceTemplate", out _), $"{description}: no datasourceTemplate.");
            foreach (var pattern in MatchStrings(manager))
            {
                var groups = pattern.GetGroupNames();
                Assert.True(groups.Contains("depName") || manager.TryGetProperty("depNameTemplate", out _), $"{description}: no depName.");
                Assert.True(groups.Contains("currentValue") || manager.TryGetProperty("currentValueTemplate", out _), $"{description}: no currentValue.");
                // Every field a template names is a group of the pattern (or newValue, which Renovate supplies).
                foreach (var template in manager.EnumerateObject().Where(p => p.Name.EndsWith("Template", StringComparison.Ordinal)))
                    foreach (Match field in TemplateField().Matches(template.Value.GetString()!))
                        Assert.True(groups.Contains(field.Groups["name"].Value) || field.Groups["name"].Value == "newValue",
                            $"{description}: {template.Name} names {field.Groups["name"].Value}, which no pattern captures.");
            }
        }
    }

    [Fact]
    public void Each_custom_manager_finds_exactly_the_pins_the_code_declares()
    {
        foreach (var manager in Managers())
        {
            var description = manager.GetProperty("description").GetString()!;
            var expected = Expected.Single(kv => description.StartsWith(kv.Key, StringComparison.Ordinal)).Value().Order().ToList();
            var found = Run(manager).Select(m => m.Pin).Order().ToList();
            Assert.NotEmpty(expected);
            Assert.True(expected.SequenceEqual(found),
                $"{description}:\n expected {string.Join(", ", expected)}\n found    {string.Join(", ", found)}");
        }
    }

    [Fact]
    public void The_catalog_manager_reads_every_charts_repository_as_its_registry()
    {
        var manager = Managers().Single(m => m.GetProperty("description").GetString()!.StartsWith("Helm charts of the catalog served from https", StringComparison.Ordinal));
        var registries = Run(manager).ToDictionary(m => m.Pin.DepName, m => m.Groups["registryUrl"]);
        Assert.All(HelmCharts.All.Where(c => !c.IsOci), chart => Assert.Equal(chart.Repository, registries[chart.Name]));
    }

    [Fact]
    public void The_kubernetes_patch_replacement_writes_back_the_code_it_matched()
    {
        var manager = Managers().Single(m => m.GetProperty("description").GetString()!.StartsWith("The newest patch", StringComparison.Ordinal));
        var template = manager.GetProperty("autoReplaceStringTemplate").GetString()!;
        var matches = Run(manager).ToList();
        Assert.Equal(KubernetesVersions.Minors.Count, matches.Count);
        foreach (var match in matches)
            Assert.Equal(match.Text, Render(template, new Dictionary<string, string> { ["newValue"] = match.Pin.CurrentValue }));
        // And a bump writes the next patch in the constructor's form.
        Assert.Equal("NewestPatch = new KubernetesVersion(1, 36, 6)", Render(template, new Dictionary<string, string> { ["newValue"] = "1.36.6" }));
    }

    [Fact]
    public void Kubernetes_moves_by_patches_only_and_actions_stay_pinned_to_digests()
    {
        var rules = Config.GetProperty("packageRules").EnumerateArray().ToList();
        var disabled = rules.Single(r => r.TryGetProperty("enabled", out var e) && e.ValueKind == JsonValueKind.False);
        Assert.Equal(["kubernetes"], disabled.GetProperty("matchDepNames").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["major", "minor"], disabled.GetProperty("matchUpdateTypes").EnumerateArray().Select(v => v.GetString()));
        var actions = rules.Single(r => r.TryGetProperty("matchManagers", out var m) && m.EnumerateArray().Any(v => v.GetString() == "github-actions"));
        Assert.True(actions.GetProperty("pinDigests").GetBoolean());
        Assert.Contains("helpers:pinGitHubActionDigests", Config.GetProperty("extends").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void A_chart_written_in_another_order_is_not_found_so_the_test_would_fail()
    {
        var manager = Managers().First();
        var text = "new()\n    {\n        Version = \"1.0.0\",\n        Name = \"x\",\n        Repository = \"https://example.org/charts\",\n    };";
        Assert.Empty(MatchStrings(manager).SelectMany(p => p.Matches(text)));
    }

    private sealed record Pin(string DepName, string PackageName, string CurrentValue) : IComparable<Pin>
    {
        public int CompareTo(Pin? other) => string.CompareOrdinal(ToString(), other?.ToString());
        public override string ToString() => $"{PackageName}@{CurrentValue}";
    }

    private sealed record Found(Pin Pin, string Text, IReadOnlyDictionary<string, string> Groups);

    private static IEnumerable<Found> Run(JsonElement manager)
    {
        var files = RepositoryFiles().Where(path => FilePatterns(manager).Any(p => p.IsMatch(path))).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(Path.Combine(RepoRoot.Path, file));
            foreach (var pattern in MatchStrings(manager))
            {
                foreach (Match match in pattern.Matches(text))
                {
                    var groups = pattern.GetGroupNames().Where(n => !int.TryParse(n, out _) && match.Groups[n].Success)
                        .ToDictionary(n => n, n => match.Groups[n].Value, StringComparer.Ordinal);
                    string Field(string name) => manager.TryGetProperty(name + "Template", out var template)
                        ? Render(template.GetString()!, groups)
                        : groups.GetValueOrDefault(name) ?? throw new InvalidOperationException($"{file}: no {name} in '{match.Value}'");
                    var depName = Field("depName");
                    var packageName = manager.TryGetProperty("packageNameTemplate", out _) || groups.ContainsKey("packageName") ? Field("packageName") : depName;
                    yield return new Found(new Pin(depName, packageName, Field("currentValue")), match.Value, groups);
                }
            }
        }
    }

    private static IEnumerable<Pin> CodeImages()
    {
        // Every string constant of the product's assemblies that is an image reference, wherever it is declared...
        var constants = new[] { typeof(HelmCharts).Assembly, typeof(KubernetesVersions).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => ImageReference().IsMatch(v));
        // ... and the pause image of each supported minor.
        return constants.Concat(KubernetesVersions.Minors.Select(m => m.PauseImage)).Select(ImagePin);
    }

    private static Pin ImagePin(string image)
    {
        var match = ImageReference().Match(image);
        Assert.True(match.Success, $"'{image}' is not an image reference with a tag.");
        return new Pin(match.Groups["name"].Value, match.Groups["name"].Value, match.Groups["tag"].Value);
    }

    private static IEnumerable<string> StackConfigValues(Func<string, bool> key)
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot.Path, "stacks"), "Pulumi.*.yaml")
            .Concat(Directory.GetDirectories(Path.Combine(RepoRoot.Path, "samples")).SelectMany(d => Directory.GetFiles(d, "Pulumi.*.yaml")))
            .Where(f => Path.GetFileName(f) != "Pulumi.yaml");
        foreach (var file in files)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            var config = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["config"];
            foreach (var (name, value) in config.Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, kv.Value)))
                if (key(name))
                    yield return ((YamlScalarNode)value).Value!;
        }
    }

    private static IEnumerable<string> RepositoryFiles()
    {
        string[] skipped = [".git", "artifacts", "bin", "obj", "node_modules"];
        var pending = new Stack<string>([RepoRoot.Path]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.GetDirectories(dir).Where(d => !skipped.Contains(Path.GetFileName(d))))
                pending.Push(sub);
            foreach (var file in Directory.GetFiles(dir))
                yield return Path.GetRelativePath(RepoRoot.Path, file).Replace('\\', '/');
        }
    }

    private static IEnumerable<JsonElement> Managers() => Config.GetProperty("customManagers").EnumerateArray();

    private static IEnumerable<Regex> FilePatterns(JsonElement manager)
        => manager.GetProperty("managerFilePatterns").EnumerateArray().Select(p =>
        {
            var text = p.GetString()!;
            Assert.True(text.Length > 2 && text[0] == '/' && text[^1] == '/', $"'{text}' is not a /regex/ file pattern.");
            return new Regex(text[1..^1], RegexOptions.CultureInvariant);
        });

    // Renovate compiles matchStrings as JavaScript regular expressions (RE2 where available) with the global flag; the
    // patterns here use only syntax .NET reads the same way (named groups, classes, quantifiers, no lookbehind).
    private static IEnumerable<Regex> MatchStrings(JsonElement manager)
        => manager.GetProperty("matchStrings").EnumerateArray().Select(p => new Regex(p.GetString()!, RegexOptions.CultureInvariant));

    // The Handlebars Renovate's templates use here: {{{field}}} and {{{replace 'regex' 'text' field}}}.
    private static string Render(string template, IReadOnlyDictionary<string, string> values)
        => Helper().Replace(template, m => m.Groups["helper"].Success
            ? Regex.Replace(values[m.Groups["arg"].Value], m.Groups["find"].Value, m.Groups["with"].Value)
            : values[m.Groups["name"].Value]);

    private static JsonElement Load()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot.Path, "renovate.json"));
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false });
        return document.RootElement.Clone();
    }

    [GeneratedRegex(@"\{\{\{\s*(?:replace\s+'[^']*'\s+'[^']*'\s+)?(?<name>[A-Za-z]+)\s*\}\}\}")]
    private static partial Regex TemplateField();

    [GeneratedRegex(@"\{\{\{\s*(?:(?<helper>replace)\s+'(?<find>[^']*)'\s+'(?<with>[^']*)'\s+(?<arg>[A-Za-z]+)|(?<name>[A-Za-z]+))\s*\}\}\}")]
    private static partial Regex Helper();

    [GeneratedRegex(@"^(?<name>(?:[a-z0-9-]+\.)+[a-z]{2,}(?::[0-9]+)?/[a-z0-9._/-]+):(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]*)$")]
    private static partial Regex ImageReference();
}
