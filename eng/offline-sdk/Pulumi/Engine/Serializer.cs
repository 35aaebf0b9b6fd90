using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Pulumi
{
    /// <summary>
    /// Turns args and values into what the engine puts on the wire and hands the mocks: strings, booleans,
    /// doubles (every number), ImmutableArray&lt;object&gt;, ImmutableDictionary&lt;string, object&gt; and assets.
    /// Outputs are awaited; secrets arrive unwrapped (as they do in Pulumi's mock monitor).
    /// </summary>
    internal static class Serializer
    {
        /// <summary>A value on the wire, or unknown (during preview).</summary>
        internal readonly record struct Wire(object? Value, bool IsKnown)
        {
            public static readonly Wire Null = new(null, true);
            public static readonly Wire Unknown = new(null, false);
        }

        /// <summary>The inputs of an args object: its [Input] members by wire name; null and unknown ones are left out.</summary>
        public static async Task<ImmutableDictionary<string, object>> SerializeArgsAsync(InputArgs args, string context)
        {
            var result = ImmutableDictionary.CreateBuilder<string, object>();
            foreach (var (attribute, member, value) in InputMembers(args))
            {
                var memberContext = $"{context}.{member}";
                if (value == null)
                {
                    if (attribute.IsRequired)
                        throw new ArgumentNullException(member, $"[Input] {args.GetType().FullName}.{member} is required but was not given a value");
                    continue;
                }
                var wire = await SerializeAsync(value, memberContext).ConfigureAwait(false);
                if (!wire.IsKnown || wire.Value == null) continue;
                result[attribute.Name] = attribute.Json ? JsonSerializer.Serialize(ToJsonCompatible(wire.Value)) : wire.Value;
            }
            return result.ToImmutable();
        }

        /// <summary>Every [Input] field and property of the args class and its bases, with its current value.</summary>
        internal static IEnumerable<(InputAttribute Attribute, string Member, object? Value)> InputMembers(object args)
        {
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            for (var type = args.GetType(); type != null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(flags))
                    if (field.GetCustomAttribute<InputAttribute>() is { } fa)
                        yield return (fa, field.Name.TrimStart('_'), field.GetValue(args));
                foreach (var property in type.GetProperties(flags))
                    if (property.GetCustomAttribute<InputAttribute>() is { } pa)
                        yield return (pa, property.Name, property.GetValue(args));
            }
        }

        public static async Task<Wire> SerializeAsync(object? value, string context)
        {
            switch (value)
            {
                case null:
                    return Wire.Null;
                case IInput input:
                    return await SerializeAsync(input.ToUntypedOutput(), context).ConfigureAwait(false);
                case IOutput output:
                {
                    var data = await output.GetDataAsync().ConfigureAwait(false);
                    return data.IsKnown ? await SerializeAsync(data.Value, context).ConfigureAwait(false) : Wire.Unknown;
                }
                case string s:
                    return new Wire(s, true);
                case bool b:
                    return new Wire(b, true);
                case int or long or double or float or decimal or short or byte or uint or ulong:
                    return new Wire(Convert.ToDouble(value, CultureInfo.InvariantCulture), true);
                case Enum e:
                    return new Wire(Convert.ToDouble(e, CultureInfo.InvariantCulture), true);
                case IUnion union:
                    return await SerializeAsync(union.UnionValue, context).ConfigureAwait(false);
                case AssetOrArchive asset:
                    return new Wire(asset, true);
                case Resource resource:
                    // A resource reference travels as its URN.
                    return await SerializeAsync(resource.Urn, context).ConfigureAwait(false);
                case InputArgs args:
                    return new Wire(await SerializeArgsAsync(args, context).ConfigureAwait(false), true);
                case JsonElement json:
                    return new Wire(FromJson(json), true);
                case IDictionary dictionary:
                    return await SerializeDictionaryAsync(dictionary, context).ConfigureAwait(false);
                case IEnumerable list:
                    return await SerializeListAsync(list, context).ConfigureAwait(false);
            }
            var type = value.GetType();
            if (type.GetCustomAttribute<EnumTypeAttribute>() != null)
            {
                var explicitOperator = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                    .FirstOrDefault(m => m.Name == "op_Explicit" && m.GetParameters()[0].ParameterType == type
                        && (m.ReturnType == typeof(string) || m.ReturnType == typeof(double)));
                var raw = explicitOperator != null ? explicitOperator.Invoke(null, new[] { value }) : value.ToString();
                return await SerializeAsync(raw, context).ConfigureAwait(false);
            }
            throw new InvalidOperationException($"{context}: values of type {type.FullName} cannot be sent as resource inputs.");
        }

        private static async Task<Wire> SerializeDictionaryAsync(IDictionary dictionary, string context)
        {
            var result = ImmutableDictionary.CreateBuilder<string, object>();
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Key is not string key)
                    throw new InvalidOperationException($"{context}: dictionary keys must be strings, not {entry.Key.GetType().FullName}.");
                var wire = await SerializeAsync(entry.Value, $"{context}.{key}").ConfigureAwait(false);
                if (!wire.IsKnown) return Wire.Unknown;
                if (wire.Value != null) result[key] = wire.Value;
            }
            return new Wire(result.ToImmutable(), true);
        }

        private static async Task<Wire> SerializeListAsync(IEnumerable list, string context)
        {
            if (list is IStructuralEquatable && list.GetType().IsGenericType
                && list.GetType().GetGenericTypeDefinition() == typeof(ImmutableArray<>)
                && (bool)list.GetType().GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(list)!)
                return Wire.Null;
            var result = ImmutableArray.CreateBuilder<object>();
            var index = 0;
            foreach (var item in list)
            {
                var wire = await SerializeAsync(item, $"{context}[{index++}]").ConfigureAwait(false);
                if (!wire.IsKnown) return Wire.Unknown;
                result.Add(wire.Value!);
            }
            return new Wire(result.ToImmutable(), true);
        }

        internal static object? FromJson(JsonElement json) => json.ValueKind switch
        {
            JsonValueKind.Object => json.EnumerateObject().ToImmutableDictionary(p => p.Name, p => FromJson(p.Value)!),
            JsonValueKind.Array => json.EnumerateArray().Select(e => FromJson(e)!).ToImmutableArray(),
            JsonValueKind.String => json.GetString(),
            JsonValueKind.Number => json.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };

        /// <summary>Wire values as plain collections System.Text.Json can write.</summary>
        internal static object? ToJsonCompatible(object? wire) => wire switch
        {
            IDictionary<string, object> map => map.ToDictionary(kv => kv.Key, kv => ToJsonCompatible(kv.Value)),
            ImmutableArray<object> list => list.Select(ToJsonCompatible).ToList(),
            _ => wire,
        };
    }
}
