using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;

namespace Platform.Tests.Observability.Logging;

/// <summary><c>platform:logging</c>: the tier's defaults, overrides, and every bad input refused with its key before
/// anything is registered.</summary>
public class LoggingConfigTests
{
    [Theory]
    [InlineData("small", 1, "30Gi", 7, "2Gi", 1)]
    [InlineData("medium", 3, "100Gi", 14, "4Gi", 2)]
    [InlineData("enterprise", 3, "300Gi", 30, "8Gi", 2)]
    public void Each_tier_has_its_sizing_and_the_configuration_overrides_single_fields(string tier, int replicas, string size, int days, string memory, int dashboards)
    {
        var defaults = ValidConfig.Load(v => { v["tier"] = tier; v.Remove("logging"); }).Logging;
        Assert.Equal((replicas, size, days, memory, dashboards, false), (defaults.Replicas, defaults.StorageSize, defaults.RetentionDays, defaults.MemoryLimit, defaults.DashboardsReplicas, defaults.Ephemeral));
        Assert.Null(defaults.DashboardsHost);

        var custom = ValidConfig.Load(v =>
        {
            v["tier"] = tier;
            v["logging"] = """{"ephemeral": true, "retentionDays": 3, "storageSize": "10Gi", "dashboards": {"host": "logs.example.com"}}""";
        }).Logging;
        Assert.Equal((3, "10Gi", replicas, memory, true, "logs.example.com"),
            (custom.RetentionDays, custom.StorageSize, custom.Replicas, custom.MemoryLimit, custom.Ephemeral, custom.DashboardsHost));
    }

    [Theory]
    [InlineData("""{"retention": "7d"}""", "platform:logging.retention", "could not be mapped")]
    [InlineData("""{"dashboards": {"hostname": "logs.example.com"}}""", "platform:logging.dashboards.hostname", "could not be mapped")]
    [InlineData("""{"replicas": 2}""", "platform:logging", "replicas must be 1, or 3 to 9, not 2")]
    [InlineData("""{"replicas": "three"}""", "platform:logging.replicas", "")]
    [InlineData("""{"retentionDays": 0}""", "platform:logging", "retentionDays must be 1 to 3650, not 0")]
    [InlineData("""{"retentionDays": 4000}""", "platform:logging", "retentionDays must be 1 to 3650")]
    [InlineData("""{"storageSize": "100GB"}""", "platform:logging", "storageSize '100GB' is not a volume size")]
    [InlineData("""{"memoryLimit": "512Mi", "memoryRequest": "512Mi"}""", "platform:logging", "must be from 1Gi to 64Gi")]
    [InlineData("""{"memoryLimit": "2Gi", "memoryRequest": "4Gi"}""", "platform:logging", "is below memoryRequest")]
    [InlineData("""{"cpuRequest": "lots"}""", "platform:logging", "cpuRequest 'lots' is not a CPU quantity")]
    [InlineData("""{"dashboards": {"host": "Logs_Example"}}""", "platform:logging", "dashboards.host 'Logs_Example' is not a DNS name")]
    [InlineData("""{"dashboards": {"replicas": 9}}""", "platform:logging", "dashboards.replicas must be 1 to 5")]
    [InlineData("""[1]""", "platform:logging", "")]
    public void Bad_logging_configuration_names_the_key(string value, string key, string expected)
    {
        var error = ValidConfig.Problems(v => v["logging"] = value);

        Assert.Contains(error.Problems, p => p.Key == key && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Persistent_logging_without_storage_is_refused_before_anything_is_registered()
    {
        var config = ValidConfig.Values();
        config.Remove("logging");
        var mocks = new PlatformMocks();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StackRunner.RunAsync(config, mocks: mocks));

        Assert.Contains("platform:logging", error.Message, StringComparison.Ordinal);
        Assert.Contains("platform:logging.ephemeral true", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);
    }
}
