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
        config = WithoutAuthenticationUnlessConfigured(config);
        var run = await PlanRecorder.RunProgramAsync(mocks.Mock.Object, config.ToDictionary(kv => "platform:" + kv.Key, kv => kv.Value),
            SecretKeys.Where(config.ContainsKey).Select(k => "platform:" + k), preview, "test", clock);
        // Keyed by name, the last registered wins (a namespace, its component and a release may share a name).
        var byName = run.Recorded.GroupBy(r => r.Resource.GetResourceName()).ToDictionary(g => g.Key, g => g.Last());
        return new StackRun(run.Resources, mocks.Registrations,
            byName.ToDictionary(kv => kv.Key, kv => kv.Value.Options), byName.ToDictionary(kv => kv.Key, kv => kv.Value.Args));
    }

    /// <summary><paramref name="config"/>, with the authentication capability switched off
    /// (<c>capabilities.authentication: false</c>) when the configuration says nothing of it: neither
    /// <c>platform:authentication</c> nor an override of the capability. Authentication is mandatory in every tier and
    /// needs Dex's host and connectors, which a test about another layer has no reason to give; the tests of
    /// authentication, the example stacks and the render fixtures set it (or its override) and so run it. A
    /// <c>capabilities</c> value that is not a JSON object is passed on as it is, for the tests of its errors.</summary>
    public static IReadOnlyDictionary<string, string> WithoutAuthenticationUnlessConfigured(IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var authentication = PlatformConfigKeys.Authentication.Name;
        var capabilities = PlatformConfigKeys.Capabilities.Name;
        if (config.ContainsKey(authentication)) return config;
        System.Text.Json.Nodes.JsonObject overrides;
        try
        {
            overrides = config.TryGetValue(capabilities, out var text)
                ? System.Text.Json.Nodes.JsonNode.Parse(text) as System.Text.Json.Nodes.JsonObject ?? throw new System.Text.Json.JsonException()
                : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return config;
        }
        if (overrides.ContainsKey(Platform.Stacks.Capabilities.CapabilityIds.Authentication)) return config;
        overrides[Platform.Stacks.Capabilities.CapabilityIds.Authentication] = false;
        return new Dictionary<string, string>(config) { [capabilities] = overrides.ToJsonString() };
    }
}
