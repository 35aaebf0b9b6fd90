namespace Pulumi
{
    /// <summary>Untyped access to a <see cref="Union{T0, T1}"/>'s value, for the serializer.</summary>
    internal interface IUnion
    {
        object? UnionValue { get; }
    }

    /// <summary>A value that is either a <typeparamref name="T0"/> or a <typeparamref name="T1"/> (e.g. a port number or name).</summary>
    public readonly struct Union<T0, T1> : IEquatable<Union<T0, T1>>, IUnion
    {
        private readonly T0 _value0;
        private readonly T1 _value1;
        private readonly int _index;

        private Union(int index, T0 value0 = default!, T1 value1 = default!)
        {
            _index = index;
            _value0 = value0;
            _value1 = value1;
        }

        object? IUnion.UnionValue => Value;

        /// <summary>The value, whichever type it has.</summary>
        public object Value => _index == 0 ? _value0! : _value1!;

        /// <summary>Whether the value is a <typeparamref name="T0"/>.</summary>
        public bool IsT0 => _index == 0;

        /// <summary>Whether the value is a <typeparamref name="T1"/>.</summary>
        public bool IsT1 => _index == 1;

        /// <summary>The value as a <typeparamref name="T0"/>; throws when it is not one.</summary>
        public T0 AsT0 => _index == 0 ? _value0 : throw new InvalidOperationException($"The union holds a {typeof(T1).Name}, not a {typeof(T0).Name}.");

        /// <summary>The value as a <typeparamref name="T1"/>; throws when it is not one.</summary>
        public T1 AsT1 => _index == 1 ? _value1 : throw new InvalidOperationException($"The union holds a {typeof(T0).Name}, not a {typeof(T1).Name}.");

        /// <summary>A union holding a <typeparamref name="T0"/>.</summary>
        public static Union<T0, T1> FromT0(T0 input) => new(0, value0: input);

        /// <summary>A union holding a <typeparamref name="T1"/>.</summary>
        public static Union<T0, T1> FromT1(T1 input) => new(1, value1: input);

        /// <summary>A union holding a <typeparamref name="T0"/>.</summary>
        public static implicit operator Union<T0, T1>(T0 t) => FromT0(t);

        /// <summary>A union holding a <typeparamref name="T1"/>.</summary>
        public static implicit operator Union<T0, T1>(T1 t) => FromT1(t);

        /// <summary>Maps the value with the function for its type.</summary>
        public TResult Match<TResult>(Func<T0, TResult> f0, Func<T1, TResult> f1) => _index == 0 ? f0(_value0) : f1(_value1);

        /// <summary>Whether both hold the same type and value.</summary>
        public bool Equals(Union<T0, T1> other)
            => _index == other._index && (_index == 0 ? EqualityComparer<T0>.Default.Equals(_value0, other._value0) : EqualityComparer<T1>.Default.Equals(_value1, other._value1));

        /// <summary>Whether <paramref name="obj"/> is an equal union.</summary>
        public override bool Equals(object? obj) => obj is Union<T0, T1> other && Equals(other);

        /// <summary>A hash of the held value.</summary>
        public override int GetHashCode() => HashCode.Combine(_index, Value);

        /// <summary>The held value as text.</summary>
        public override string ToString() => Value?.ToString() ?? "";

        /// <summary>Whether both hold the same type and value.</summary>
        public static bool operator ==(Union<T0, T1> left, Union<T0, T1> right) => left.Equals(right);

        /// <summary>Whether they differ.</summary>
        public static bool operator !=(Union<T0, T1> left, Union<T0, T1> right) => !left.Equals(right);
    }
}
