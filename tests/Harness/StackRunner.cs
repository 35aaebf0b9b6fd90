using Platform.Renderer;
using Platform.Stacks;
using Platform.Stacks.Configuration;
using Pulumi;

namespace Platform.Tests.Harness;

/// <summary>
/// Runs <see cref="PlatformStack"/> under the mocks with a given <c>platform:</c> configuration. Runs are serialised
/// (Pulumi has one deployment per process); the configuration reaches the program the way the Pulumi CLI passes it,
/// through PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS.
/// </summary>
public static class StackRunner
{
    private static readonly string[] SecretKeys = PlatformConfigKeys.All.Where(k => k.Secret).Select(k => k.Name).ToArray();

    /// <summary>Runs the stack; <paramref name="config"/> holds bare keys ("tier", not "platform:tier"). The run's time
    /// is <paramref name="clock"/>'s, by default the renderer's fixed <see cref="PlanRecorder.RenderTime"/>.</summary>
    public static async Task<StackRun> RunAsync(IReadOnlyDictionary<string, string> config, bool preview = true, PlatformMocks? mocks = null,
        TimeProvider? clock = null)
    {
        mocks ??= new PlatformMocks();
        var run = await PlanRecorder.RunProgramAsync(mocks.Mock.Object, config.ToDictionary(kv => "platform:" + kv.Key, kv => kv.Value),
            SecretKeys.Where(config.ContainsKey).Select(k => "platform:" + k), preview, "test", clock);
        // Keyed by name, the last registered wins (a namespace, its component and a release may share a name).
        var byName = run.Recorded.GroupBy(r => r.Resource.GetResourceName()).ToDictionary(g => g.Key, g => g.Last());
        return new StackRun(run.Resources, mocks.Registrations,
            byName.ToDictionary(kv => kv.Key, kv => kv.Value.Options), byName.ToDictionary(kv => kv.Key, kv => kv.Value.Args));
    }
}
