using Platform.Components.Security;
using Platform.Components.Security.Policies;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Security;

/// <summary><c>platform:policies</c>: the tier's defaults, overrides over them, and every bad input refused with its
/// key before anything is registered.</summary>
public class PolicyConfigTests
{
    [Theory]
    [InlineData("small", PolicyEnforcement.DryRun)]
    [InlineData("medium", PolicyEnforcement.DryRun)]
    [InlineData("enterprise", PolicyEnforcement.Deny)]
    public void Every_tier_has_the_five_policies_with_its_enforcement(string tier, PolicyEnforcement enforcement)
    {
        var policies = ValidConfig.Load(v => v["tier"] = tier).Policies;

        Assert.Equal(["allowedRegistries", "allowedImages", "requiredLabels", "reliabilityPractices", "apiRestrictions"], policies.Enabled.Select(p => p.Id));
        Assert.All(policies.Enabled, p => Assert.Equal(enforcement, p.Enforcement));
        Assert.Equal(AllowedRegistries.PlatformRegistries, policies.AllowedRegistries!.Registries);
    }

    [Fact]
    public void Settings_override_single_fields_over_the_defaults()
    {
        var policies = ValidConfig.Load(v => v["policies"] = """
            {"allowedRegistries": {"enforcement": "deny", "registries": ["registry.example.com:5000"], "namespaceSelector": {"team": "a"},
                "exemptions": [{"name": "vendor", "reason": "TICKET-7", "images": ["quay.io/vendor/"], "objects": [{"kind": "Pod", "namespace": "x", "name": "agent-*"}]}]},
             "allowedImages": {"digestRequired": true},
             "requiredLabels": {"enforcement": "Warn", "labels": [{"key": "example.com/owner", "allowedRegex": "^team-[a-z]+$"}]},
             "reliabilityPractices": {"maxLimits": {"cpu": "2", "memory": "8Gi"}, "probes": false},
             "apiRestrictions": false}
            """).Policies;

        Assert.Equal((PolicyEnforcement.Deny, "registry.example.com:5000"), (policies.AllowedRegistries!.Enforcement, Assert.Single(policies.AllowedRegistries.Registries)));
        Assert.Equal("a", policies.AllowedRegistries.NamespaceSelector["team"]);
        var exemption = Assert.Single(policies.AllowedRegistries.Exemptions);
        Assert.Equal(("vendor", "TICKET-7", "agent-*"), (exemption.Name, exemption.Reason, Assert.Single(exemption.Objects).Name));
        Assert.True(policies.AllowedImages!.DigestRequired);
        Assert.Equal(PolicyEnforcement.DryRun, policies.AllowedImages.Enforcement);
        Assert.Equal(PolicyEnforcement.Warn, policies.RequiredLabels!.Enforcement);
        Assert.Equal("^team-[a-z]+$", Assert.Single(policies.RequiredLabels.Labels).AllowedRegex);
        Assert.Equal(("2", "8Gi", false), (policies.ReliabilityPractices!.MaxLimits["cpu"], policies.ReliabilityPractices.MaxLimits["memory"], policies.ReliabilityPractices.Probes));
        Assert.Equal(["cpu", "memory"], policies.ReliabilityPractices.Requests);
        Assert.Null(policies.ApiRestrictions);
    }

    [Theory]
    [InlineData("""{"allowedRegistry": {}}""", "platform:policies.allowedRegistry", "is not a policy")]
    [InlineData("""{"allowedImages": {"enforcement": "block"}}""", "platform:policies.allowedImages.enforcement", "'block' is not an enforcement. Use deny, warn or dryrun.")]
    [InlineData("""{"allowedRegistries": {"enforcement": "deny", "registries": []}}""", "platform:policies.allowedRegistries", "registries is empty")]
    [InlineData("""{"allowedRegistries": {"registries": ["https://registry.example.com"]}}""", "platform:policies.allowedRegistries", "is not a registry host")]
    [InlineData("""{"requiredLabels": {"labels": [{"key": "owner", "allowedRegex": "^(team"}]}}""", "platform:policies.requiredLabels", "the pattern of label 'owner' is not a valid regular expression")]
    [InlineData("""{"requiredLabels": {"labels": [{"key": "owner", "allowedRegex": "^(?!root).*$"}]}}""", "platform:policies.requiredLabels", "not supported by RE2")]
    [InlineData("""{"requiredLabels": {"labels": [{"key": "Bad Key!"}]}}""", "platform:policies.requiredLabels", "is not a label key")]
    [InlineData("""{"requiredLabels": {"labels": []}}""", "platform:policies.requiredLabels", "labels is empty")]
    [InlineData("""{"reliabilityPractices": {"maxLimits": {"memory": "lots"}}}""", "platform:policies.reliabilityPractices", "maxLimits.memory 'lots' is not a Kubernetes quantity")]
    [InlineData("""{"reliabilityPractices": {"requests": ["cpus"]}}""", "platform:policies.reliabilityPractices", "'cpus' is not a resource name")]
    [InlineData("""{"reliabilityPractices": {"probes": "yes"}}""", "platform:policies.reliabilityPractices.probes", "")]
    [InlineData("""{"allowedImages": {"registries": ["x"]}}""", "platform:policies.allowedImages.registries", "is not a setting of allowedImages")]
    [InlineData("""{"allowedImages": {"repositories": ["registry.example.com/app:1.0@sha256:x"]}}""", "platform:policies.allowedImages", "is not a repository")]
    [InlineData("""{"apiRestrictions": {"rules": [{"name": "r", "groups": ["dev"], "kinds": ["Secret"], "operations": ["connect"]}]}}""", "platform:policies.apiRestrictions", "'CONNECT' is not an operation")]
    [InlineData("""{"apiRestrictions": {"rules": [{"name": "r", "kinds": ["Secret"]}]}}""", "platform:policies.apiRestrictions", "rule 'r' names no user group")]
    [InlineData("""{"apiRestrictions": {"rules": [{"name": "r", "groups": ["dev"], "kinds": ["secrets"]}]}}""", "platform:policies.apiRestrictions", "needs kinds as Kind or group/Kind")]
    [InlineData("""{"apiRestrictions": {"nodePortNamespaces": ["Edge"]}}""", "platform:policies.apiRestrictions", "'Edge' is not a namespace name")]
    [InlineData("""{"allowedImages": {"exemptions": [{"name": "legacy", "namespaces": ["old"]}]}}""", "platform:policies.allowedImages", "exemption 'legacy' has no reason")]
    [InlineData("""{"allowedImages": {"exemptions": [{"name": "legacy", "reason": "x"}]}}""", "platform:policies.allowedImages", "exemption 'legacy' exempts nothing")]
    [InlineData("""{"allowedImages": {"exemptions": [{"name": "Legacy", "reason": "x", "namespaces": ["old"]}]}}""", "platform:policies.allowedImages", "is not a DNS-1123 label")]
    [InlineData("""{"allowedImages": {"exemptions": [{"name": "a", "reason": "x", "images": [""]}]}}""", "platform:policies.allowedImages", "an empty prefix would exempt every image")]
    [InlineData("""{"allowedImages": {"exemptions": [{"name": "a", "reason": "x", "objects": [{"kind": "Pod", "name": "*"}]}]}}""", "platform:policies.allowedImages", "every object needs a kind and a name")]
    [InlineData("""{"allowedImages": 3}""", "platform:policies.allowedImages", "is neither an object of settings nor false")]
    [InlineData("""[1]""", "platform:policies", "is not a JSON object")]
    [InlineData("""{"allowedImages": """, "platform:policies", "is not valid JSON")]
    public void Bad_policies_name_the_key_and_the_fix(string value, string key, string expected)
    {
        var error = ValidConfig.Problems(v => v["policies"] = value);

        Assert.Contains(error.Problems, p => p.Key == key && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_policy_is_refused_before_anything_is_registered()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"policyEnforcement": true}""";
        config["policies"] = """{"allowedRegistries": {"registries": []}}""";
        var mocks = new PlatformMocks();

        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));

        Assert.Contains("platform:policies.allowedRegistries: registries is empty", error.Message, StringComparison.Ordinal);
        Assert.Empty(mocks.Registrations);
    }
}
