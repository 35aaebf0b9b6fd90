using System.Collections.Immutable;
using Pulumi.Testing;

namespace Pulumi
{
    /// <summary>
    /// Runs Pulumi programs. In the offline SDK only <c>TestAsync</c> works, with the in-process mock engine;
    /// <c>RunAsync</c> stops at once, because deployments need the real Pulumi SDK and CLI.
    /// </summary>
    public sealed class Deployment
    {
        internal const string OfflineRunMessage =
            "This program was built against Platform's offline Pulumi SDK, which can only run tests: " +
            "`pulumi preview`/`up` need the real Pulumi packages and CLI (build without -p:PulumiSdk=offline, on a machine whose NuGet feed serves Pulumi).";

        private Deployment()
        {
        }

        /// <summary>The deployment running now.</summary>
        public static DeploymentInstance Instance => new(Engine.Current ?? throw new InvalidOperationException(
            "Deployment.Instance is only available inside a Pulumi program (Deployment.RunAsync or Deployment.TestAsync)."));

        /// <summary>Not available offline: prints why and returns a failure exit code.</summary>
        public static Task<int> RunAsync<TStack>() where TStack : Stack, new() => Offline();

        /// <summary>Not available offline: prints why and returns a failure exit code.</summary>
        public static Task<int> RunAsync(Func<Task<IDictionary<string, object?>>> func, StackOptions? options = null) => Offline();

        /// <summary>Not available offline: prints why and returns a failure exit code.</summary>
        public static Task<int> RunAsync(Func<IDictionary<string, object?>> func) => Offline();

        /// <summary>Not available offline: prints why and returns a failure exit code.</summary>
        public static Task<int> RunAsync(Action action) => Offline();

        private static Task<int> Offline()
        {
            Console.Error.WriteLine(OfflineRunMessage);
            return Task.FromResult(1);
        }

        /// <summary>Runs the stack class under the mocks and returns every resource it registered, the stack included.</summary>
        public static async Task<ImmutableArray<Resource>> TestAsync<TStack>(IMocks mocks, TestOptions? options = null)
            where TStack : Stack, new()
        {
            var engine = new Engine(mocks, options ?? new TestOptions());
            var (resources, _) = await engine.RunAsync(() =>
            {
                var stack = new TStack();
                engine.RegisterStackOutputs(stack);
                return Task.FromResult<IDictionary<string, object?>>(new Dictionary<string, object?>());
            }, includeStack: true).ConfigureAwait(false);
            return resources;
        }

        /// <summary>Runs a program under the mocks and returns the resources it registered.</summary>
        public static async Task<ImmutableArray<Resource>> TestAsync(IMocks testMocks, TestOptions testOptions, Action createResources)
            => (await TestAsync(testMocks, testOptions, () =>
            {
                createResources();
                return (IDictionary<string, object?>)new Dictionary<string, object?>();
            }).ConfigureAwait(false)).Resources;

        /// <summary>Runs an asynchronous program under the mocks and returns the resources it registered.</summary>
        public static async Task<ImmutableArray<Resource>> TestAsync(IMocks testMocks, TestOptions testOptions, Func<Task> createResources)
            => (await TestAsync(testMocks, testOptions, async () =>
            {
                await createResources().ConfigureAwait(false);
                return (IDictionary<string, object?>)new Dictionary<string, object?>();
            }).ConfigureAwait(false)).Resources;

        /// <summary>Runs a program under the mocks and returns the resources it registered and its stack outputs.</summary>
        public static Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> StackOutputs)> TestAsync(
            IMocks testMocks, TestOptions testOptions, Func<IDictionary<string, object?>> createResources)
            => TestAsync(testMocks, testOptions, () => Task.FromResult(createResources()));

        /// <summary>Runs an asynchronous program under the mocks and returns the resources it registered and its stack outputs.</summary>
        public static async Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> StackOutputs)> TestAsync(
            IMocks testMocks, TestOptions testOptions, Func<Task<IDictionary<string, object?>>> createResources)
        {
            var engine = new Engine(testMocks, testOptions ?? new TestOptions());
            return await engine.RunAsync(() =>
            {
                engine.CreateRootStack();
                return createResources();
            }, includeStack: false).ConfigureAwait(false);
        }
    }
}
