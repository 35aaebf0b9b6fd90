using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Platform.Tests.Package;

/// <summary>The public surface of an assembly as text, one line per type and per member, ordinally sorted so a change
/// shows as the lines it adds or removes: each type with its kind, modifiers, base type and interfaces, and each
/// public or protected member with its full signature (parameter types, names and defaults, nullability, required and
/// init-only properties). Constant values are left out, so a version bump is not an API change.</summary>
public static class PublicApiListing
{
    /// <summary>The listing of <paramref name="assembly"/>.</summary>
    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var name = TypeName(type);
            lines.Add($"{name}: {TypeDeclaration(type)}");
            lines.AddRange(Members(type).Select(member => $"{name}: {member}").Order(StringComparer.Ordinal));
        }
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        return text.ToString();
    }

    private static string TypeDeclaration(Type type)
    {
        string kind;
        if (type.IsEnum) kind = "enum";
        else if (type.IsInterface) kind = "interface";
        else if (type.IsValueType) kind = type.GetMethod("<Clone>$") is null && IsRecordStruct(type) ? "record struct" : "struct";
        else if (typeof(Delegate).IsAssignableFrom(type)) kind = "delegate";
        else kind = type.GetMethod("<Clone>$") is not null ? "record" : "class";
        var modifiers = type switch
        {
            { IsInterface: true } or { IsEnum: true } or { IsValueType: true } => "",
            { IsAbstract: true, IsSealed: true } => "static ",
            { IsAbstract: true } => "abstract ",
            { IsSealed: true } => "sealed ",
            _ => "",
        };
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            bases.Add(TypeName(baseType));
        if (!type.IsEnum)
            bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(TypeName).Order(StringComparer.Ordinal));
        return $"public {modifiers}{kind}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : "")}";
    }

    private static bool IsRecordStruct(Type type) => type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    private static IEnumerable<string> Members(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var nullability = new NullabilityInfoContext();
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                yield return $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            yield break;
        }
        foreach (var member in type.GetMembers(flags).Where(Visible).Where(m => !m.IsDefined(typeof(CompilerGeneratedAttribute))))
        {
            switch (member)
            {
                case ConstructorInfo ctor when !type.IsAbstract || !ctor.IsStatic:
                    if (ctor.IsStatic) break;
                    yield return $"{Access(ctor)}{type.Name.Split('`')[0]}({Parameters(ctor.GetParameters(), nullability)})";
                    break;
                case MethodInfo method when !method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return $"{Access(method)}{Modifiers(method)}{Nullable(method.ReturnType, nullability.Create(method.ReturnParameter))} {method.Name}{Generics(method)}({Parameters(method.GetParameters(), nullability)})";
                    break;
                case PropertyInfo property:
                    var accessors = new List<string>();
                    if (property.GetMethod is { } get && Visible(get)) accessors.Add("get;");
                    if (property.SetMethod is { } set && Visible(set))
                        accessors.Add(set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ? "init;" : "set;");
                    var accessor = property.GetMethod ?? property.SetMethod!;
                    var required = property.IsDefined(typeof(RequiredMemberAttribute)) ? "required " : "";
                    var indexer = property.GetIndexParameters() is { Length: > 0 } index ? $"this[{Parameters(index, nullability)}]" : property.Name;
                    yield return $"{Access(accessor)}{Modifiers(accessor)}{required}{Nullable(property.PropertyType, nullability.Create(property))} {indexer} {{ {string.Join(" ", accessors)} }}";
                    break;
                case FieldInfo field:
                    var kind = field.IsLiteral ? "const " : field.IsStatic ? field.IsInitOnly ? "static readonly " : "static " : field.IsInitOnly ? "readonly " : "";
                    yield return $"{Access(field)}{kind}{Nullable(field.FieldType, nullability.Create(field))} {field.Name}";
                    break;
                case EventInfo @event:
                    yield return $"{Access(@event.AddMethod!)}event {TypeName(@event.EventHandlerType!)} {@event.Name}";
                    break;
                case Type nested when Visible(nested):
                    break; // listed as a type of its own
            }
        }
    }

    private static bool Visible(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        PropertyInfo property => new[] { property.GetMethod, property.SetMethod }.OfType<MethodInfo>().Any(Visible),
        EventInfo @event => @event.AddMethod is { } add && Visible(add),
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily,
        _ => false,
    };

    private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    private static string Access(FieldInfo field) => field.IsPublic ? "public " : "protected ";

    private static string Modifiers(MethodInfo method)
    {
        if (method.IsStatic) return "static ";
        if (method.IsAbstract) return "abstract ";
        if (method.IsVirtual && !method.IsFinal)
            return method.GetBaseDefinition() != method ? "override " : "virtual ";
        if (method.IsVirtual && method.GetBaseDefinition() != method) return "sealed override ";
        return "";
    }

    private static string Generics(MethodInfo method)
        => method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Parameters(ParameterInfo[] parameters, NullabilityInfoContext nullability)
        => string.Join(", ", parameters.Select(p =>
        {
            var type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
            var modifier = p.IsOut ? "out " : p.ParameterType.IsByRef ? p.IsIn ? "in " : "ref " : p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : "";
            var value = p.HasDefaultValue ? " = " + DefaultValue(p.DefaultValue) : "";
            return $"{modifier}{Nullable(type, nullability.Create(p))} {p.Name}{value}";
        }));

    private static string DefaultValue(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    private static string Nullable(Type type, NullabilityInfo info)
    {
        if (type.IsGenericType && !type.IsGenericTypeDefinition && type.GetGenericTypeDefinition() == typeof(Nullable<>))
            return TypeName(type.GetGenericArguments()[0]) + "?";
        if (type.IsGenericType && !type.IsGenericTypeDefinition && info.GenericTypeArguments.Length == type.GetGenericArguments().Length)
        {
            var arguments = type.GetGenericArguments().Zip(info.GenericTypeArguments, Nullable);
            if (type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal))
                return $"({string.Join(", ", arguments)})";
            var definition = TypeName(type.GetGenericTypeDefinition());
            return $"{definition[..definition.IndexOf('<', StringComparison.Ordinal)]}<{string.Join(", ", arguments)}>{(info.ReadState == NullabilityState.Nullable && !type.IsValueType ? "?" : "")}";
        }
        if (type.IsArray && info.ElementType is { } element)
            return $"{Nullable(type.GetElementType()!, element)}[]{(info.ReadState == NullabilityState.Nullable ? "?" : "")}";
        var name = TypeName(type);
        return !type.IsValueType && info.ReadState == NullabilityState.Nullable ? name + "?" : name;
    }

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(int)] = "int", [typeof(long)] = "long", [typeof(double)] = "double", [typeof(byte)] = "byte",
        [typeof(uint)] = "uint", [typeof(ulong)] = "ulong", [typeof(short)] = "short", [typeof(float)] = "float",
        [typeof(decimal)] = "decimal", [typeof(char)] = "char",
    };

    /// <summary>A type's C# name: keywords for the built-in types, the name alone for .NET's own (System.*), the full
    /// name otherwise; generic arguments and nesting written as in C#.</summary>
    private static string TypeName(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword)) return keyword;
        if (type.IsGenericParameter) return type.Name;
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[]";
        if (type.IsByRef) return TypeName(type.GetElementType()!);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>)) return TypeName(type.GetGenericArguments()[0]) + "?";
        if (type.IsGenericType && type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal))
            return $"({string.Join(", ", type.GetGenericArguments().Select(TypeName))})";
        var arguments = type.GetGenericArguments();
        string name;
        if (type.DeclaringType is { } declaring && !type.IsGenericParameter)
        {
            var outerCount = declaring.GetGenericArguments().Length;
            name = TypeName(declaring.IsGenericTypeDefinition && outerCount > 0 ? declaring.MakeGenericType(arguments[..outerCount]) : declaring) + "." + type.Name.Split('`')[0];
            arguments = arguments[outerCount..];
        }
        else
        {
            var ns = type.Namespace ?? "";
            name = (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) ? "" : ns + ".") + type.Name.Split('`')[0];
        }
        return arguments.Length == 0 ? name : $"{name}<{string.Join(", ", arguments.Select(TypeName))}>";
    }
}
