using System.Collections.Immutable;

namespace Pulumi
{
    /// <summary>What an output resolves to: its value, whether it is known and secret, and the resources it came from.</summary>
    internal sealed class OutputData<T>
    {
        public OutputData(ImmutableHashSet<Resource> resources, T value, bool isKnown, bool isSecret)
        {
            Resources = resources;
            Value = value;
            IsKnown = isKnown;
            IsSecret = isSecret;
        }

        public ImmutableHashSet<Resource> Resources { get; }
        public T Value { get; }
        public bool IsKnown { get; }
        public bool IsSecret { get; }

        public static OutputData<T> Known(T value, bool isSecret = false) => new(ImmutableHashSet<Resource>.Empty, value, true, isSecret);

        public OutputData<object?> Untyped() => new(Resources, Value, IsKnown, IsSecret);
    }

    /// <summary>Untyped access to any <see cref="Output{T}"/>, for the serializer and combinators.</summary>
    internal interface IOutput
    {
        Type ValueType { get; }
        Task<OutputData<object?>> GetDataAsync();
    }

    /// <summary>Untyped access to any <see cref="Input{T}"/>.</summary>
    internal interface IInput
    {
        IOutput ToUntypedOutput();
    }

    internal static class OutputDataCombine
    {
        public static ImmutableHashSet<Resource> Union(ImmutableHashSet<Resource> a, ImmutableHashSet<Resource> b)
            => a.IsEmpty ? b : b.IsEmpty ? a : a.Union(b);
    }
}
