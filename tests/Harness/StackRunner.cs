using System.Text.Json;
using Platform.Renderer;
using Platform.Stacks;
using Platform.Stacks.Configuration;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.Harness;

/// <summary>
/// Runs <see cref="PlatformStack"/> under the mocks with a given <c>platform:</c> configuration. Runs are serialised
/// (Pulumi has one deployment per process); the configuration reaches the program the way the Pulumi CLI passes it,
/// through PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS.
/// </summary>
public static class StackRunner
{
    private static readonly string[] SecretKeys = PlatformConfigKeys.All.Where(k => k.Secret).Select(k => k.Name).ToArray();

    /// <summary>Runs the stack; <paramref name="config"/> holds bare keys ("tier", not "platform:tier").</summary>
    public static async Task<StackRun> RunAsync(IReadOnlyDictionary<string, string> config, bool preview = true, PlatformMocks? mocks = null)
    {
        mocks ??= new PlatformMocks();
        // The renderer's lock: one program run at a time in this process, whoever runs it.
        return await PlanRecorder.ExclusiveAsync(async () =>
        {
            try
            {
                Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config.ToDictionary(kv => "platform:" + kv.Key, kv => kv.Value)));
                Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS",
                    JsonSerializer.Serialize(SecretKeys.Where(config.ContainsKey).Select(k => "platform:" + k)));
                var record = RecordedPlatformStack.Begin();
                var resources = await Deployment.TestAsync<RecordedPlatformStack>(mocks.Mock.Object,
                    new TestOptions { IsPreview = preview, ProjectName = "platform", StackName = "test" });
                // Keyed by name, the last registered wins (a namespace, its component and a release may share a name).
                var byName = record.Values.OrderBy(r => r.Order).GroupBy(r => r.Resource.GetResourceName()).ToDictionary(g => g.Key, g => g.Last());
                return new StackRun(resources, mocks.Registrations,
                    byName.ToDictionary(kv => kv.Key, kv => kv.Value.Options), byName.ToDictionary(kv => kv.Key, kv => kv.Value.Args));
            }
            finally
            {
                Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
                Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
            }
        });
    }
}
