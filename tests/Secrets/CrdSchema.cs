using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Components.Catalog;

namespace Platform.Tests.Secrets;

/// <summary>Validates a custom resource strictly against the openAPIV3Schema of its CRD's served version, the way the API
/// server prunes and validates it and chart-check reads it: objects are closed unless the schema opens them
/// (<c>additionalProperties</c>, <c>x-kubernetes-preserve-unknown-fields</c>), with <c>type</c>, <c>enum</c>,
/// <c>required</c>, <c>pattern</c>, <c>minLength</c>/<c>maxLength</c>, <c>minimum</c>/<c>maximum</c>,
/// <c>minItems</c>/<c>maxItems</c>, <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c> and <c>x-kubernetes-int-or-string</c>
/// checked, and <c>metadata</c> checked as ObjectMeta (known fields, DNS-1123 name and namespace, string labels and
/// annotations). CEL rules are not evaluated.</summary>
internal static class CrdSchema
{
    private static readonly string[] MetadataFields = ["name", "namespace", "labels", "annotations", "generateName"];

    /// <summary>Every error of <paramref name="document"/> (apiVersion, kind, metadata, spec, ...) against the CRDs of
    /// <paramref name="chart"/>; an unknown kind or an unserved version is an error too.</summary>
    public static IReadOnlyList<string> Errors(HelmChart chart, JsonNode document)
    {
        var errors = new List<string>();
        var obj = document as JsonObject ?? throw new ArgumentException("not an object", nameof(document));
        var apiVersion = (string?)obj["apiVersion"] ?? "";
        var kind = (string?)obj["kind"] ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var crd = ChartCrds.Of(chart).Select(c => JsonSerializer.SerializeToNode(c.Spec)!.AsObject())
            .SingleOrDefault(spec => (string?)spec["group"] == group && (string?)spec["names"]!["kind"] == kind);
        if (crd is null) return [$"no CRD of {chart.Name} {chart.Version} for {apiVersion} {kind}"];
        var served = crd["versions"]!.AsArray().Select(v => v!.AsObject()).SingleOrDefault(v => (string?)v["name"] == version && (bool?)v["served"] == true);
        if (served is null) return [$"{apiVersion} {kind}: version {version} is not served"];
        var schema = served["schema"]!["openAPIV3Schema"]!.AsObject();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind") continue;
            if (key == "metadata") { Metadata(value, (string?)crd["scope"] == "Namespaced", errors); continue; }
            if (schema["properties"]?[key] is JsonObject property) Walk(property, value, key, errors);
            else errors.Add($"{key} is not a field of {kind}");
        }
        foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
            if (!obj.ContainsKey(required)) errors.Add($"{required} is required");
        return errors;
    }

    private static void Metadata(JsonNode? metadata, bool namespaced, List<string> errors)
    {
        if (metadata is not JsonObject meta) { errors.Add("metadata is not an object"); return; }
        foreach (var (key, value) in meta)
        {
            if (!MetadataFields.Contains(key)) errors.Add($"metadata.{key} is not an ObjectMeta field here");
            else if (key is "labels" or "annotations" && (value is not JsonObject map || map.Any(kv => kv.Value?.GetValueKind() != JsonValueKind.String)))
                errors.Add($"metadata.{key} is not a map of strings");
        }
        if ((string?)meta["name"] is not { } name || !Regex.IsMatch(name, "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$") || name.Length > 253)
            errors.Add("metadata.name is not a DNS-1123 subdomain");
        var ns = (string?)meta["namespace"];
        if (namespaced && ns is not null && !Regex.IsMatch(ns, "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")) errors.Add("metadata.namespace is not a DNS-1123 label");
        if (!namespaced && ns is not null) errors.Add("metadata.namespace is set on a cluster-scoped kind");
    }

    private static void Walk(JsonObject schema, JsonNode? value, string path, List<string> errors)
    {
        if (value is null) return;
        foreach (var branch in schema["allOf"]?.AsArray().OfType<JsonObject>() ?? [])
            Walk(branch, value, path, errors);
        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema[keyword] is not JsonArray branches) continue;
            var matching = branches.OfType<JsonObject>().Count(branch => { var e = new List<string>(); Walk(branch, value, path, e); return e.Count == 0; });
            if (keyword == "anyOf" ? matching == 0 : matching != 1) errors.Add($"{path} matches {matching} of the {keyword} branches");
        }
        var kind = value.GetValueKind();
        if ((bool?)schema["x-kubernetes-int-or-string"] == true)
        {
            if (kind is not (JsonValueKind.String or JsonValueKind.Number)) errors.Add($"{path} is neither an integer nor a string");
            return;
        }
        var type = (string?)schema["type"];
        switch (type)
        {
            case "object":
                if (value is not JsonObject obj) { errors.Add($"{path} is {kind}, the CRD says object"); return; }
                var properties = schema["properties"] as JsonObject;
                var preserve = (bool?)schema["x-kubernetes-preserve-unknown-fields"] == true;
                foreach (var (key, child) in obj)
                {
                    if (properties?[key] is JsonObject property) Walk(property, child, $"{path}.{key}", errors);
                    else if (schema["additionalProperties"] is JsonObject additional) Walk(additional, child, $"{path}.{key}", errors);
                    else if (!preserve && schema["additionalProperties"]?.GetValueKind() != JsonValueKind.True)
                        errors.Add($"{path}.{key} is not a field of the CRD");
                }
                foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
                    if (!obj.ContainsKey(required)) errors.Add($"{path}.{required} is required");
                Count(schema, obj.Count, "Properties", path, errors);
                break;
            case "array":
                if (value is not JsonArray list) { errors.Add($"{path} is {kind}, the CRD says array"); return; }
                for (var i = 0; i < list.Count; i++)
                    if (schema["items"] is JsonObject items) Walk(items, list[i], $"{path}[{i}]", errors);
                Count(schema, list.Count, "Items", path, errors);
                break;
            case "string":
                if (kind != JsonValueKind.String) { errors.Add($"{path} is {kind}, the CRD says string"); return; }
                var text = (string)value!;
                if (schema["enum"] is JsonArray allowed && !allowed.Select(a => (string?)a).Contains(text)) errors.Add($"{path} '{text}' is not one of the CRD's values");
                if ((string?)schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern)) errors.Add($"{path} '{text}' does not match {pattern}");
                Count(schema, text.Length, "Length", path, errors);
                break;
            case "integer" or "number":
                if (kind != JsonValueKind.Number) { errors.Add($"{path} is {kind}, the CRD says {type}"); return; }
                var number = value!.GetValue<double>();
                if (type == "integer" && number != Math.Floor(number)) errors.Add($"{path} {number} is not an integer");
                if (schema["minimum"] is { } min && number < min.GetValue<double>()) errors.Add($"{path} is below {min}");
                if (schema["maximum"] is { } max && number > max.GetValue<double>()) errors.Add($"{path} is above {max}");
                break;
            case "boolean":
                if (kind is not (JsonValueKind.True or JsonValueKind.False)) errors.Add($"{path} is {kind}, the CRD says boolean");
                break;
            case null:
                break;
            default:
                errors.Add($"{path}: the CRD's type {type} is not known to this check");
                break;
        }
    }

    private static void Count(JsonObject schema, int count, string what, string path, List<string> errors)
    {
        if (schema["min" + what] is { } min && count < min.GetValue<double>()) errors.Add($"{path} has fewer than {min.ToString()} {what.ToLower(CultureInfo.InvariantCulture)}");
        if (schema["max" + what] is { } max && count > max.GetValue<double>()) errors.Add($"{path} has more than {max.ToString()} {what.ToLower(CultureInfo.InvariantCulture)}");
    }
}
