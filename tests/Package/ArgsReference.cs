using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Platform.Tests.Package;

/// <summary>The "Args reference" of components/README.md, written from the assembly and its XML documentation: one
/// table per public <c>*Args</c> and <c>*Options</c> record, every public property in declaration order with its type,
/// whether it is required and its documented meaning and default.</summary>
public static partial class ArgsReference
{
    /// <summary>The first line of the generated part of the README.</summary>
    public const string Begin = "<!-- BEGIN GENERATED: Args reference (tests/Package/ArgsReference.cs; PLATFORM_UPDATE_API=1 rewrites it) -->";

    /// <summary>The line after the generated part.</summary>
    public const string End = "<!-- END GENERATED: Args reference -->";

    /// <summary>The records the reference covers, by full name.</summary>
    public static IReadOnlyList<Type> Records(Assembly assembly)
        => [.. assembly.GetExportedTypes()
            .Where(t => t.IsClass && t.GetMethod("<Clone>$") is not null && (t.Name.EndsWith("Args", StringComparison.Ordinal) || t.Name.EndsWith("Options", StringComparison.Ordinal)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>The generated part, from <see cref="Begin"/> to <see cref="End"/> inclusive.</summary>
    public static string Render(Assembly assembly, string xmlDocumentation)
    {
        var docs = XDocument.Parse(xmlDocumentation).Descendants("member")
            .ToDictionary(m => m.Attribute("name")!.Value, m => m.Element("summary"), StringComparer.Ordinal);
        var text = new StringBuilder().Append(Begin).Append('\n');
        foreach (var record in Records(assembly))
        {
            text.Append('\n').Append("#### `").Append(record.Name).Append("` (").Append(record.Namespace).Append(")\n\n");
            if (Summary(docs, "T:" + record.FullName) is { Length: > 0 } summary)
                text.Append(summary).Append("\n\n");
            text.Append("| Property | Type | Required | Meaning and default |\n|---|---|---|---|\n");
            foreach (var property in record.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                         .Where(p => p.Name != "EqualityContract" && p.SetMethod is { IsPublic: true })
                         .OrderBy(p => p.MetadataToken))
            {
                var required = property.IsDefined(typeof(RequiredMemberAttribute)) ? "yes" : "";
                var meaning = Summary(docs, $"P:{record.FullName}.{property.Name}").Replace("|", "\\|", StringComparison.Ordinal);
                text.Append($"| `{property.Name}` | `{ShortName(property.PropertyType)}` | {required} | {meaning} |\n");
            }
        }
        return text.Append('\n').Append(End).ToString();
    }

    private static string Summary(Dictionary<string, XElement?> docs, string id)
    {
        if (!docs.TryGetValue(id, out var summary) || summary is null) return "";
        var text = string.Concat(summary.Nodes().Select(Plain));
        return Whitespace().Replace(text, " ").Trim();
    }

    private static string Plain(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "see" or "seealso" } see => see.Attribute("cref") is { } cref
            ? $"`{Cref(cref.Value)}`" : see.Attribute("langword") is { } word ? $"`{word.Value}`" : see.Value,
        XElement { Name.LocalName: "c" } code => $"`{code.Value}`",
        XElement { Name.LocalName: "paramref" or "typeparamref" } reference => $"`{reference.Attribute("name")?.Value}`",
        XElement { Name.LocalName: "para" } para => " " + string.Concat(para.Nodes().Select(Plain)) + " ",
        XElement element => string.Concat(element.Nodes().Select(Plain)),
        _ => "",
    };

    // "T:Platform.Components.Cluster.ClusterArgs" → ClusterArgs; "P:...ClusterArgs.KubeProxy" → ClusterArgs.KubeProxy;
    // "M:...Cluster.ReconcileServiceProxy(System.Collections...)" → Cluster.ReconcileServiceProxy.
    private static string Cref(string cref)
    {
        var name = cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (name.IndexOf('(', StringComparison.Ordinal) is var paren and >= 0) name = name[..paren];
        var parts = name.Split('.');
        return cref.StartsWith("T:", StringComparison.Ordinal) ? parts[^1] : $"{parts[^2]}.{parts[^1]}";
    }

    private static string ShortName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying) return ShortName(underlying) + "?";
        if (type.IsArray) return ShortName(type.GetElementType()!) + "[]";
        if (type == typeof(string)) return "string";
        if (type == typeof(int)) return "int";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(object)) return "object";
        if (type.IsGenericType && type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal))
            return $"({string.Join(", ", type.GetGenericArguments().Select(ShortName))})";
        var name = type.Name.Split('`')[0];
        return type.IsGenericType ? $"{name}<{string.Join(", ", type.GetGenericArguments().Select(ShortName))}>" : name;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
