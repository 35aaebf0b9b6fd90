using System.Collections.Immutable;

namespace Pulumi
{
    /// <summary>Resolves one output property of a resource once the engine has registered it.</summary>
    internal interface IOutputCompletionSource
    {
        /// <summary>The T of the property's Output&lt;T&gt;.</summary>
        Type ValueType { get; }

        /// <summary>Resolves with a value from the wire (converted to T), known, not secret.</summary>
        void SetWireValue(object? wire);

        /// <summary>Resolves with the default of T, known or not.</summary>
        void SetDefault(bool isKnown);

        void SetException(Exception exception);
    }

    internal sealed class OutputCompletionSource<T> : IOutputCompletionSource
    {
        private readonly TaskCompletionSource<OutputData<T>> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ImmutableHashSet<Resource> _resources;
        private readonly string _context;

        public OutputCompletionSource(Resource resource, string context)
        {
            _resources = ImmutableHashSet.Create(resource);
            _context = context;
            Output = new Output<T>(_source.Task);
        }

        public Output<T> Output { get; }

        public Type ValueType => typeof(T);

        public void SetValue(T value, bool isKnown) => _source.TrySetResult(new OutputData<T>(_resources, value, isKnown, false));

        public void SetWireValue(object? wire) => SetValue((T)WireConverter.Convert(wire, typeof(T), _context)!, true);

        public void SetDefault(bool isKnown) => SetValue(default!, isKnown);

        public void SetException(Exception exception) => _source.TrySetException(exception);
    }
}
