using System.Collections.Immutable;

namespace Pulumi.Utilities
{
    /// <summary>Reading outputs directly, for tests.</summary>
    public static class OutputUtilities
    {
        /// <summary>The output's value (default when unknown).</summary>
        public static async Task<T> GetValueAsync<T>(Output<T> output) => (await output.DataTask.ConfigureAwait(false)).Value;

        /// <summary>Whether the output's value is known.</summary>
        public static async Task<bool> GetIsKnownAsync<T>(Output<T> output) => (await output.DataTask.ConfigureAwait(false)).IsKnown;

        /// <summary>The resources the output depends on.</summary>
        public static async Task<ImmutableHashSet<Resource>> GetDependenciesAsync<T>(Output<T> output)
            => (await output.DataTask.ConfigureAwait(false)).Resources;

        /// <summary>An unknown output (its value is kept but not revealed as known).</summary>
        public static Output<T> CreateUnknown<T>(T value)
            => new(Task.FromResult(new OutputData<T>(ImmutableHashSet<Resource>.Empty, value, false, false)));

        /// <summary>An unknown output whose value comes from a factory.</summary>
        public static Output<T> CreateUnknown<T>(Func<Task<T>> valueFactory)
            => new(CreateUnknownAsync(valueFactory));

        private static async Task<OutputData<T>> CreateUnknownAsync<T>(Func<Task<T>> valueFactory)
            => new(ImmutableHashSet<Resource>.Empty, await valueFactory().ConfigureAwait(false), false, false);

        /// <summary>The same output, also depending on <paramref name="resource"/>.</summary>
        public static Output<T> WithDependency<T>(Output<T> output, Resource resource)
            => new(WithDependencyAsync(output, resource));

        private static async Task<OutputData<T>> WithDependencyAsync<T>(Output<T> output, Resource resource)
        {
            var d = await output.DataTask.ConfigureAwait(false);
            return new OutputData<T>(d.Resources.Add(resource), d.Value, d.IsKnown, d.IsSecret);
        }
    }
}
