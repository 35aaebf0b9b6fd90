using System.Text.RegularExpressions;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security.Policies;

/// <summary>
/// One of the platform's typed policies: what it enforces (the record's own settings), how (<see cref="Enforcement"/>),
/// where (<see cref="NamespaceSelector"/>, minus the <see cref="Exemptions"/>). Each renders to a Gatekeeper
/// ConstraintTemplate of the platform's own CEL (<see cref="PolicyManifests.ConstraintTemplate"/>) and one Constraint
/// (<see cref="PolicyManifests.Constraint"/>). The platform's own namespaces never reach a policy: Gatekeeper's webhook
/// and audit skip them (<see cref="GatekeeperValues"/>).
/// </summary>
public abstract partial record PlatformPolicy
{
    /// <summary>What a violation does. Default <see cref="PolicyEnforcement.DryRun"/>.</summary>
    public PolicyEnforcement Enforcement { get; init; } = PolicyEnforcement.DryRun;

    /// <summary>Labels a namespace must have for the policy to apply there (the constraint's
    /// <c>namespaceSelector.matchLabels</c>); empty for every namespace. Default empty.</summary>
    public IReadOnlyDictionary<string, string> NamespaceSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>Named exemptions, each with its reason. Default none.</summary>
    public IReadOnlyList<PolicyExemption> Exemptions { get; init; } = [];

    /// <summary>The policy's name in <c>platform:policies</c>, e.g. <c>allowedRegistries</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The kind of the policy's Constraint, which Gatekeeper creates as a CRD from the template, e.g.
    /// <c>PlatformAllowedRegistries</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The ConstraintTemplate's name: <see cref="Kind"/> in lower case, as Gatekeeper requires.</summary>
    public string TemplateName => Kind.ToLowerInvariant();

    /// <summary>The Constraint's name: <see cref="Id"/> in kebab case, e.g. <c>allowed-registries</c>.</summary>
    public string ConstraintName => KebabBoundary().Replace(Id, "-$1").ToLowerInvariant();

    /// <summary>What is wrong with the policy's settings, if anything (each problem one sentence with its fix).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exemption in Exemptions)
        {
            if (!Dns1123Label().IsMatch(exemption.Name))
                problems.Add($"exemption name '{exemption.Name}' is not a DNS-1123 label; use e.g. legacy-billing.");
            else if (!names.Add(exemption.Name))
                problems.Add($"exemption '{exemption.Name}' appears twice; give each exemption its own name.");
            if (string.IsNullOrWhiteSpace(exemption.Reason))
                problems.Add($"exemption '{exemption.Name}' has no reason; say why it is exempt (a ticket, a deadline).");
            if (exemption.Namespaces.Count + exemption.Images.Count + exemption.Objects.Count == 0)
                problems.Add($"exemption '{exemption.Name}' exempts nothing; list namespaces, images or objects.");
            foreach (var ns in exemption.Namespaces.Where(n => !NamespaceGlob().IsMatch(n)))
                problems.Add($"exemption '{exemption.Name}': '{ns}' is not a namespace name (a leading or trailing * globs).");
            foreach (var image in exemption.Images.Where(string.IsNullOrWhiteSpace))
                problems.Add($"exemption '{exemption.Name}': an image prefix is empty; an empty prefix would exempt every image.");
            foreach (var o in exemption.Objects)
            {
                if (string.IsNullOrWhiteSpace(o.Kind) || string.IsNullOrWhiteSpace(o.Name) || o.Name == "*")
                    problems.Add($"exemption '{exemption.Name}': every object needs a kind and a name (a trailing * makes the name a prefix).");
            }
        }
        foreach (var (key, value) in NamespaceSelector)
        {
            if (string.IsNullOrEmpty(key) || value is null)
                problems.Add("namespaceSelector needs label keys with values, e.g. {\"policy.platform/enforced\": \"true\"}.");
        }
        problems.AddRange(ValidateSettings());
        return problems;
    }

    /// <summary>The kinds the constraint matches, as (API group, kind).</summary>
    internal abstract IReadOnlyList<(string Group, string Kind)> MatchKinds { get; }

    /// <summary>The admission operations the template sees. Default CREATE and UPDATE.</summary>
    internal virtual IReadOnlyList<string> Operations => ["CREATE", "UPDATE"];

    /// <summary>The policy's own CEL variables, after the shared <c>exemptObject</c>.</summary>
    internal abstract IReadOnlyList<CelVariable> PolicyVariables { get; }

    /// <summary>The policy's validations; each is admitted by an exempt object as well.</summary>
    internal abstract IReadOnlyList<CelValidation> PolicyValidations { get; }

    /// <summary>The policy's own parameters (beside <c>exemptImages</c> and <c>exemptObjects</c>).</summary>
    internal abstract Dictionary<string, object> PolicyParameters();

    /// <summary>The OpenAPI schema of each of <see cref="PolicyParameters"/>.</summary>
    internal abstract Dictionary<string, object> PolicyParametersSchema();

    /// <summary>The problems of the policy's own settings.</summary>
    private protected abstract IEnumerable<string> ValidateSettings();

    /// <summary>Whether <paramref name="pattern"/> is a regular expression both .NET and RE2 (Kubernetes' CEL
    /// <c>matches</c>) accept: it compiles, and uses none of what RE2 lacks (lookaround, backreferences, atomic and
    /// possessive groups).</summary>
    internal static bool IsPortableRegex(string pattern, out string? problem)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return false;
        }
        if (Re2Unsupported().Match(pattern) is { Success: true } m)
        {
            problem = $"'{m.Value}' is not supported by RE2, the regular expressions of Kubernetes' CEL";
            return false;
        }
        problem = null;
        return true;
    }

    /// <summary>A parameter schema of a list of strings.</summary>
    internal static Dictionary<string, object> StringList() => Map(("type", "array"), ("items", Map(("type", "string"))));

    [GeneratedRegex("([A-Z])")]
    private static partial Regex KebabBoundary();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^\*?[-a-z0-9]+\*?$")]
    private static partial Regex NamespaceGlob();

    [GeneratedRegex(@"\(\?[=!>]|\(\?<[=!]|\\[1-9]|\\k<|[*+?}]\+")]
    private static partial Regex Re2Unsupported();
}
