using System.Text.Json.Serialization;

namespace Platform.Tests.Security;

/// <summary>A Falco rules file as Falco 0.44's loader reads it (falcosecurity/falco 0.44.1,
/// <c>userspace/engine/rule_loader_reader.cpp</c>): a sequence of items, each a list, a macro or a rule; decoded strictly,
/// so a key the loader does not know fails the decode.</summary>
internal sealed record FalcoRulesItem
{
    [JsonPropertyName("list")] public string? List { get; init; }
    [JsonPropertyName("items")] public List<string>? Items { get; init; }
    [JsonPropertyName("macro")] public string? Macro { get; init; }
    [JsonPropertyName("rule")] public string? Rule { get; init; }
    [JsonPropertyName("desc")] public string? Desc { get; init; }
    [JsonPropertyName("condition")] public string? Condition { get; init; }
    [JsonPropertyName("output")] public string? Output { get; init; }
    [JsonPropertyName("priority")] public string? Priority { get; init; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; init; }
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }
    [JsonPropertyName("exceptions")] public List<FalcoRuleException>? Exceptions { get; init; }
    [JsonPropertyName("override")] public Dictionary<string, string>? Override { get; init; }
}

/// <summary>One rule exception: fields, their comparison operators and the value tuples.</summary>
internal sealed record FalcoRuleException
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("fields")] public required List<string> Fields { get; init; }
    [JsonPropertyName("comps")] public required List<string> Comps { get; init; }
    [JsonPropertyName("values")] public required List<List<string>> Values { get; init; }
}
