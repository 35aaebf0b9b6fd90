using Platform.Components.Observability.LogShipping;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;

namespace Platform.Tests.Observability.LogShipping;

/// <summary><c>platform:logShipping</c>: the tier's defaults, overrides of single fields, and every bad input refused
/// with its key before anything is registered.</summary>
public class LogShippingConfigTests
{
    [Theory]
    [InlineData("small", "1G", "50m", "256Mi")]
    [InlineData("medium", "2G", "100m", "512Mi")]
    [InlineData("enterprise", "5G", "200m", "1Gi")]
    public void Each_tier_has_its_buffer_and_resources_and_the_configuration_overrides_single_fields(string tier, string buffer, string cpu, string memoryLimit)
    {
        var defaults = ValidConfig.Load(v => { v["tier"] = tier; EnterpriseBackup(v); }).LogShipping;
        Assert.Equal((buffer, cpu, memoryLimit), (defaults.BufferLimit, defaults.CpuRequest, defaults.MemoryLimit));
        Assert.Empty(defaults.ExcludedNamespaces);
        Assert.True(defaults.PodLabels);

        var custom = ValidConfig.Load(v =>
        {
            v["tier"] = tier;
            EnterpriseBackup(v);
            v["logShipping"] = """{"bufferLimit": "750M", "excludeNamespaces": ["load-tests", "scratch"], "podLabels": false}""";
        }).LogShipping;
        Assert.Equal("750M", custom.BufferLimit);
        Assert.Equal(750, custom.BufferLimitMebibytes);
        Assert.Equal(["load-tests", "scratch"], custom.ExcludedNamespaces);
        Assert.False(custom.PodLabels);
        // The fields left out keep the tier's values.
        Assert.Equal((cpu, memoryLimit), (custom.CpuRequest, custom.MemoryLimit));
    }

    private static void EnterpriseBackup(Dictionary<string, string> config)
    {
        if (config["tier"] == "enterprise") Platform.Tests.Backup.BackupConfigTests.WithExternalTarget(config);
    }

    [Fact]
    public void An_empty_or_null_value_is_the_tiers_defaults()
    {
        var medium = LogShippingTierSizing.For(PlatformTier.Medium);
        foreach (var value in new[] { "null", "{}", " " })
        {
            var options = ValidConfig.Load(v => v["logShipping"] = value).LogShipping;
            Assert.Equal((medium.BufferLimit, medium.CpuRequest, medium.MemoryRequest, medium.MemoryLimit, true),
                (options.BufferLimit, options.CpuRequest, options.MemoryRequest, options.MemoryLimit, options.PodLabels));
        }
    }

    [Theory]
    [InlineData("""{"bufferLimit": "5GB"}""", "platform:logShipping", "bufferLimit '5GB' is not a size of whole mebibytes or gibibytes from 64M to 500G")]
    [InlineData("""{"bufferLimit": "32M"}""", "platform:logShipping", "bufferLimit '32M' is not a size")]
    [InlineData("""{"bufferLimit": "501G"}""", "platform:logShipping", "bufferLimit '501G' is not a size")]
    [InlineData("""{"bufferLimit": 5}""", "platform:logShipping.bufferLimit", "is a number")]
    [InlineData("""{"memoryRequest": "1Gi", "memoryLimit": "512Mi"}""", "platform:logShipping", "memoryLimit 512Mi is below memoryRequest 1Gi")]
    [InlineData("""{"memoryLimit": "64Mi", "memoryRequest": "32Mi"}""", "platform:logShipping", "memoryLimit 64Mi is below 128Mi")]
    [InlineData("""{"cpuRequest": "a lot"}""", "platform:logShipping", "cpuRequest 'a lot' is not a CPU quantity")]
    [InlineData("""{"excludeNamespaces": ["Load_Tests"]}""", "platform:logShipping", "excludeNamespaces: 'Load_Tests' is not a namespace name")]
    [InlineData("""{"excludeNamespaces": ["a", "a"]}""", "platform:logShipping", "excludeNamespaces lists a namespace twice")]
    [InlineData("""{"excludeNamespaces": "load-tests"}""", "platform:logShipping.excludeNamespaces", "is a string, not a list")]
    [InlineData("""{"excludeNamespaces": [3]}""", "platform:logShipping.excludeNamespaces[0]", "is a number, not a namespace name")]
    [InlineData("""{"podLabels": "yes"}""", "platform:logShipping.podLabels", "")]
    [InlineData("""{"bufferlimit": "2G"}""", "platform:logShipping.bufferlimit", "did you mean 'bufferLimit'?")]
    [InlineData("""["2G"]""", "platform:logShipping", "is a list, not an object")]
    [InlineData("""{"bufferLimit": "2G",}""", "platform:logShipping", "is not valid JSON")]
    public void Bad_log_shipping_configuration_names_the_key_and_the_fix(string value, string key, string expected)
    {
        var error = ValidConfig.Problems(v => v["logShipping"] = value);

        Assert.Contains(error.Problems, p => p.Key == key && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_key_is_declared_with_its_example_which_parses()
    {
        var key = PlatformConfigKeys.LogShipping;
        Assert.Contains(key, PlatformConfigKeys.All);
        Assert.Equal(PlatformConfigValueType.Object, key.Type);
        var options = ValidConfig.Load(v => v["logShipping"] = key.Example).LogShipping;
        Assert.Equal("5G", options.BufferLimit);
        Assert.Equal(["load-tests"], options.ExcludedNamespaces);
    }
}
