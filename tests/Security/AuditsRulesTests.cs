using System.Text.RegularExpressions;
using Platform.Components.Security.Audits;
using Platform.Tests.Validation;

namespace Platform.Tests.Security;

/// <summary>The platform's Falco rules file, decoded as Falco's loader reads it: the lists, the three platform rules,
/// and the exceptions rendered as <c>override: {exceptions: append}</c> entries of existing rules.</summary>
public partial class AuditsRulesTests
{
    private static readonly PlatformRulesInputs Plain = new()
    {
        PlatformNamespaces = ["monitoring", "kube-system", "falco", "rook-ceph"],
        ClusterOnlyNamespaces = ["falco", "rook-ceph"],
        ClusterAddresses = ["10.0.0.11", "203.0.113.7"],
    };

    private static List<FalcoRulesItem> Decode(string yaml) => StrictJson.DecodeYaml<List<FalcoRulesItem>>(yaml);

    [Fact]
    public void The_platform_rules_are_complete_rules_over_defined_lists()
    {
        var items = Decode(PlatformRules.Render(Plain));

        var lists = items.Where(i => i.List is not null).ToDictionary(i => i.List!, i => i.Items!);
        Assert.Equal(["falco", "kube-system", "monitoring", "rook-ceph"], lists[PlatformRules.PlatformNamespacesList]);
        Assert.Equal(["falco", "rook-ceph"], lists[PlatformRules.ClusterOnlyNamespacesList]);
        Assert.Equal(["10.0.0.11", "203.0.113.7"], lists[PlatformRules.ClusterAddressesList]);
        var rules = items.Where(i => i.Rule is not null).ToList();
        Assert.Equal(PlatformRules.Names, rules.Select(r => r.Rule));
        foreach (var rule in rules)
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Desc));
            Assert.False(string.IsNullOrWhiteSpace(rule.Output));
            Assert.NotNull(FalcoPriorityNames.Parse(rule.Priority!));
            Assert.Equal(rule.Priority, rule.Priority!.ToUpperInvariant());
            Assert.Contains("platform", rule.Tags!);
            Assert.Null(rule.Override);
            // Every platform_ list a condition uses is defined in the file, before the rule.
            foreach (Match used in PlatformList().Matches(rule.Condition!))
                Assert.True(lists.ContainsKey(used.Groups[1].Value), $"{rule.Rule} uses {used.Groups[1].Value}, which is not defined");
        }
        Assert.Contains($"k8s.ns.name in ({PlatformRules.PlatformNamespacesList})", rules[0].Condition, StringComparison.Ordinal);
        Assert.Contains("fd.name startswith /etc/", rules[1].Condition, StringComparison.Ordinal);
        Assert.Contains($"not fd.sip in ({PlatformRules.ClusterAddressesList})", rules[2].Condition, StringComparison.Ordinal);
    }

    [Fact]
    public void Exceptions_append_to_the_named_rules_grouped_by_the_fields_they_set()
    {
        var inputs = Plain with
        {
            Exceptions =
            [
                new AuditException { Rule = "Terminal shell in container", Namespace = "ops-tools", Reason = "on-call debug pods" },
                new AuditException { Rule = "Terminal shell in container", Namespace = "ci", Image = "registry.example.com:5000/ci/runner", Reason = "CI runners\nopen shells" },
                new AuditException { Rule = PlatformRules.WriteBelowEtcInContainer, Image = "docker.io/library/nginx", Reason = "writes its conf.d at start" },
                new AuditException { Rule = "Terminal shell in container", Namespace = "data", Reason = "notebooks" },
            ],
        };
        var yaml = PlatformRules.Render(inputs);
        var overrides = Decode(yaml).Where(i => i.Override is not null).ToList();

        Assert.Equal(["Terminal shell in container", PlatformRules.WriteBelowEtcInContainer], overrides.Select(o => o.Rule));
        foreach (var item in overrides)
        {
            Assert.Contains(item.Rule!, SecurityAuditsOptions.KnownRules);
            Assert.Equal(new Dictionary<string, string> { ["exceptions"] = "append" }, item.Override);
            // An override entry carries only what it changes.
            Assert.Null(item.Condition);
            Assert.Null(item.Priority);
            foreach (var exception in item.Exceptions!)
            {
                Assert.All(exception.Fields, f => Assert.Contains(f, new[] { PlatformRules.NamespaceField, PlatformRules.ImageField }));
                Assert.Equal(exception.Fields.Select(_ => "="), exception.Comps);
                Assert.All(exception.Values, tuple => Assert.Equal(exception.Fields.Count, tuple.Count));
            }
        }
        var shell = overrides[0].Exceptions!;
        Assert.Equal(["platform_namespace_image", "platform_namespace"], shell.Select(e => e.Name));
        Assert.Equal([["ci", "registry.example.com:5000/ci/runner"]], shell[0].Values);
        Assert.Equal([["ops-tools"], ["data"]], shell[1].Values);
        var etc = Assert.Single(overrides[1].Exceptions!);
        Assert.Equal("platform_image", etc.Name);
        Assert.Equal([PlatformRules.ImageField], etc.Fields);
        Assert.Equal([["docker.io/library/nginx"]], etc.Values);
        // The reasons are in the file for whoever reads it, one line each.
        Assert.Contains("# - Terminal shell in container: namespace ci, image registry.example.com:5000/ci/runner: CI runners open shells", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_exceptions_no_rule_is_overridden()
    {
        Assert.DoesNotContain(Decode(PlatformRules.Render(Plain)), i => i.Override is not null || i.Exceptions is not null);
    }

    [Theory]
    [InlineData("Terminal shell in a container", "ops", null)]
    [InlineData("Terminal shell in container", null, null)]
    public void The_renderer_refuses_an_exception_it_cannot_render(string rule, string? ns, string? image)
    {
        var inputs = Plain with { Exceptions = [new AuditException { Rule = rule, Namespace = ns, Image = image, Reason = "r" }] };

        Assert.Throws<ArgumentException>(() => PlatformRules.Render(inputs));
    }

    [Fact]
    public void The_default_rule_names_are_those_of_the_bundled_rules_release()
    {
        Assert.Equal("falco-rules-5.1.0", FalcoDefaultRules.Version);
        Assert.Equal(25, FalcoDefaultRules.Names.Count);
        Assert.Equal(FalcoDefaultRules.Names.Count, FalcoDefaultRules.Names.Distinct().Count());
        Assert.Contains("Terminal shell in container", FalcoDefaultRules.Names);
        Assert.Empty(FalcoDefaultRules.Names.Intersect(PlatformRules.Names));
    }

    [GeneratedRegex(@"\((platform_[a-z_]+)\)")]
    private static partial Regex PlatformList();
}
