using System.Collections.Immutable;
using System.Text.Json;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Platform.Renderer;

/// <summary>
/// Runs the platform program for a stack file under Pulumi's test engine (<c>Deployment.TestAsync</c>) with
/// <see cref="RecordingMocks"/>, as an update (every value known), and returns the <see cref="Plan"/>. Nothing is
/// deployed and no host is contacted. Runs are serialised: Pulumi runs one deployment per process.
/// </summary>
public static class PlanRecorder
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Runs <paramref name="run"/> while no other program run of this process is under way: Pulumi's engine,
    /// the configuration environment variables and <see cref="RecordedPlatformStack"/>'s record are one per process.
    /// Every caller that runs the program (this recorder, the tests' stack runner) goes through here.</summary>
    public static async Task<T> ExclusiveAsync<T>(Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        await OneAtATime.WaitAsync();
        try
        {
            return await run();
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>Runs the program for <paramref name="stack"/>.</summary>
    /// <exception cref="RunException">The configuration is invalid (the message lists every problem) or the program failed.</exception>
    public static Task<Plan> RecordAsync(StackFile stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return ExclusiveAsync(() => RunAsync(stack));
    }

    private static async Task<Plan> RunAsync(StackFile stack)
    {
        var mocks = new RecordingMocks();
        try
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(stack.Config));
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", JsonSerializer.Serialize(stack.SecretKeys));
            var record = RecordedPlatformStack.Begin();
            var resources = await Deployment.TestAsync<RecordedPlatformStack>(mocks,
                new TestOptions { IsPreview = false, ProjectName = "platform", StackName = stack.Name });
            var platform = resources.OfType<RecordedPlatformStack>().Single();
            var capabilities = await OutputUtilities.GetValueAsync(platform.Capabilities);
            return new Plan
            {
                Stack = stack,
                Registrations = await RegistrationsAsync(mocks.Registrations, record),
                Capabilities = capabilities,
                SecretValues = new Dictionary<string, string>(mocks.SecretValues, StringComparer.Ordinal),
            };
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
        }
    }

    private static async Task<IReadOnlyList<Registration>> RegistrationsAsync(IReadOnlyList<MockResourceArgs> registered,
        IReadOnlyDictionary<Resource, RecordedResource> record)
    {
        var byKey = new Dictionary<(string Type, string Name), RecordedResource>();
        foreach (var recorded in record.Values)
            byKey[(recorded.Resource.GetResourceType(), recorded.Resource.GetResourceName())] = recorded;
        var result = new List<Registration>(registered.Count);
        // In the order the program registered them (its constructors run one after another), not the order the engine's
        // asynchronous registrations reached the mocks, so two renders of the same program are the same text.
        var ordered = registered.Select((args, arrival) => (args, arrival))
            .OrderBy(r => byKey.TryGetValue((r.args.Type ?? "", r.args.Name ?? ""), out var recorded) ? recorded.Order : long.MaxValue)
            .ThenBy(r => r.arrival)
            .Select(r => r.args);
        foreach (var args in ordered)
        {
            var dependsOn = ImmutableArray<string>.Empty;
            string? parent = null;
            if (byKey.TryGetValue((args.Type ?? "", args.Name ?? ""), out var recorded))
            {
                var resources = await OutputUtilities.GetValueAsync(recorded.Options.DependsOn.ToOutput());
                if (!resources.IsDefault) dependsOn = resources.Select(r => r.GetResourceName()).ToImmutableArray();
                parent = recorded.Options.Parent?.GetResourceName();
            }
            result.Add(new Registration
            {
                Type = args.Type ?? "",
                Name = args.Name ?? "",
                Provider = args.Provider ?? "",
                Inputs = WireJson.Object(args.Inputs),
                DependsOn = dependsOn,
                Parent = parent,
            });
        }
        return result;
    }
}
