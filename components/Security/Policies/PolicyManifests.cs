using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security.Policies;

/// <summary>Renders a <see cref="PlatformPolicy"/> to its Gatekeeper objects: the ConstraintTemplate, whose CEL runs in
/// Gatekeeper's <c>K8sNativeValidation</c> engine (on by default from Gatekeeper 3.16, <c>enableK8sNativeValidation</c>
/// in the chart), and the one Constraint of its kind. Pure: the same policy gives the same trees. The trees hold only
/// string, bool, nested <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>.</summary>
/// <remarks>Every template reads <c>variables.anyObject</c> (Gatekeeper binds it to <c>object</c>, or to
/// <c>oldObject</c> on DELETE) and <c>variables.params</c> (the Constraint's parameters), the bindings Gatekeeper adds
/// to the ValidatingAdmissionPolicy variables (<c>object</c>, <c>oldObject</c>, <c>request</c>); see Gatekeeper's
/// "Integration with Kubernetes Validating Admission Policy" page. The ConstraintTemplate carries
/// <c>pulumi.com/waitFor: jsonpath={.status.created}=true</c> (the Kubernetes provider's await annotation, from
/// 4.18): its resource is created only once Gatekeeper has created the Constraint's CRD, so the Constraint, which
/// depends on it, finds its kind.</remarks>
public static class PolicyManifests
{
    /// <summary>The ConstraintTemplate's apiVersion.</summary>
    public const string TemplateApiVersion = "templates.gatekeeper.sh/v1";

    /// <summary>The ConstraintTemplate's kind.</summary>
    public const string TemplateKind = "ConstraintTemplate";

    /// <summary>Every Constraint's apiVersion.</summary>
    public const string ConstraintApiVersion = "constraints.gatekeeper.sh/v1beta1";

    /// <summary>Gatekeeper's admission target.</summary>
    public const string Target = "admission.k8s.gatekeeper.sh";

    /// <summary>The engine of the platform's templates: Kubernetes' CEL, as in ValidatingAdmissionPolicies.</summary>
    public const string Engine = "K8sNativeValidation";

    /// <summary>The await annotation the ConstraintTemplate carries, and its value.</summary>
    public static KeyValuePair<string, string> WaitForCrd { get; } = new("pulumi.com/waitFor", "jsonpath={.status.created}=true");

    /// <summary>Gatekeeper's <c>enforcementAction</c> for <paramref name="enforcement"/>.</summary>
    public static string Action(PolicyEnforcement enforcement) => enforcement switch
    {
        PolicyEnforcement.Deny => "deny",
        PolicyEnforcement.Warn => "warn",
        PolicyEnforcement.DryRun => "dryrun",
        _ => throw new ArgumentOutOfRangeException(nameof(enforcement), enforcement, "Unknown enforcement."),
    };

    /// <summary>The shared first variable: whether an exemption names the object (kind, namespace when given, name or
    /// name prefix).</summary>
    internal static CelVariable ExemptObject { get; } = new("exemptObject",
        "variables.params.exemptObjects.exists(e, e.kind == variables.anyObject.kind && "
        + "(e.namespace == '' || (has(variables.anyObject.metadata.namespace) && variables.anyObject.metadata.namespace == e.namespace)) && "
        + "has(variables.anyObject.metadata.name) && (e.prefix ? variables.anyObject.metadata.name.startsWith(e.name) : variables.anyObject.metadata.name == e.name))");

    /// <summary>The policy's ConstraintTemplate (apiVersion, kind, metadata, spec).</summary>
    public static Dictionary<string, object> ConstraintTemplate(PlatformPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var properties = Map(
            ("exemptImages", PlatformPolicy.StringList()),
            ("exemptObjects", Map(("type", "array"), ("items", Map(("type", "object"), ("properties", Map(
                ("kind", Map(("type", "string"))),
                ("namespace", Map(("type", "string"))),
                ("name", Map(("type", "string"))),
                ("prefix", Map(("type", "boolean"))))))))));
        foreach (var (name, schema) in policy.PolicyParametersSchema())
            properties.Add(name, schema);
        var variables = new[] { ExemptObject }.Concat(policy.PolicyVariables)
            .Select(v => (object)Map(("name", v.Name), ("expression", v.Expression))).ToArray();
        var validations = policy.PolicyValidations
            .Select(v => (object)Map(
                ("expression", $"variables.exemptObject || ({v.Expression})"),
                ("message", $"{policy.ConstraintName}: the object violates the platform policy {policy.Id}"),
                ("messageExpression", $"'{policy.ConstraintName}: ' + {v.MessageExpression}")))
            .ToArray();
        return Map(
            ("apiVersion", TemplateApiVersion),
            ("kind", TemplateKind),
            ("metadata", Map(
                ("name", policy.TemplateName),
                ("annotations", Map((WaitForCrd.Key, WaitForCrd.Value))))),
            ("spec", Map(
                ("crd", Map(("spec", Map(
                    ("names", Map(("kind", policy.Kind))),
                    ("validation", Map(("openAPIV3Schema", Map(("type", "object"), ("properties", properties))))))))),
                ("targets", new object[]
                {
                    Map(
                        ("target", Target),
                        ("operations", policy.Operations.Cast<object>().ToArray()),
                        ("code", new object[]
                        {
                            Map(("engine", Engine), ("source", Map(("variables", variables), ("validations", validations)))),
                        })),
                }))));
    }

    /// <summary>The policy's Constraint (apiVersion, kind, metadata, spec): its enforcement action, the kinds it
    /// matches, the namespaces its exemptions leave out, its namespace selector and its parameters.</summary>
    public static Dictionary<string, object> Constraint(PlatformPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var kinds = policy.MatchKinds.GroupBy(k => k.Group, StringComparer.Ordinal)
            .Select(g => (object)Map(("apiGroups", new object[] { g.Key }), ("kinds", g.Select(k => (object)k.Kind).ToArray())))
            .ToArray();
        var match = Map(("kinds", kinds));
        var excluded = policy.Exemptions.SelectMany(e => e.Namespaces).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Cast<object>().ToArray();
        if (excluded.Length > 0) match.Add("excludedNamespaces", excluded);
        if (policy.NamespaceSelector.Count > 0)
        {
            match.Add("namespaceSelector", Map(("matchLabels",
                policy.NamespaceSelector.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => (object)kv.Value, StringComparer.Ordinal))));
        }
        var parameters = Map(
            ("exemptImages", policy.Exemptions.SelectMany(e => e.Images).Distinct(StringComparer.Ordinal).Cast<object>().ToArray()),
            ("exemptObjects", policy.Exemptions.SelectMany(e => e.Objects).Distinct().Select(o => (object)Map(
                ("kind", o.Kind),
                ("namespace", o.Namespace ?? ""),
                ("name", o.Name.TrimEnd('*')),
                ("prefix", o.Name.EndsWith('*')))).ToArray()));
        foreach (var (name, value) in policy.PolicyParameters())
            parameters.Add(name, value);
        return Map(
            ("apiVersion", ConstraintApiVersion),
            ("kind", policy.Kind),
            ("metadata", Map(("name", policy.ConstraintName))),
            ("spec", Map(
                ("enforcementAction", Action(policy.Enforcement)),
                ("match", match),
                ("parameters", parameters))));
    }
}
