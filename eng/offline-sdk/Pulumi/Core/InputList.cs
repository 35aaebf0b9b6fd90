using System.Collections;
using System.Collections.Immutable;

namespace Pulumi
{
    /// <summary>A list argument whose items may each be plain values or outputs.</summary>
    public sealed class InputList<T> : Input<ImmutableArray<T>>, IAsyncEnumerable<Input<T>>, IEnumerable
    {
        /// <summary>An empty list.</summary>
        public InputList() : this(Output.Create(ImmutableArray<T>.Empty))
        {
        }

        private InputList(Output<ImmutableArray<T>> values) : base(values)
        {
        }

        /// <summary>Appends items (this is what collection initializers call).</summary>
        public void Add(params Input<T>[] inputs) => Append(inputs);

        /// <summary>Appends every item of another list.</summary>
        public void Add(InputList<T> inputs) => AddRange(inputs);

        /// <summary>Appends every item of another list.</summary>
        public void AddRange(InputList<T> inputs)
            => OutputValue = Concat(OutputValue, inputs.ToOutput());

        /// <summary>A new list with the items of this list followed by those of <paramref name="other"/>.</summary>
        public InputList<T> Concat(InputList<T> other) => new(Concat(OutputValue, other.ToOutput()));

        private void Append(Input<T>[] inputs)
            => OutputValue = Concat(OutputValue, Output.All(inputs));

        private static Output<ImmutableArray<T>> Concat(Output<ImmutableArray<T>> first, Output<ImmutableArray<T>> second)
            => Output.Tuple(first, second).Apply(t => t.Item1.AddRange(t.Item2));

        /// <summary>Enumerates the items as inputs, once the list is known.</summary>
        public async IAsyncEnumerator<Input<T>> GetAsyncEnumerator(CancellationToken cancellationToken)
        {
            var data = await OutputValue.DataTask.ConfigureAwait(false);
            foreach (var value in data.Value.IsDefault ? ImmutableArray<T>.Empty : data.Value)
                yield return new Output<T>(Task.FromResult(new OutputData<T>(data.Resources, value, data.IsKnown, data.IsSecret)));
        }

        IEnumerator IEnumerable.GetEnumerator()
            => throw new NotSupportedException("An InputList cannot be enumerated synchronously; it may hold outputs. Use GetAsyncEnumerator.");

        /// <summary>A list of one input.</summary>
        public static implicit operator InputList<T>(Input<T> value) => new() { value };

        /// <summary>A list of one plain value.</summary>
        public static implicit operator InputList<T>(T value) => new() { value };

        /// <summary>A list of plain values.</summary>
        public static implicit operator InputList<T>(T[] values) => ImmutableArray.CreateRange(values);

        /// <summary>A list of inputs.</summary>
        public static implicit operator InputList<T>(Input<T>[] values) => new() { values };

        /// <summary>A list of plain values.</summary>
        public static implicit operator InputList<T>(List<T> values) => ImmutableArray.CreateRange(values);

        /// <summary>A list of inputs.</summary>
        public static implicit operator InputList<T>(List<Input<T>> values) => new() { values.ToArray() };

        /// <summary>A list of outputs.</summary>
        public static implicit operator InputList<T>(List<Output<T>> values) => new() { values.Select(v => (Input<T>)v).ToArray() };

        /// <summary>A list of plain values.</summary>
        public static implicit operator InputList<T>(ImmutableArray<T> values) => new(Output.Create(values));

        /// <summary>A list of inputs.</summary>
        public static implicit operator InputList<T>(ImmutableArray<Input<T>> values) => new() { values.ToArray() };

        /// <summary>A list of outputs.</summary>
        public static implicit operator InputList<T>(ImmutableArray<Output<T>> values) => new() { values.Select(v => (Input<T>)v).ToArray() };

        /// <summary>A list of one output.</summary>
        public static implicit operator InputList<T>(Output<T> value) => new() { (Input<T>)value };

        /// <summary>A list of outputs.</summary>
        public static implicit operator InputList<T>(Output<T>[] values) => new() { values.Select(v => (Input<T>)v).ToArray() };

        /// <summary>A list that is an output as a whole.</summary>
        public static implicit operator InputList<T>(Output<T[]> values) => new(values.Apply(ImmutableArray.CreateRange));

        /// <summary>A list that is an output as a whole.</summary>
        public static implicit operator InputList<T>(Output<List<T>> values) => new(values.Apply(ImmutableArray.CreateRange));

        /// <summary>A list that is an output as a whole.</summary>
        public static implicit operator InputList<T>(Output<IEnumerable<T>> values) => new(values.Apply(ImmutableArray.CreateRange));

        /// <summary>A list that is an output as a whole.</summary>
        public static implicit operator InputList<T>(Output<ImmutableArray<T>> values) => new(values);
    }
}
