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
        config = WithoutUnconfiguredLayers(config);
        var run = await PlanRecorder.RunProgramAsync(mocks.Mock.Object, config.ToDictionary(kv => "platform:" + kv.Key, kv => kv.Value),
            SecretKeys.Where(config.ContainsKey).Select(k => "platform:" + k), preview, "test", clock);
        // Keyed by name, the last registered wins (a namespace, its component and a release may share a name).
        var byName = run.Recorded.GroupBy(r => r.Resource.GetResourceName()).ToDictionary(g => g.Key, g => g.Last());
        return new StackRun(run.Resources, mocks.Registrations,
            byName.ToDictionary(kv => kv.Key, kv => kv.Value.Options), byName.ToDictionary(kv => kv.Key, kv => kv.Value.Args));
    }

    /// <summary>The capabilities a test about another layer has no reason to configure, each with its config key:
    /// authentication (mandatory in every tier; it needs Dex's host and connectors) and secret management (on in every
    /// tier; the enterprise tier's Vault needs its key holders' PGP keys).</summary>
    private static readonly (string Capability, string Key)[] SwitchedOffUnlessConfigured =
    [
        (Platform.Stacks.Capabilities.CapabilityIds.Authentication, PlatformConfigKeys.Authentication.Name),
        (Platform.Stacks.Capabilities.CapabilityIds.SecretManagement, PlatformConfigKeys.SecretManagement.Name),
    ];

    /// <summary><paramref name="config"/>, with the authentication and secret-management capabilities switched off
    /// (<c>capabilities.authentication: false</c>, <c>capabilities.secretManagement: false</c>) when the configuration
    /// says nothing of them: neither their config key nor an override of the capability. The tests of those layers, the
    /// example stacks and the render fixtures set them (or their override) and so run them. A <c>capabilities</c> value
    /// that is not a JSON object is passed on as it is, for the tests of its errors.</summary>
    public static IReadOnlyDictionary<string, string> WithoutUnconfiguredLayers(IReadOnlyDictionary<string, string> config)
        => WithoutUnconfiguredLayers(config, [.. SwitchedOffUnlessConfigured.Select(layer => layer.Capability)]);

    /// <summary><paramref name="config"/> with those of <paramref name="capabilities"/> switched off that it says nothing of
    /// (see the other overload).</summary>
    public static IReadOnlyDictionary<string, string> WithoutUnconfiguredLayers(IReadOnlyDictionary<string, string> config, IReadOnlyList<string> capabilities)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(capabilities);
        var capabilitiesKey = PlatformConfigKeys.Capabilities.Name;
        System.Text.Json.Nodes.JsonObject overrides;
        try
        {
            overrides = config.TryGetValue(capabilitiesKey, out var text)
                ? System.Text.Json.Nodes.JsonNode.Parse(text) as System.Text.Json.Nodes.JsonObject ?? throw new System.Text.Json.JsonException()
                : [];
            // A JsonObject reads its properties on first use: a key given twice throws here, not later.
            _ = overrides.Count;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            // Not a JSON object, or one with a key twice: the tests of those errors get the value as it is.
            return config;
        }
        var changed = false;
        foreach (var (capability, key) in SwitchedOffUnlessConfigured.Where(layer => capabilities.Contains(layer.Capability)))
        {
            if (config.ContainsKey(key) || overrides.ContainsKey(capability)) continue;
            overrides[capability] = false;
            changed = true;
        }
        return changed ? new Dictionary<string, string>(config) { [capabilitiesKey] = overrides.ToJsonString() } : config;
    }
}
