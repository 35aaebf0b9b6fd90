using System.Text.Json;

namespace OfflineSdk.Tests;

/// <summary>Sets PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS for one test and clears them afterwards.</summary>
internal sealed class ConfigEnvironment : IDisposable
{
    public ConfigEnvironment(IDictionary<string, string> values, params string[] secretKeys)
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(values));
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", secretKeys.Length == 0 ? null : JsonSerializer.Serialize(secretKeys));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
    }
}
