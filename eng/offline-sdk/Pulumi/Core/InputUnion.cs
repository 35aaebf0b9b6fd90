namespace Pulumi
{
    /// <summary>An argument that is either a <typeparamref name="T0"/> or a <typeparamref name="T1"/>, plain or an output.</summary>
    public sealed class InputUnion<T0, T1> : Input<Union<T0, T1>>
    {
        /// <summary>An empty union argument.</summary>
        public InputUnion() : this(Output.Create(default(Union<T0, T1>)))
        {
        }

        private InputUnion(Output<Union<T0, T1>> value) : base(value)
        {
        }

        /// <summary>A plain <typeparamref name="T0"/>.</summary>
        public static implicit operator InputUnion<T0, T1>(T0 value) => new(Output.Create(Union<T0, T1>.FromT0(value)));

        /// <summary>A plain <typeparamref name="T1"/>.</summary>
        public static implicit operator InputUnion<T0, T1>(T1 value) => new(Output.Create(Union<T0, T1>.FromT1(value)));

        /// <summary>A plain union.</summary>
        public static implicit operator InputUnion<T0, T1>(Union<T0, T1> value) => new(Output.Create(value));

        /// <summary>An output <typeparamref name="T0"/>.</summary>
        public static implicit operator InputUnion<T0, T1>(Output<T0> value) => new(value.Apply(Union<T0, T1>.FromT0));

        /// <summary>An output <typeparamref name="T1"/>.</summary>
        public static implicit operator InputUnion<T0, T1>(Output<T1> value) => new(value.Apply(Union<T0, T1>.FromT1));

        /// <summary>An output union.</summary>
        public static implicit operator InputUnion<T0, T1>(Output<Union<T0, T1>> value) => new(value);

        /// <summary>An input <typeparamref name="T0"/>.</summary>
        public static implicit operator InputUnion<T0, T1>(Input<T0> value) => value.ToOutput();

        /// <summary>An input <typeparamref name="T1"/>.</summary>
        public static implicit operator InputUnion<T0, T1>(Input<T1> value) => value.ToOutput();
    }
}
