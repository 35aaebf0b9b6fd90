using Platform.Stacks.Configuration;
using Xunit;

namespace Platform.Tests.Configuration;

/// <summary>A complete, valid raw configuration that tests modify one key at a time.</summary>
internal static class ValidConfig
{
    public const string Nodes = """
        [
          {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
          {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane"},
          {"name": "cp-3", "address": "10.0.0.13", "role": "control-plane"},
          {"name": "worker-1", "address": "10.0.0.21", "role": "worker"}
        ]
        """;

    public static Dictionary<string, string> Values() => new()
    {
        ["tier"] = "medium",
        ["environment"] = "prod",
        ["clusterName"] = "platform-prod",
        ["kubernetesVersion"] = "1.36.5",
        ["apiEndpoint"] = "10.0.0.10",
        ["nodes"] = Nodes,
        ["sshPrivateKey"] = "-----BEGIN OPENSSH PRIVATE KEY-----",
        // Monitoring is mandatory in every tier and claims volumes; this stack has no storage.
        ["monitoring"] = Monitoring,
        // Logging is mandatory in every tier too and claims volumes for OpenSearch.
        ["logging"] = Logging,
        // The userInterface capability (Headlamp) is mandatory from the medium tier up and served under its host.
        ["userInterface"] = UserInterface,
    };

    /// <summary>ValidConfig's <c>platform:userInterface</c>: Headlamp's hostname for the default IngressClass.</summary>
    public const string UserInterface = """{"host": "headlamp.platform-prod.example.com"}""";

    /// <summary>ValidConfig's <c>platform:monitoring</c>: ephemeral (the stack has no storage), Grafana's hostname for
    /// the default IngressClass.</summary>
    public const string Monitoring = """{"ephemeral": true, "grafana": {"host": "grafana.platform-prod.example.com"}}""";

    /// <summary>ValidConfig's <c>platform:logging</c>: ephemeral (the stack has no storage).</summary>
    public const string Logging = """{"ephemeral": true}""";

    public static PlatformSettings Load(Action<Dictionary<string, string>> edit)
    {
        var values = Values();
        edit(values);
        return PlatformSettingsLoader.Load(new DictionaryConfigSource(values));
    }

    public static PlatformConfigException Problems(Action<Dictionary<string, string>> edit) =>
        Assert.Throws<PlatformConfigException>(() => Load(edit));

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, or removes it when the value is null.</summary>
    public static void Set(Dictionary<string, string> values, string key, string? value)
    {
        if (value is null)
        {
            values.Remove(key);
        }
        else
        {
            values[key] = value;
        }
    }
}
