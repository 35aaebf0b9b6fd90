using System.Collections.Immutable;

namespace Pulumi
{
    /// <summary>
    /// A value that becomes available as the deployment runs, carrying whether it is known (unknown during
    /// preview when it depends on what a provider computes), whether it is secret, and the resources it depends on.
    /// </summary>
    public sealed class Output<T> : IOutput
    {
        internal Output(Task<OutputData<T>> dataTask) => DataTask = dataTask;

        internal Task<OutputData<T>> DataTask { get; }

        Type IOutput.ValueType => typeof(T);

        async Task<OutputData<object?>> IOutput.GetDataAsync() => (await DataTask.ConfigureAwait(false)).Untyped();

        /// <summary>Creates an output from a task producing its value.</summary>
        public static Output<T> Create(Task<T> value) => Output.Create(value);

        /// <summary>Transforms the value when it becomes known; secrecy and dependencies carry over.</summary>
        public Output<TResult> Apply<TResult>(Func<T, TResult> func)
            => Apply(v => Output.Create(func(v)));

        /// <summary>Transforms the value asynchronously when it becomes known.</summary>
        public Output<TResult> Apply<TResult>(Func<T, Task<TResult>> func)
            => Apply(v => Output.Create(func(v)));

        /// <summary>Transforms the value into an input when it becomes known.</summary>
        public Output<TResult> Apply<TResult>(Func<T, Input<TResult>> func)
            => Apply(v => func(v)?.ToOutput() ?? Output.Create(default(TResult)!));

        /// <summary>Transforms the value into another output when it becomes known.</summary>
        public Output<TResult> Apply<TResult>(Func<T, Output<TResult>> func)
            => new(ApplyAsync(func));

        /// <summary>Runs an asynchronous action on the value when it becomes known.</summary>
        public Output<ValueTuple> Apply(Func<T, Task> func)
            => Apply(async v => { await func(v).ConfigureAwait(false); return default(ValueTuple); });

        private async Task<OutputData<TResult>> ApplyAsync<TResult>(Func<T, Output<TResult>> func)
        {
            var data = await DataTask.ConfigureAwait(false);
            // As in Pulumi: an unknown value is never handed to the callback; the result is unknown too.
            if (!data.IsKnown)
                return new OutputData<TResult>(data.Resources, default!, false, data.IsSecret);
            var inner = func(data.Value) ?? Output.Create(default(TResult)!);
            var innerData = await inner.DataTask.ConfigureAwait(false);
            return new OutputData<TResult>(
                OutputDataCombine.Union(data.Resources, innerData.Resources),
                innerData.Value, innerData.IsKnown, data.IsSecret || innerData.IsSecret);
        }

        /// <summary>Outputs cannot be turned into strings directly; this text says what to do instead.</summary>
        public override string ToString()
            => "Calling [ToString] on an [Output<T>] is not supported.\n\n" +
               "To get the value of an Output<T> as an Output<string> consider:\n" +
               "1. o.Apply(v => $\"prefix{v}suffix\")\n" +
               "2. Output.Format($\"prefix{hostname}suffix\");\n\n" +
               "See https://www.pulumi.com/docs/concepts/inputs-outputs for more details.";
    }
}
