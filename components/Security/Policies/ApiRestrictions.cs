using System.Text.RegularExpressions;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security.Policies;

/// <summary>Policy 5: API restrictions that RBAC cannot express. NodePort and LoadBalancer Services only in the listed
/// namespaces; Ingress hosts neither wildcards nor repeated within one Ingress; and <see cref="Rules"/>, which refuse
/// listed operations on listed kinds to listed user groups. A host repeated across two Ingresses needs Gatekeeper's
/// replicated inventory (referential data), which CEL templates cannot read: it is not checked here.</summary>
public sealed partial record ApiRestrictions : PlatformPolicy
{
    /// <summary>The namespaces where NodePort Services are allowed. Default none.</summary>
    public IReadOnlyList<string> NodePortNamespaces { get; init; } = [];

    /// <summary>The namespaces where LoadBalancer Services are allowed. Default none.</summary>
    public IReadOnlyList<string> LoadBalancerNamespaces { get; init; } = [];

    /// <summary>Whether Ingress hosts may not be wildcards (<c>*.example.com</c>). Default true.</summary>
    public bool DenyWildcardHosts { get; init; } = true;

    /// <summary>Whether one Ingress may not list the same host in two rules. Default true.</summary>
    public bool DenyDuplicateHosts { get; init; } = true;

    /// <summary>Operations on kinds refused to user groups. Default none.</summary>
    public IReadOnlyList<ApiRule> Rules { get; init; } = [];

    /// <inheritdoc />
    public override string Id => "apiRestrictions";

    /// <inheritdoc />
    public override string Kind => "PlatformApiRestrictions";

    /// <summary>Whether a rule refuses deletions, which Gatekeeper's webhook then has to see
    /// (<c>enableDeleteOperations</c>).</summary>
    public bool RefusesDeletions => Rules.Any(r => r.Operations.Contains("DELETE", StringComparer.Ordinal));

    internal override IReadOnlyList<(string Group, string Kind)> MatchKinds =>
        [.. new[] { ("", "Service"), ("networking.k8s.io", "Ingress") }.Concat(Rules.SelectMany(r => r.GroupKinds)).Distinct()];

    internal override IReadOnlyList<string> Operations => RefusesDeletions ? ["CREATE", "UPDATE", "DELETE"] : ["CREATE", "UPDATE"];

    internal override IReadOnlyList<CelVariable> PolicyVariables { get; } =
    [
        new("objectNamespace", "has(variables.anyObject.metadata.namespace) ? variables.anyObject.metadata.namespace : ''"),
        // What is written (object is null on DELETE, when only the rules apply).
        new("serviceType", "object != null && object.kind == 'Service' && has(object.spec.type) ? object.spec.type : ''"),
        new("hosts", "object != null && object.kind == 'Ingress' && has(object.spec.rules) ? object.spec.rules.filter(r, has(r.host)).map(r, r.host) : []"),
        new("userGroups", "has(request.userInfo) && has(request.userInfo.groups) ? request.userInfo.groups : []"),
        new("refusedBy", "variables.params.rules.filter(r, r.operations.exists(o, o == request.operation) && "
            + "r.kinds.exists(k, k.group == request.kind.group && k.kind == request.kind.kind) && r.groups.exists(g, g in variables.userGroups))"),
    ];

    internal override IReadOnlyList<CelValidation> PolicyValidations { get; } =
    [
        new("variables.serviceType != 'NodePort' || variables.objectNamespace in variables.params.nodePortNamespaces",
            "'NodePort Services are allowed only in: ' + (size(variables.params.nodePortNamespaces) == 0 ? 'no namespace' : variables.params.nodePortNamespaces.join(', '))"),
        new("variables.serviceType != 'LoadBalancer' || variables.objectNamespace in variables.params.loadBalancerNamespaces",
            "'LoadBalancer Services are allowed only in: ' + (size(variables.params.loadBalancerNamespaces) == 0 ? 'no namespace' : variables.params.loadBalancerNamespaces.join(', '))"),
        new("!variables.params.denyWildcardHosts || !variables.hosts.exists(h, h.startsWith('*'))",
            "'wildcard Ingress hosts are not allowed: ' + variables.hosts.filter(h, h.startsWith('*')).join(', ')"),
        new("!variables.params.denyDuplicateHosts || !variables.hosts.exists(h, size(variables.hosts.filter(x, x == h)) > 1)",
            "'an Ingress may list each host once: ' + variables.hosts.filter(h, size(variables.hosts.filter(x, x == h)) > 1).join(', ')"),
        new("size(variables.refusedBy) == 0",
            "request.operation + ' of ' + request.kind.kind + ' is refused to your groups by rule ' + variables.refusedBy.map(r, r.name).join(', ')"),
    ];

    internal override Dictionary<string, object> PolicyParameters() => Map(
        ("nodePortNamespaces", NodePortNamespaces.Cast<object>().ToArray()),
        ("loadBalancerNamespaces", LoadBalancerNamespaces.Cast<object>().ToArray()),
        ("denyWildcardHosts", DenyWildcardHosts),
        ("denyDuplicateHosts", DenyDuplicateHosts),
        ("rules", Rules.Select(r => (object)Map(
            ("name", r.Name),
            ("groups", r.Groups.Cast<object>().ToArray()),
            ("kinds", r.GroupKinds.Select(k => (object)Map(("group", k.Group), ("kind", k.Kind))).ToArray()),
            ("operations", r.Operations.Cast<object>().ToArray()))).ToArray()));

    internal override Dictionary<string, object> PolicyParametersSchema() => Map(
        ("nodePortNamespaces", StringList()),
        ("loadBalancerNamespaces", StringList()),
        ("denyWildcardHosts", Map(("type", "boolean"))),
        ("denyDuplicateHosts", Map(("type", "boolean"))),
        ("rules", Map(("type", "array"), ("items", Map(("type", "object"), ("properties", Map(
            ("name", Map(("type", "string"))),
            ("groups", StringList()),
            ("kinds", Map(("type", "array"), ("items", Map(("type", "object"), ("properties", Map(
                ("group", Map(("type", "string"))), ("kind", Map(("type", "string"))))))))),
            ("operations", StringList()))))))));

    private protected override IEnumerable<string> ValidateSettings()
    {
        foreach (var ns in NodePortNamespaces.Concat(LoadBalancerNamespaces).Where(n => !Dns1123().IsMatch(n)))
            yield return $"'{ns}' is not a namespace name.";
        foreach (var group in Rules.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return $"rule '{group.Key}' appears twice; give each rule its own name.";
        foreach (var rule in Rules)
        {
            if (!Dns1123().IsMatch(rule.Name ?? ""))
                yield return $"rule name '{rule.Name}' is not a DNS-1123 label; use e.g. no-secret-edits.";
            if (rule.Groups.Count == 0 || rule.Groups.Any(string.IsNullOrWhiteSpace))
                yield return $"rule '{rule.Name}' names no user group; list the groups it refuses, e.g. [\"developers\"].";
            if (rule.Kinds.Count == 0 || rule.GroupKinds.Any(k => !KindName().IsMatch(k.Kind)))
                yield return $"rule '{rule.Name}' needs kinds as Kind or group/Kind, e.g. [\"Secret\", \"rbac.authorization.k8s.io/RoleBinding\"].";
            foreach (var op in rule.Operations.Where(o => o is not ("CREATE" or "UPDATE" or "DELETE")))
                yield return $"rule '{rule.Name}': '{op}' is not an operation; use CREATE, UPDATE or DELETE.";
            if (rule.Operations.Count == 0)
                yield return $"rule '{rule.Name}' refuses no operation; list CREATE, UPDATE or DELETE.";
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Dns1123();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex KindName();
}
