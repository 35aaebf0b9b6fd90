using Platform.Components.Observability;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Observability;

/// <summary><c>platform:tracing</c>: the tier's defaults (sampling 10%, 5%, 1%), overrides, and every bad input refused
/// with its key before anything is registered.</summary>
public class TracingConfigTests
{
    [Theory]
    [InlineData("small", 0.1, 3, "512Mi")]
    [InlineData("medium", 0.05, 7, "1Gi")]
    [InlineData("enterprise", 0.01, 14, "2Gi")]
    public void Each_tier_has_its_sampling_rate_and_sizing_and_the_configuration_overrides_single_fields(string tier, double rate, int days, string limit)
    {
        var defaults = ValidConfig.Load(v => { v["tier"] = tier; Tenancy.TenancyConfigTests.EnterpriseBackupTarget(v); }).Tracing;
        Assert.Equal((rate, days, limit, (int?)null, (string?)null), (defaults.SamplingRate, defaults.RetentionDays, defaults.MemoryLimit, defaults.Replicas, defaults.Host));

        var custom = ValidConfig.Load(v =>
        {
            v["tier"] = tier;
            Tenancy.TenancyConfigTests.EnterpriseBackupTarget(v);
            v["tracing"] = """{"samplingRate": 0.25, "retentionDays": 30, "replicas": 3, "host": "jaeger.example.com"}""";
        }).Tracing;
        Assert.Equal((0.25, 30, 3, "jaeger.example.com"), (custom.SamplingRate, custom.RetentionDays, custom.Replicas, custom.Host));
        Assert.Equal(limit, custom.MemoryLimit);
    }

    [Theory]
    [InlineData("""{"samplingRate": 0.1, "samplingrate": 0.2}""", "platform:tracing.samplingrate", "")]
    [InlineData("""{"sampling": {"rate": 0.1}}""", "platform:tracing.sampling", "")]
    [InlineData("""{"samplingRate": "10%"}""", "platform:tracing.samplingRate", "")]
    [InlineData("""{"samplingRate": 0}""", "platform:tracing", "samplingRate 0 must be above 0 and at most 1")]
    [InlineData("""{"samplingRate": 1.5}""", "platform:tracing", "samplingRate 1.5 must be above 0 and at most 1")]
    [InlineData("""{"replicas": 0}""", "platform:tracing", "replicas must be 1 to 10, not 0.")]
    [InlineData("""{"retentionDays": 365}""", "platform:tracing", "retentionDays must be 1 to 90, not 365.")]
    [InlineData("""{"maxTraces": 10}""", "platform:tracing", "maxTraces must be 1000 to 1000000, not 10.")]
    [InlineData("""{"memoryRequest": "1G"}""", "platform:tracing", "memoryRequest '1G' is not a memory quantity in Mi or Gi")]
    [InlineData("""{"memoryRequest": "2Gi", "memoryLimit": "1Gi"}""", "platform:tracing", "memoryLimit 1Gi is below memoryRequest 2Gi")]
    [InlineData("""{"cpuRequest": "two"}""", "platform:tracing", "cpuRequest 'two' is not a CPU quantity")]
    [InlineData("""{"host": "Jaeger"}""", "platform:tracing", "host 'Jaeger' is not a DNS name")]
    [InlineData("""[1]""", "platform:tracing", "")]
    public void Bad_tracing_configuration_names_the_key(string value, string key, string expected)
    {
        var error = ValidConfig.Problems(v => v["tracing"] = value);

        Assert.Contains(error.Problems, p => p.Key == key && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_replicas_without_logging_are_refused_before_anything_is_registered()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"tracing": true, "logging": false}""";
        config["tracing"] = """{"replicas": 2}""";
        var mocks = new PlatformMocks();

        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));

        Assert.Contains("platform:tracing.replicas: is 2, but without the logging capability Jaeger keeps traces in each replica's memory", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);
        // One replica, or none set, is fine.
        config["tracing"] = """{"replicas": 1}""";
        Assert.Single((await StackRunner.RunAsync(config)).All<TracingLayer>());
    }
}
