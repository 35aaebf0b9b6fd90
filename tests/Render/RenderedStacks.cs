using Platform.Renderer;

namespace Platform.Tests.Render;

/// <summary>The stack files eng/render --all covers (every example and every fixture), as theory data and as plans
/// recorded once per test run.</summary>
public static class RenderedStacks
{
    private static readonly Dictionary<string, Task<Plan>> Plans = new(StringComparer.Ordinal);

    /// <summary>Every stack file of <c>eng/render --all</c>, by stack name.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var file in RenderTargets.Resolve([], [], all: true)) data.Add(StackFile.StackName(file));
        return data;
    }

    /// <summary>The file of stack <paramref name="name"/>.</summary>
    public static string File(string name) =>
        RenderTargets.Resolve([], [], all: true).Single(f => StackFile.StackName(f) == name);

    /// <summary>The plan of stack <paramref name="name"/>, recorded on first use.</summary>
    public static Task<Plan> PlanAsync(string name)
    {
        lock (Plans)
        {
            if (!Plans.TryGetValue(name, out var plan))
                Plans[name] = plan = PlanRecorder.RecordAsync(StackFile.Load(File(name)));
            return plan;
        }
    }
}
