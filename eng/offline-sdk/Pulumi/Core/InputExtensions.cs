namespace Pulumi
{
    /// <summary>Output operations on inputs.</summary>
    public static class InputExtensions
    {
        /// <summary>The output the input stands for.</summary>
        public static Output<T> ToOutput<T>(this Input<T> input) => input.ToOutput();

        /// <summary>Transforms the input's value when it becomes known.</summary>
        public static Output<TResult> Apply<T, TResult>(this Input<T> input, Func<T, TResult> func) => input.ToOutput().Apply(func);

        /// <summary>Transforms the input's value asynchronously when it becomes known.</summary>
        public static Output<TResult> Apply<T, TResult>(this Input<T> input, Func<T, Task<TResult>> func) => input.ToOutput().Apply(func);

        /// <summary>Transforms the input's value into another input when it becomes known.</summary>
        public static Output<TResult> Apply<T, TResult>(this Input<T> input, Func<T, Input<TResult>> func) => input.ToOutput().Apply(func);

        /// <summary>Transforms the input's value into an output when it becomes known.</summary>
        public static Output<TResult> Apply<T, TResult>(this Input<T> input, Func<T, Output<TResult>> func) => input.ToOutput().Apply(func);
    }
}
