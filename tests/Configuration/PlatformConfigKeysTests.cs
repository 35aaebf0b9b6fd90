using Platform.Stacks.Configuration;
using Xunit;

namespace Platform.Tests.Configuration;

public class PlatformConfigKeysTests
{
    [Fact]
    public void ListsEveryKeyOnceInDocumentationOrder()
    {
        Assert.Equal(
            [
                "tier", "environment", "clusterName", "kubernetesVersion", "apiEndpoint", "apiLoadBalancer", "podCidr", "serviceCidr",
                "clusterDomain", "nodes", "bastion", "sshPrivateKey", "statefulWorkloads", "capabilities", "hardeningExceptions", "secretsEncryptionMigration", "upgrade", "reboots", "cni", "loadBalancer", "ingress", "certificates", "rfc2136TsigSecret", "externalDns", "externalDnsCredentials", "storage", "monitoring", "monitoringSecrets", "logging", "logShipping", "tracing", "podSecurity", "tenants", "backup", "backupCredentials", "policies", "imageScanning", "securityAudits", "gitOps", "gitOpsRepositoryCredentials", "userInterface", "authentication", "authenticationSecrets", "secretManagement", "secretManagementTransitToken", "serviceMesh",
            ],
            PlatformConfigKeys.All.Select(key => key.Name));
        Assert.All(PlatformConfigKeys.All, key =>
        {
            Assert.Equal($"platform:{key.Name}", key.FullName);
            Assert.False(string.IsNullOrWhiteSpace(key.Description));
            Assert.False(key.Required && key.Default is not null, $"{key.Name} is required and has a default");
        });
    }

    [Fact]
    public void RequiredAndSecretKeysAreMarked()
    {
        Assert.Equal(
            ["tier", "environment", "clusterName", "kubernetesVersion", "apiEndpoint", "nodes", "sshPrivateKey"],
            PlatformConfigKeys.All.Where(key => key.Required).Select(key => key.Name));
        Assert.Equal(["sshPrivateKey", "rfc2136TsigSecret", "externalDnsCredentials", "monitoringSecrets", "backupCredentials", "gitOpsRepositoryCredentials", "authenticationSecrets", "secretManagementTransitToken"], PlatformConfigKeys.All.Where(key => key.Secret).Select(key => key.Name));
    }

    [Fact]
    public void DefaultsMatchTheLoadedSettings()
    {
        var settings = ValidConfig.Load(_ => { });

        Assert.Equal(PlatformConfigKeys.PodCidr.Default, settings.PodCidr.ToString());
        Assert.Equal(PlatformConfigKeys.ServiceCidr.Default, settings.ServiceCidr.ToString());
        Assert.Equal(PlatformConfigKeys.ClusterDomain.Default, settings.ClusterDomain);
        Assert.Equal(PlatformConfigKeys.StatefulWorkloads.Default, settings.StatefulWorkloads ? "true" : "false");
    }

    [Fact]
    public void ExamplesAreValidValues()
    {
        var values = PlatformConfigKeys.All
            .Where(key => !key.Secret)
            .ToDictionary(key => key.Name, key => key.Example);
        values["sshPrivateKey"] = "key";

        var settings = PlatformSettingsLoader.Load(new DictionaryConfigSource(values));

        Assert.Equal(PlatformTier.Medium, settings.Tier);
        Assert.Equal("bastion.example.internal", Assert.Single(settings.Nodes).Bastion?.Host);
        Assert.True(settings.CapabilityOverrides["tracing"]);
    }

    [Theory]
    [InlineData("tier", "pulumi config set platform:tier medium")]
    [InlineData("kubernetesVersion", "pulumi config set platform:kubernetesVersion 1.36.5")]
    [InlineData("nodes", """pulumi config set platform:nodes '[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}]'""")]
    [InlineData("sshPrivateKey", "pulumi config set --secret platform:sshPrivateKey < ~/.ssh/id_ed25519")]
    public void SetCommandIsReadyToPaste(string name, string expected)
    {
        Assert.Equal(expected, Assert.Single(PlatformConfigKeys.All, key => key.Name == name).SetCommand);
    }

    [Fact]
    public void DictionarySourceRejectsNamespacedKeys()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => new DictionaryConfigSource(new Dictionary<string, string> { ["platform:tier"] = "small" }));

        Assert.Contains("without the 'platform:' namespace, e.g. 'tier'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DictionarySourceServesValues()
    {
        var source = new DictionaryConfigSource(new Dictionary<string, string> { ["tier"] = "small" });

        Assert.Equal("small", source.Get("tier"));
        Assert.Null(source.Get("environment"));
        Assert.True(source.IsSet("tier"));
        Assert.False(source.IsSet("environment"));
    }
}
