using System.Collections;
using System.Collections.Immutable;

namespace Pulumi
{
    /// <summary>A map argument whose values may each be plain values or outputs.</summary>
    public sealed class InputMap<TValue> : Input<ImmutableDictionary<string, TValue>>,
        IAsyncEnumerable<Input<KeyValuePair<string, TValue>>>, IEnumerable
    {
        /// <summary>An empty map.</summary>
        public InputMap() : this(Output.Create(ImmutableDictionary<string, TValue>.Empty))
        {
        }

        private InputMap(Output<ImmutableDictionary<string, TValue>> values) : base(values)
        {
        }

        /// <summary>Adds an entry (this is what collection initializers call).</summary>
        public void Add(string key, Input<TValue> value)
        {
            var pair = value.ToOutput().Apply(v => ImmutableDictionary<string, TValue>.Empty.Add(key, v));
            OutputValue = Merge(OutputValue, pair, throwOnDuplicate: true);
        }

        /// <summary>Adds every entry of another map.</summary>
        public void Add(InputMap<TValue> values) => AddRange(values);

        /// <summary>Adds every entry of another map.</summary>
        public void AddRange(InputMap<TValue> values) => OutputValue = Merge(OutputValue, values.ToOutput(), throwOnDuplicate: true);

        /// <summary>Sets an entry, replacing any earlier value for the key.</summary>
        public Input<TValue> this[string key]
        {
            set
            {
                var pair = value.ToOutput().Apply(v => ImmutableDictionary<string, TValue>.Empty.Add(key, v));
                OutputValue = Merge(OutputValue, pair, throwOnDuplicate: false);
            }
        }

        /// <summary>A new map with the entries of both; entries of <paramref name="second"/> win.</summary>
        public static InputMap<TValue> Merge(InputMap<TValue> first, InputMap<TValue> second)
            => new(Merge(first.ToOutput(), second.ToOutput(), throwOnDuplicate: false));

        private static Output<ImmutableDictionary<string, TValue>> Merge(
            Output<ImmutableDictionary<string, TValue>> first, Output<ImmutableDictionary<string, TValue>> second, bool throwOnDuplicate)
            => Output.Tuple(first, second).Apply(t => throwOnDuplicate ? t.Item1.AddRange(t.Item2) : t.Item1.SetItems(t.Item2));

        /// <summary>Enumerates the entries as inputs, once the map is known.</summary>
        public async IAsyncEnumerator<Input<KeyValuePair<string, TValue>>> GetAsyncEnumerator(CancellationToken cancellationToken)
        {
            var data = await OutputValue.DataTask.ConfigureAwait(false);
            foreach (var pair in data.Value ?? ImmutableDictionary<string, TValue>.Empty)
                yield return new Output<KeyValuePair<string, TValue>>(Task.FromResult(
                    new OutputData<KeyValuePair<string, TValue>>(data.Resources, pair, data.IsKnown, data.IsSecret)));
        }

        IEnumerator IEnumerable.GetEnumerator()
            => throw new NotSupportedException("An InputMap cannot be enumerated synchronously; it may hold outputs. Use GetAsyncEnumerator.");

        /// <summary>A map of plain values.</summary>
        public static implicit operator InputMap<TValue>(Dictionary<string, TValue> values) => new(Output.Create(values.ToImmutableDictionary()));

        /// <summary>A map of plain values.</summary>
        public static implicit operator InputMap<TValue>(ImmutableDictionary<string, TValue> values) => new(Output.Create(values));

        /// <summary>A map that is an output as a whole.</summary>
        public static implicit operator InputMap<TValue>(Output<Dictionary<string, TValue>> values) => new(values.Apply(v => v.ToImmutableDictionary()));

        /// <summary>A map that is an output as a whole.</summary>
        public static implicit operator InputMap<TValue>(Output<IDictionary<string, TValue>> values) => new(values.Apply(v => v.ToImmutableDictionary()));

        /// <summary>A map that is an output as a whole.</summary>
        public static implicit operator InputMap<TValue>(Output<ImmutableDictionary<string, TValue>> values) => new(values);
    }
}
