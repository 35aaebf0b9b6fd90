using System.Collections.Immutable;
using System.Globalization;

namespace Pulumi
{
    /// <summary>Creating and combining <see cref="Output{T}"/> values.</summary>
    public static class Output
    {
        /// <summary>A known, non-secret output holding <paramref name="value"/>.</summary>
        public static Output<T> Create<T>(T value) => new(Task.FromResult(OutputData<T>.Known(value)));

        /// <summary>An output holding what <paramref name="value"/> produces.</summary>
        public static Output<T> Create<T>(Task<T> value) => new(CreateAsync(value, false));

        /// <summary>A known output marked secret.</summary>
        public static Output<T> CreateSecret<T>(T value) => new(Task.FromResult(OutputData<T>.Known(value, isSecret: true)));

        /// <summary>An output marked secret holding what <paramref name="value"/> produces.</summary>
        public static Output<T> CreateSecret<T>(Task<T> value) => new(CreateAsync(value, true));

        /// <summary>The same output, marked secret.</summary>
        public static Output<T> CreateSecret<T>(Output<T> value) => WithSecret(value, true);

        /// <summary>The same output, no longer marked secret.</summary>
        public static Output<T> Unsecret<T>(Output<T> output) => WithSecret(output, false);

        /// <summary>Whether the output is marked secret.</summary>
        public static async Task<bool> IsSecretAsync<T>(Output<T> output)
            => (await output.DataTask.ConfigureAwait(false)).IsSecret;

        /// <summary>Combines inputs into one output of all their values.</summary>
        public static Output<ImmutableArray<T>> All<T>(params Input<T>[] inputs)
            => All((IEnumerable<Input<T>>)inputs);

        /// <summary>Combines inputs into one output of all their values.</summary>
        public static Output<ImmutableArray<T>> All<T>(IEnumerable<Input<T>> inputs)
            => AllOutputs(inputs.Select(i => i.ToOutput()).ToList());

        /// <summary>Combines outputs into one output of all their values.</summary>
        public static Output<ImmutableArray<T>> All<T>(params Output<T>[] outputs)
            => AllOutputs(outputs.ToList());

        /// <summary>Combines outputs into one output of all their values.</summary>
        public static Output<ImmutableArray<T>> All<T>(IEnumerable<Output<T>> outputs)
            => AllOutputs(outputs.ToList());

        /// <summary>Combines two inputs into one output of a tuple.</summary>
        public static Output<(T1, T2)> Tuple<T1, T2>(Input<T1> item1, Input<T2> item2)
            => Tuple(item1.ToOutput(), item2.ToOutput());

        /// <summary>Combines two outputs into one output of a tuple.</summary>
        public static Output<(T1, T2)> Tuple<T1, T2>(Output<T1> item1, Output<T2> item2)
            => Combine(new IOutput[] { item1, item2 }, v => ((T1)v[0]!, (T2)v[1]!));

        /// <summary>Combines three inputs into one output of a tuple.</summary>
        public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Input<T1> item1, Input<T2> item2, Input<T3> item3)
            => Tuple(item1.ToOutput(), item2.ToOutput(), item3.ToOutput());

        /// <summary>Combines three outputs into one output of a tuple.</summary>
        public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Output<T1> item1, Output<T2> item2, Output<T3> item3)
            => Combine(new IOutput[] { item1, item2, item3 }, v => ((T1)v[0]!, (T2)v[1]!, (T3)v[2]!));

        /// <summary>Combines four inputs into one output of a tuple.</summary>
        public static Output<(T1, T2, T3, T4)> Tuple<T1, T2, T3, T4>(Input<T1> item1, Input<T2> item2, Input<T3> item3, Input<T4> item4)
            => Tuple(item1.ToOutput(), item2.ToOutput(), item3.ToOutput(), item4.ToOutput());

        /// <summary>Combines four outputs into one output of a tuple.</summary>
        public static Output<(T1, T2, T3, T4)> Tuple<T1, T2, T3, T4>(Output<T1> item1, Output<T2> item2, Output<T3> item3, Output<T4> item4)
            => Combine(new IOutput[] { item1, item2, item3, item4 }, v => ((T1)v[0]!, (T2)v[1]!, (T3)v[2]!, (T4)v[3]!));

        /// <summary>
        /// An output of the formatted string; inputs and outputs among the arguments are awaited, and the result is
        /// secret or unknown when any of them is.
        /// </summary>
        public static Output<string> Format(FormattableString formattableString)
        {
            var arguments = formattableString.GetArguments();
            var parts = arguments.Select(ToUntyped).ToArray();
            return Combine(parts, values => string.Format(CultureInfo.InvariantCulture, formattableString.Format, values));
        }

        internal static IOutput ToUntyped(object? value) => value switch
        {
            IOutput output => output,
            IInput input => input.ToUntypedOutput(),
            _ => Create(value),
        };

        private static Output<ImmutableArray<T>> AllOutputs<T>(IReadOnlyList<Output<T>> outputs)
            => Combine(outputs.Cast<IOutput>().ToArray(), v => v.Select(x => (T)x!).ToImmutableArray());

        /// <summary>Waits for every output; the result is unknown/secret if any part is, and depends on all of them.</summary>
        internal static Output<TResult> Combine<TResult>(IOutput[] parts, Func<object?[], TResult> combine)
            => new(CombineAsync(parts, combine));

        private static async Task<OutputData<TResult>> CombineAsync<TResult>(IOutput[] parts, Func<object?[], TResult> combine)
        {
            var data = await Task.WhenAll(parts.Select(p => p.GetDataAsync())).ConfigureAwait(false);
            var resources = data.Aggregate(ImmutableHashSet<Resource>.Empty, (acc, d) => OutputDataCombine.Union(acc, d.Resources));
            var isSecret = data.Any(d => d.IsSecret);
            if (data.Any(d => !d.IsKnown))
                return new OutputData<TResult>(resources, default!, false, isSecret);
            return new OutputData<TResult>(resources, combine(data.Select(d => d.Value).ToArray()), true, isSecret);
        }

        private static async Task<OutputData<T>> CreateAsync<T>(Task<T> value, bool isSecret)
            => OutputData<T>.Known(await value.ConfigureAwait(false), isSecret);

        private static Output<T> WithSecret<T>(Output<T> output, bool isSecret)
            => new(WithSecretAsync(output, isSecret));

        private static async Task<OutputData<T>> WithSecretAsync<T>(Output<T> output, bool isSecret)
        {
            var d = await output.DataTask.ConfigureAwait(false);
            return new OutputData<T>(d.Resources, d.Value, d.IsKnown, isSecret);
        }
    }
}
