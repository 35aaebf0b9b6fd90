using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;

namespace Pulumi
{
    /// <summary>Converts wire values (what the mocks returned, normalised by <see cref="Serializer"/>) to the types of output properties.</summary>
    internal static class WireConverter
    {
        public static object? Convert(object? wire, Type target, string context)
        {
            if (Nullable.GetUnderlyingType(target) is { } underlying)
                return wire == null ? null : Convert(wire, underlying, context);
            if (wire == null)
                return target.IsValueType ? DefaultOf(target) : null;
            if (target == typeof(object))
                return wire;
            if (target == typeof(string))
                return wire as string ?? throw Mismatch(wire, target, context);
            if (target == typeof(bool))
                return wire is bool b ? b : throw Mismatch(wire, target, context);
            if (target == typeof(double))
                return wire is double d ? d : throw Mismatch(wire, target, context);
            if (target == typeof(int))
                return wire is double i ? (int)i : throw Mismatch(wire, target, context);
            if (target == typeof(JsonElement))
                return JsonSerializer.SerializeToElement(Serializer.ToJsonCompatible(wire));
            if (typeof(AssetOrArchive).IsAssignableFrom(target))
                return target.IsInstanceOfType(wire) ? wire : throw Mismatch(wire, target, context);
            if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
                return ConvertArray(wire, target.GetGenericArguments()[0], context);
            if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(ImmutableDictionary<,>)
                && target.GetGenericArguments()[0] == typeof(string))
                return ConvertDictionary(wire, target.GetGenericArguments()[1], context);
            if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(Union<,>))
                return ConvertUnion(wire, target, context);
            if (target.GetCustomAttribute<EnumTypeAttribute>() != null)
                return ConvertEnum(wire, target, context);
            if (target.GetCustomAttribute<OutputTypeAttribute>() != null)
                return ConvertOutputType(wire, target, context);
            throw new InvalidOperationException($"{context}: outputs of type {target.FullName} are not supported by the offline SDK.");
        }

        private static object? DefaultOf(Type type) => Activator.CreateInstance(type);

        private static InvalidOperationException Mismatch(object wire, Type target, string context)
            => new($"{context}: expected a value for {target.Name}, but the mocks returned {wire.GetType().Name} '{wire}'.");

        private static object ConvertArray(object wire, Type element, string context)
        {
            if (wire is not IEnumerable items || wire is string) throw Mismatch(wire, typeof(ImmutableArray<>).MakeGenericType(element), context);
            var builder = typeof(ImmutableArray).GetMethods()
                .Single(m => m.Name == nameof(ImmutableArray.CreateBuilder) && m.GetParameters().Length == 0)
                .MakeGenericMethod(element).Invoke(null, null)!;
            var add = builder.GetType().GetMethod("Add", new[] { element })!;
            var index = 0;
            foreach (var item in items)
                add.Invoke(builder, new[] { Convert(item, element, $"{context}[{index++}]") });
            return builder.GetType().GetMethod("ToImmutable")!.Invoke(builder, null)!;
        }

        private static object ConvertDictionary(object wire, Type valueType, string context)
        {
            if (wire is not IDictionary map) throw Mismatch(wire, typeof(ImmutableDictionary<,>).MakeGenericType(typeof(string), valueType), context);
            var builder = typeof(ImmutableDictionary).GetMethods()
                .Single(m => m.Name == nameof(ImmutableDictionary.CreateBuilder) && m.GetParameters().Length == 0 && m.GetGenericArguments().Length == 2)
                .MakeGenericMethod(typeof(string), valueType).Invoke(null, null)!;
            var add = builder.GetType().GetMethod("Add", new[] { typeof(string), valueType })!;
            foreach (DictionaryEntry entry in map)
                add.Invoke(builder, new[] { entry.Key, Convert(entry.Value, valueType, $"{context}.{entry.Key}") });
            return builder.GetType().GetMethod("ToImmutable")!.Invoke(builder, null)!;
        }

        /// <summary>A union takes the first of its types the wire value converts to.</summary>
        private static object ConvertUnion(object wire, Type target, string context)
        {
            var types = target.GetGenericArguments();
            for (var i = 0; i < types.Length; i++)
            {
                object? value;
                try
                {
                    value = Convert(wire, types[i], context);
                }
                catch (InvalidOperationException)
                {
                    continue;
                }
                return target.GetMethod(i == 0 ? "FromT0" : "FromT1")!.Invoke(null, new[] { value })!;
            }
            throw Mismatch(wire, target, context);
        }

        private static object ConvertEnum(object wire, Type target, string context)
        {
            var ctor = target.GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                .FirstOrDefault(c => c.GetParameters() is [{ } p] && p.ParameterType == wire.GetType())
                ?? throw Mismatch(wire, target, context);
            return ctor.Invoke(new[] { wire });
        }

        private static object ConvertOutputType(object wire, Type target, string context)
        {
            if (wire is not IDictionary map) throw Mismatch(wire, target, context);
            var ctor = target.GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                .SingleOrDefault(c => c.GetCustomAttribute<OutputConstructorAttribute>() != null)
                ?? throw new InvalidOperationException($"{target.FullName} has no [OutputConstructor].");
            var arguments = ctor.GetParameters()
                .Select(p => Convert(map.Contains(p.Name!) ? map[p.Name!] : null, p.ParameterType, $"{context}.{p.Name}"))
                .ToArray();
            return ctor.Invoke(arguments);
        }
    }
}
