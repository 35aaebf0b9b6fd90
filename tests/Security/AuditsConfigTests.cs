using Platform.Components.Security.Audits;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Security;

/// <summary><c>platform:securityAudits</c>: the defaults, the tier's sizing, exceptions and priorities read, and every
/// bad input refused with its key before anything is registered.</summary>
public class AuditsConfigTests
{
    [Theory]
    [InlineData("small", "50m", "256Mi", "512Mi")]
    [InlineData("medium", "100m", "512Mi", "1Gi")]
    [InlineData("enterprise", "200m", "512Mi", "1536Mi")]
    public void Each_tier_sizes_falco_and_the_defaults_hold(string tier, string cpu, string memory, string limit)
    {
        var options = ValidConfig.Load(v => v["tier"] = tier).SecurityAudits;

        Assert.Equal((cpu, memory, limit), (options.CpuRequest, options.MemoryRequest, options.MemoryLimit));
        Assert.Equal((FalcoPriority.Notice, FalcoPriority.Warning, FalcoPriority.Notice),
            (options.MinimumPriority, options.AlertmanagerMinimumPriority, options.OpenSearchMinimumPriority));
        Assert.Empty(options.Exceptions);
    }

    [Fact]
    public void Exceptions_priorities_and_sizing_are_read()
    {
        var options = ValidConfig.Load(v => v["securityAudits"] = """
            {"minimumPriority": "Warning", "outputs": {"alertmanager": {"minimumPriority": "critical"}, "opensearch": {"minimumPriority": "informational"}},
             "memoryLimit": "2Gi",
             "exceptions": [{"rule": "Terminal shell in container", "namespace": "ops-tools", "reason": "on-call debug pods"},
                            {"rule": "Platform write below /etc in a container", "image": "docker.io/library/nginx", "reason": "conf.d at start"}]}
            """).SecurityAudits;

        Assert.Equal((FalcoPriority.Warning, FalcoPriority.Critical, FalcoPriority.Informational),
            (options.MinimumPriority, options.AlertmanagerMinimumPriority, options.OpenSearchMinimumPriority));
        Assert.Equal("2Gi", options.MemoryLimit);
        Assert.Equal("512Mi", options.MemoryRequest);
        Assert.Equal(
            [new AuditException { Rule = "Terminal shell in container", Namespace = "ops-tools", Reason = "on-call debug pods" },
             new AuditException { Rule = PlatformRules.WriteBelowEtcInContainer, Image = "docker.io/library/nginx", Reason = "conf.d at start" }],
            options.Exceptions);
    }

    [Theory]
    [InlineData("""{"exceptions": [{"rule": "Terminal shell in container", "namespace": "ops"}]}""", "platform:securityAudits.exceptions[0].reason", "is required")]
    [InlineData("""{"exceptions": [{"rule": "Terminal shell in container", "namespace": "ops", "reason": "  "}]}""", "platform:securityAudits.exceptions[0].reason", "is required")]
    [InlineData("""{"exceptions": [{"rule": "Terminal shell in container", "reason": "noisy"}]}""", "platform:securityAudits.exceptions[0]", "needs a namespace, an image or both")]
    [InlineData("""{"exceptions": [{"rule": "Terminal shell in a container", "namespace": "ops", "reason": "r"}]}""", "platform:securityAudits.exceptions[0].rule", "'Terminal shell in a container' is not a rule Falco loads here")]
    [InlineData("""{"exceptions": [{"namespace": "ops", "reason": "r"}]}""", "platform:securityAudits.exceptions[0].rule", "is required")]
    [InlineData("""{"exceptions": [{"rule": "Terminal shell in container", "namespace": "Ops_Tools", "reason": "r"}]}""", "platform:securityAudits.exceptions[0].namespace", "is not a namespace name")]
    [InlineData("""{"exceptions": [{"rule": "Terminal shell in container", "image": "nginx:1.27", "reason": "r"}]}""", "platform:securityAudits.exceptions[0].image", "without tag or digest")]
    [InlineData("""{"exceptions": [{"rule": "Terminal shell in container", "namespace": "ops", "reason": "r", "pod": "x"}]}""", "platform:securityAudits.exceptions[0].pod", "")]
    [InlineData("""{"exceptions": [null]}""", "platform:securityAudits.exceptions[0]", "is null")]
    [InlineData("""{"minimumPriority": "high"}""", "platform:securityAudits.minimumPriority", "'high' is not a Falco priority. Use one of emergency, alert, critical, error, warning, notice, informational, debug.")]
    [InlineData("""{"outputs": {"alertmanager": {"minimumPriority": "info"}}}""", "platform:securityAudits.outputs.alertmanager.minimumPriority", "is not a Falco priority")]
    [InlineData("""{"outputs": {"slack": {}}}""", "platform:securityAudits.outputs.slack", "")]
    [InlineData("""{"memoryRequest": "lots"}""", "platform:securityAudits.memoryRequest", "is not a Kubernetes quantity")]
    [InlineData("""[1]""", "platform:securityAudits", "")]
    public void Bad_security_audits_configuration_names_the_key(string value, string key, string expected)
    {
        var error = ValidConfig.Problems(v => v["securityAudits"] = value);

        Assert.Contains(error.Problems, p => p.Key == key && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_exception_stops_the_stack_before_anything_is_registered()
    {
        var mocks = new PlatformMocks();
        var config = ValidConfig.Values();
        config["securityAudits"] = """{"exceptions": [{"rule": "Terminal shell in container", "namespace": "ops"}]}""";

        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));

        Assert.Contains("platform:securityAudits.exceptions[0].reason", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);
    }
}
