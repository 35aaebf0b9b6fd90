using System.Text;
using Platform.Renderer;
using Platform.Tests.Harness;
using Platform.Tests.Render;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>
/// Golden renders: every node script of the example stacks (Ubuntu 22.04 and 24.04, Flatcar) and of the full fixture
/// (kube-vip, kube-proxy replaced), as <c>eng/render</c> writes them, kept under <c>tests/Cluster/Scripts/Golden/</c>.
/// A change to a template or to what fills it fails here until the golden files are rewritten, so it shows in review as
/// a diff of the scripts the nodes run. To accept a change, run
/// <c>PLATFORM_UPDATE_GOLDEN=1 dotnet test tests/Platform.Tests.csproj -p:PulumiSdk=offline --filter FullyQualifiedName~NodeScriptGoldenTests</c>
/// and review the diff of <c>tests/Cluster/Scripts/Golden</c>.
/// </summary>
public class NodeScriptGoldenTests
{
    /// <summary>The environment variable that makes these tests rewrite the golden files instead of comparing.</summary>
    public const string UpdateVariable = "PLATFORM_UPDATE_GOLDEN";

    private static readonly string GoldenFolder = Path.Combine(RepoRoot.Path, "tests", "Cluster", "Scripts", "Golden");

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    private static readonly string[] GoldenStacks = ["example-small", "example-medium", "example-enterprise", "fixture-full"];

    public static TheoryData<string> Stacks() => new(GoldenStacks);

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_node_scripts_of_the_stack_are_its_golden_renders(string stack)
    {
        var rendered = await RenderedAsync(stack);
        var folder = Path.Combine(GoldenFolder, stack);
        if (Updating)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            foreach (var (path, script) in rendered)
            {
                var target = Path.Combine(folder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, script);
            }
            return;
        }

        var golden = Directory.Exists(folder) ? Read(folder) : [];
        var problems = new StringBuilder();
        foreach (var path in golden.Keys.Except(rendered.Keys).Order(StringComparer.Ordinal))
            problems.Append($"  {path}: no longer rendered\n");
        foreach (var path in rendered.Keys.Except(golden.Keys).Order(StringComparer.Ordinal))
            problems.Append($"  {path}: new, has no golden file\n");
        foreach (var path in rendered.Keys.Intersect(golden.Keys).Order(StringComparer.Ordinal))
            if (FirstDifference(golden[path], rendered[path]) is { } difference)
                problems.Append($"  {path}: {difference}\n");
        Assert.True(problems.Length == 0,
            $"The node scripts of {stack} differ from tests/Cluster/Scripts/Golden/{stack}:\n{problems}" +
            $"If the change is intended, run {UpdateVariable}=1 dotnet test tests/Platform.Tests.csproj -p:PulumiSdk=offline " +
            "--filter FullyQualifiedName~NodeScriptGoldenTests and review the diff of tests/Cluster/Scripts/Golden.");
    }

    [Fact]
    public async Task The_golden_stacks_cover_both_operating_systems_kube_vip_and_both_service_proxies()
    {
        var scripts = new List<string>();
        foreach (var stack in GoldenStacks) scripts.AddRange((await RenderedAsync(stack)).Values);

        Assert.Contains(scripts, s => s.Contains("# Platform: prepare a Ubuntu 22.04 host", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.Contains("# Platform: prepare a Ubuntu 24.04 host", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.Contains("# Platform: prepare a Flatcar Container Linux host", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.Contains("write_kube_vip /etc/kubernetes/super-admin.conf", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.Contains("# Platform: make kube-proxy the cluster's Service proxy", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.Contains("# Platform: remove kube-proxy once Cilium's kube-proxy replacement serves Services", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_distinct_node_script_of_the_golden_stacks_passes_shellcheck()
    {
        var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stack in GoldenStacks)
            foreach (var (path, script) in await RenderedAsync(stack))
                scripts.TryAdd(script, $"{stack}/{path}");
        foreach (var (script, path) in scripts)
            Assert.True(ShellCheck.Findings(script) is "", $"{path}:\n{ShellCheck.Findings(script)}");
    }

    /// <summary>The node scripts <c>eng/render</c> writes for <paramref name="stack"/>, by path under its <c>nodes/</c> folder.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> RenderedAsync(string stack)
    {
        var plan = await RenderedStacks.PlanAsync(stack);
        var root = Directory.CreateTempSubdirectory("platform-golden-").FullName;
        try
        {
            var folder = Path.Combine(root, stack);
            PlanWriter.Write(plan, folder);
            return Read(Path.Combine(folder, "nodes"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Dictionary<string, string> Read(string folder) =>
        Directory.EnumerateFiles(folder, "*.sh", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    private static string? FirstDifference(string expected, string actual)
    {
        if (expected == actual) return null;
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            var w = i < want.Length ? want[i] : "<end of file>";
            var g = i < got.Length ? got[i] : "<end of file>";
            if (w != g) return $"line {i + 1} is now '{g}', golden '{w}'";
        }
        return "differs";
    }
}
