using System.Collections;
using System.Text.Json;
using Cel;

namespace Platform.Tests.Security;

/// <summary>
/// Runs a rendered ConstraintTemplate the way Gatekeeper's <c>K8sNativeValidation</c> engine does, with a real CEL
/// evaluator (the <c>Cel</c> package, Google's cel-spec in C#): the Constraint's match (kinds, excluded namespaces,
/// namespace selector, the template's operations), then the template's variables in order (<c>variables.params</c> the
/// Constraint's parameters, <c>variables.anyObject</c> the object or, on DELETE, the old object, as Gatekeeper binds
/// them), then each validation, whose message expression is evaluated when it fails. Template, constraint and
/// admission objects go through JSON first, as the API server stores and sends them.
/// </summary>
/// <remarks>The package implements CEL's standard definitions (macros, <c>has</c>, <c>matches</c>,
/// <c>startsWith</c>, ...) but not the Kubernetes CEL libraries. This host registers, in its own environment only, the
/// two the templates use, with Kubernetes' semantics: <c>list.join(separator)</c> (cel-go's strings extension, which
/// Kubernetes' CEL environment includes) and the quantity library's <c>quantity(string)</c> and
/// <c>isGreaterThan</c> (k8s.io/apiserver/pkg/cel/library/quantity.go), the quantities parsed by KubernetesClient's
/// <c>ResourceQuantity</c>.</remarks>
internal static class GatekeeperCel
{
    /// <summary>A quantity value of the quantity library.</summary>
    private sealed record Quantity(decimal Value);

    /// <summary>An admission request: the operation and the requesting user's groups.</summary>
    internal sealed record Request(string Operation = "CREATE", IReadOnlyList<string>? Groups = null);

    /// <summary>The result: whether the constraint matched the request, and the violation messages.</summary>
    internal sealed record Result(bool Matched, IReadOnlyList<string> Violations)
    {
        public bool Allowed => Violations.Count == 0;
    }

    private static CelEnvironment Environment()
    {
        var env = new CelEnvironment(null, null);
        env.RegisterFunction("join", [typeof(IEnumerable), typeof(string)],
            a => string.Join((string)a[1]!, ((IEnumerable)a[0]!).Cast<object?>().Select(x => (string)x!)));
        env.RegisterFunction("quantity", [typeof(string)], a => new Quantity(new k8s.Models.ResourceQuantity((string)a[0]!).ToDecimal()));
        env.RegisterFunction("isGreaterThan", [typeof(Quantity), typeof(Quantity)], a => ((Quantity)a[0]!).Value > ((Quantity)a[1]!).Value);
        return env;
    }

    /// <summary>Evaluates <paramref name="template"/> and <paramref name="constraint"/> (as rendered) on a request for
    /// <paramref name="objectJson"/> (null on DELETE) with <paramref name="oldObjectJson"/> (null on CREATE).</summary>
    public static Result Evaluate(IReadOnlyDictionary<string, object> template, IReadOnlyDictionary<string, object> constraint,
        string? objectJson, string? oldObjectJson = null, Request? request = null, IReadOnlyDictionary<string, string>? namespaceLabels = null)
    {
        request ??= new Request();
        var t = (Dictionary<string, object?>)Plain(template)!;
        var c = (Dictionary<string, object?>)Plain(constraint)!;
        var obj = objectJson is null ? null : Parse(objectJson);
        var old = oldObjectJson is null ? null : Parse(oldObjectJson);
        var any = obj ?? old ?? throw new ArgumentException("A request needs an object or an old object.");
        if (!Matches(t, c, any, request, namespaceLabels)) return new Result(false, []);

        var target = (Dictionary<string, object?>)List(Map(t["spec"])["targets"]).Single()!;
        var code = List(target["code"]).Cast<Dictionary<string, object?>>().Single(x => (string)x["engine"]! == "K8sNativeValidation");
        var source = Map(code["source"]);
        var (group, version) = GroupVersion((string)any["apiVersion"]!);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["params"] = Map(c["spec"]).GetValueOrDefault("parameters") ?? new Dictionary<string, object?>(),
            ["anyObject"] = any,
        };
        var bindings = new Dictionary<string, object?>
        {
            ["object"] = obj,
            ["oldObject"] = old,
            ["request"] = new Dictionary<string, object?>
            {
                ["operation"] = request.Operation,
                ["kind"] = new Dictionary<string, object?> { ["group"] = group, ["version"] = version, ["kind"] = any["kind"] },
                ["namespace"] = Map(any["metadata"]).GetValueOrDefault("namespace") ?? "",
                ["userInfo"] = new Dictionary<string, object?>
                {
                    ["username"] = "someone",
                    ["groups"] = (request.Groups ?? ["system:authenticated"]).Cast<object?>().ToList(),
                },
            },
            ["variables"] = variables,
        };
        var env = Environment();
        foreach (var variable in List(source["variables"]).Cast<Dictionary<string, object?>>())
            variables[(string)variable["name"]!] = Run(env, (string)variable["expression"]!, bindings);
        var violations = new List<string>();
        foreach (var validation in List(source["validations"]).Cast<Dictionary<string, object?>>())
        {
            var expression = (string)validation["expression"]!;
            if (Run(env, expression, bindings) is not bool allowed)
                throw new InvalidOperationException($"'{expression}' is not a boolean expression.");
            if (allowed) continue;
            var message = Run(env, (string)validation["messageExpression"]!, bindings) as string
                ?? throw new InvalidOperationException("A message expression gave no string.");
            violations.Add(message);
        }
        return new Result(true, violations);
    }

    private static object? Run(CelEnvironment env, string expression, Dictionary<string, object?> bindings)
    {
        try
        {
            var result = env.Compile(expression).Invoke(bindings);
            if (result is not null && result.GetType().FullName?.StartsWith("Cel.", StringComparison.Ordinal) == true)
                throw new InvalidOperationException($"'{expression}' evaluated to {result.GetType().Name}, an error value.");
            return result;
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            throw new InvalidOperationException($"CEL '{expression}' failed: {e.Message}", e);
        }
    }

    /// <summary>Gatekeeper's match: the object's group and kind among the constraint's kinds, its namespace neither
    /// excluded (exact, or a leading/trailing * glob) nor outside the namespace selector, and the operation among the
    /// template's.</summary>
    private static bool Matches(Dictionary<string, object?> template, Dictionary<string, object?> constraint, Dictionary<string, object?> obj,
        Request request, IReadOnlyDictionary<string, string>? namespaceLabels)
    {
        var target = Map(List(Map(template["spec"])["targets"]).Single());
        if (target.TryGetValue("operations", out var ops) && !List(ops).Cast<string>().Contains(request.Operation)) return false;
        var match = Map(Map(constraint["spec"])["match"]);
        var (group, _) = GroupVersion((string)obj["apiVersion"]!);
        var kind = (string)obj["kind"]!;
        if (!List(match["kinds"]).Cast<Dictionary<string, object?>>()
                .Any(k => List(k["apiGroups"]).Cast<string>().Contains(group) && List(k["kinds"]).Cast<string>().Contains(kind)))
            return false;
        var ns = Map(obj["metadata"]).GetValueOrDefault("namespace") as string;
        if (ns is not null && match.TryGetValue("excludedNamespaces", out var excluded)
            && List(excluded).Cast<string>().Any(pattern => Glob(pattern, ns)))
            return false;
        if (ns is not null && match.TryGetValue("namespaceSelector", out var selector))
        {
            var labels = namespaceLabels ?? new Dictionary<string, string>();
            if (Map(Map(selector)["matchLabels"]).Any(kv => labels.GetValueOrDefault(kv.Key) != (string?)kv.Value)) return false;
        }
        return true;
    }

    private static bool Glob(string pattern, string ns) => (pattern.StartsWith('*'), pattern.EndsWith('*')) switch
    {
        (true, true) => ns.Contains(pattern.Trim('*'), StringComparison.Ordinal),
        (true, false) => ns.EndsWith(pattern.TrimStart('*'), StringComparison.Ordinal),
        (false, true) => ns.StartsWith(pattern.TrimEnd('*'), StringComparison.Ordinal),
        _ => ns == pattern,
    };

    private static (string Group, string Version) GroupVersion(string apiVersion) =>
        apiVersion.Split('/') is [var g, var v] ? (g, v) : ("", apiVersion);

    private static Dictionary<string, object?> Map(object? value) => (Dictionary<string, object?>)value!;

    private static List<object?> List(object? value) => (List<object?>)value!;

    private static Dictionary<string, object?> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return (Dictionary<string, object?>)Convert(document.RootElement)!;
    }

    /// <summary>A rendered tree as the API server hands it back: through JSON, then as CEL's values (maps, lists,
    /// int64, double, string, bool, null).</summary>
    private static object? Plain(object tree)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(tree));
        return Convert(document.RootElement);
    }

    private static object? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
