using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Platform.Renderer;

var stackOption = new Option<string[]>("--stack")
{
    Description = "A stack of stacks/ by name (stacks/Pulumi.<NAME>.yaml); repeatable.",
    Arity = ArgumentArity.ZeroOrMore,
};
var configOption = new Option<FileInfo[]>("--config")
{
    Description = "A stack file anywhere (Pulumi.<stack>.yaml); repeatable.",
    Arity = ArgumentArity.ZeroOrMore,
};
var allOption = new Option<bool>("--all")
{
    Description = "Every stacks/Pulumi.example-*.yaml plus the fixtures with every option on (tests/Fixtures/Pulumi.fixture-*.yaml).",
};
var outOption = new Option<DirectoryInfo>("--out")
{
    Description = "Where to write DIR/<stack>/ (default: artifacts/render).",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(RenderTargets.RepoRoot, "artifacts", "render")),
};
var root = new RootCommand("Renders the platform's plan for stack files under Pulumi's test engine, offline: registrations.json for the checks, and node scripts and files, Helm values, Kubernetes objects and summary.md for reviewers. Nothing is deployed and no host is contacted.")
{
    stackOption, configOption, allOption, outOption,
};
root.SetAction(async (result, _) =>
{
    var files = RenderTargets.Resolve(result.GetValue(stackOption) ?? [], result.GetValue(configOption) ?? [], result.GetValue(allOption));
    if (files.Count == 0)
    {
        Console.Error.WriteLine("render: name at least one stack: --stack NAME, --config FILE or --all (see --help).");
        return 2;
    }
    var output = result.GetValue(outOption)!.FullName;
    var failed = 0;
    foreach (var file in files)
    {
        var clock = Stopwatch.StartNew();
        StackFile stack;
        try
        {
            stack = StackFile.Load(file);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or YamlDotNet.Core.YamlException)
        {
            Console.Error.WriteLine($"render: {file}: {e.Message}");
            failed++;
            continue;
        }
        try
        {
            var plan = await PlanRecorder.RecordAsync(stack);
            var folder = Path.Combine(output, stack.Name);
            PlanWriter.Write(plan, folder);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"render: {stack.Name}: {plan.Registrations.Count} registrations -> {Path.GetRelativePath(Environment.CurrentDirectory, folder)} ({clock.Elapsed.TotalSeconds:0.0} s)"));
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"render: {stack.Name}: {RenderTargets.Explain(e)}");
            failed++;
        }
    }
    return failed == 0 ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();
