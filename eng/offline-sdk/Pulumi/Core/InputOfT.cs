namespace Pulumi
{
    /// <summary>A resource argument: a plain value or an <see cref="Output{T}"/>.</summary>
    public class Input<T> : IInput
    {
        private protected Input(Output<T> output) => OutputValue = output;

        /// <summary>The output this input stands for; collections replace it as items are added.</summary>
        private protected Output<T> OutputValue { get; set; }

        internal Output<T> ToOutput() => OutputValue;

        IOutput IInput.ToUntypedOutput() => OutputValue;

        /// <summary>A plain value as an input.</summary>
        public static implicit operator Input<T>(T value) => new(Output.Create(value));

        /// <summary>An output as an input.</summary>
        public static implicit operator Input<T>(Output<T> value) => new(value);

        /// <summary>An input as the output it stands for.</summary>
        public static implicit operator Output<T>(Input<T> input) => input.OutputValue;
    }
}
