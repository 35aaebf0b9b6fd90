using System.Collections.Immutable;
using System.Text.Json;
using Platform.Stacks;
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

    /// <summary>The time a render runs at (the date of the certificate expiry steps' trigger), fixed so that two renders
    /// of the same stack are the same text: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset RenderTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Runs the platform program once under Pulumi's test engine with <paramref name="mocks"/> and the configuration
    /// as the Pulumi CLI passes it (<c>PULUMI_CONFIG</c>, <c>PULUMI_CONFIG_SECRET_KEYS</c>), and returns the resources
    /// and what each was registered with, in the program's order. One run at a time: Pulumi's engine, those environment
    /// variables and <see cref="RecordedPlatformStack"/>'s record are one per process, so every caller that runs the
    /// program (this recorder, the tests' stack runner) goes through here.
    /// </summary>
    /// <param name="mocks">The providers' stand-ins.</param>
    /// <param name="config">Every configuration value by full key (<c>platform:tier</c>).</param>
    /// <param name="secretKeys">The full keys that are secrets.</param>
    /// <param name="preview">Whether the run is a preview (IDs unknown) rather than an update.</param>
    /// <param name="stackName">The stack's name.</param>
    /// <param name="clock">The time the program runs at; default <see cref="RenderTime"/>, so two runs register the same.</param>
    /// <exception cref="RunException">The configuration is invalid or the program failed.</exception>
    public static async Task<ProgramRun> RunProgramAsync(IMocks mocks, IReadOnlyDictionary<string, string> config,
        IEnumerable<string> secretKeys, bool preview, string stackName, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(mocks);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(secretKeys);
        await OneAtATime.WaitAsync();
        try
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config));
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", JsonSerializer.Serialize(secretKeys));
            var record = RecordedPlatformStack.Begin(clock ?? new FixedClock(RenderTime));
            var resources = await Deployment.TestAsync<RecordedPlatformStack>(mocks,
                new TestOptions { IsPreview = preview, ProjectName = "platform", StackName = stackName });
            return new ProgramRun(resources, record.Values.OrderBy(r => r.Order).ToList());
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
            OneAtATime.Release();
        }
    }

    /// <summary>Runs the program for <paramref name="stack"/>, as an update.</summary>
    /// <exception cref="RunException">The configuration is invalid (the message lists every problem) or the program failed.</exception>
    public static async Task<Plan> RecordAsync(StackFile stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var mocks = new RecordingMocks();
        var run = await RunProgramAsync(mocks, stack.Config, stack.SecretKeys, preview: false, stack.Name);
        var platform = run.Resources.OfType<RecordedPlatformStack>().Single();
        return new Plan
        {
            Stack = stack,
            Registrations = await RegistrationsAsync(mocks.Registrations, run.Recorded),
            Capabilities = await OutputUtilities.GetValueAsync(platform.Capabilities),
            Warnings = await WarningsAsync(platform),
            SecretValues = new Dictionary<string, string>(mocks.SecretValues, StringComparer.Ordinal),
        };
    }

    /// <summary>The warnings of a run of <paramref name="platform"/>: <see cref="PlatformStack.Warnings"/>, then the
    /// certificate warning when there is one (<see cref="PlatformStack.CertificateWarning"/>).</summary>
    public static async Task<IReadOnlyList<string>> WarningsAsync(PlatformStack platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var certificates = await OutputUtilities.GetValueAsync(platform.CertificateWarning);
        return string.IsNullOrEmpty(certificates) ? platform.Warnings : [.. platform.Warnings, certificates];
    }

    private static async Task<IReadOnlyList<Registration>> RegistrationsAsync(IReadOnlyList<MockResourceArgs> registered,
        IReadOnlyList<RecordedResource> record)
    {
        var byKey = new Dictionary<(string Type, string Name), RecordedResource>();
        foreach (var recorded in record)
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
                // A resource named twice (by its layer and by the composition's rule) is one wait.
                if (!resources.IsDefault) dependsOn = resources.Select(r => r.GetResourceName()).Distinct(StringComparer.Ordinal).ToImmutableArray();
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
