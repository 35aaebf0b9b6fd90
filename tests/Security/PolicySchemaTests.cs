using Platform.Components.Security;
using Platform.Components.Security.Policies;

namespace Platform.Tests.Security;

/// <summary>Every Constraint's parameters fit the schema its ConstraintTemplate declares, as the API server would
/// prune and validate them (structural schema: an undeclared field is dropped, and a template reading it would fail).</summary>
public class PolicySchemaTests
{
    public static TheoryData<string> PolicyIds() => [.. Everything().Enabled.Select(p => p.Id)];

    // Every policy with settings that fill every parameter (exemptions, rules, selectors).
    private static PolicyOptions Everything()
    {
        var exemption = new PolicyExemption
        {
            Name = "legacy", Reason = "TICKET-1", Namespaces = ["legacy"], Images = ["quay.io/vendor/"],
            Objects = [new ExemptObject { Kind = "Pod", Namespace = "a", Name = "x-*" }],
        };
        var all = PolicyOptions.AllWith(PolicyEnforcement.Deny);
        return all with
        {
            AllowedRegistries = all.AllowedRegistries! with { Exemptions = [exemption], NamespaceSelector = new Dictionary<string, string> { ["a"] = "b" } },
            AllowedImages = all.AllowedImages! with { Exemptions = [exemption], Repositories = ["registry.example.com/app"], DigestRequired = true },
            RequiredLabels = all.RequiredLabels! with { Exemptions = [exemption], Labels = [new RequiredLabel { Key = "owner", AllowedRegex = "^a$" }] },
            ReliabilityPractices = all.ReliabilityPractices! with { Exemptions = [exemption] },
            ApiRestrictions = all.ApiRestrictions! with
            {
                Exemptions = [exemption], NodePortNamespaces = ["edge"], LoadBalancerNamespaces = ["edge"],
                Rules = [new ApiRule { Name = "r", Groups = ["dev"], Kinds = ["Secret", "apps/Deployment"] }],
            },
        };
    }

    [Theory]
    [MemberData(nameof(PolicyIds))]
    public void The_constraints_parameters_fit_the_templates_schema(string id)
    {
        var policy = Everything().Enabled.Single(p => p.Id == id);
        var template = PolicyManifests.ConstraintTemplate(policy);
        var schema = At(template, "spec", "crd", "spec", "validation", "openAPIV3Schema");
        var parameters = At(PolicyManifests.Constraint(policy), "spec", "parameters");

        Assert.Empty(Fit(parameters, schema, "parameters"));
        Assert.Equal(policy.Kind, At(template, "spec", "crd", "spec", "names")["kind"]);
        Assert.Equal(policy.TemplateName, At(template, "metadata")["name"]);
        Assert.Equal(policy.Kind.ToLowerInvariant(), policy.TemplateName);
    }

    [Fact]
    public void A_parameter_missing_from_the_schema_is_caught()
    {
        var schema = new Dictionary<string, object> { ["type"] = "object", ["properties"] = new Dictionary<string, object>() };

        Assert.Equal(["parameters.registries is not declared"], Fit(new Dictionary<string, object> { ["registries"] = new object[] { "x" } }, schema, "parameters"));
    }

    private static Dictionary<string, object> At(Dictionary<string, object> tree, params string[] path)
        => path.Aggregate(tree, (node, key) => (Dictionary<string, object>)node[key]);

    /// <summary>The ways <paramref name="value"/> does not fit <paramref name="schema"/> (type, properties, items,
    /// additionalProperties).</summary>
    private static List<string> Fit(object value, Dictionary<string, object> schema, string path)
    {
        var problems = new List<string>();
        var type = (string)schema["type"];
        switch (type)
        {
            case "object" when value is Dictionary<string, object> map:
                var properties = schema.TryGetValue("properties", out var p) ? (Dictionary<string, object>)p : [];
                foreach (var (key, child) in map)
                {
                    if (properties.TryGetValue(key, out var childSchema)) problems.AddRange(Fit(child, (Dictionary<string, object>)childSchema, $"{path}.{key}"));
                    else if (schema.TryGetValue("additionalProperties", out var extra)) problems.AddRange(Fit(child, (Dictionary<string, object>)extra, $"{path}.{key}"));
                    else problems.Add($"{path}.{key} is not declared");
                }
                break;
            case "array" when value is object[] items:
                for (var i = 0; i < items.Length; i++) problems.AddRange(Fit(items[i], (Dictionary<string, object>)schema["items"], $"{path}[{i}]"));
                break;
            case "string" when value is string:
            case "boolean" when value is bool:
                break;
            default:
                problems.Add($"{path} is a {value.GetType().Name}, not a {type}");
                break;
        }
        return problems;
    }
}
