using System.Collections.Immutable;
using System.Reflection;
using Pulumi.Testing;

namespace Pulumi
{
    /// <summary>
    /// The offline SDK's in-process engine. It behaves like Pulumi's mock engine (Deployment.TestAsync with
    /// IMocks): registrations go to the mocks, outputs come from what they return, and a failure anywhere in the
    /// program fails the run with a RunException. See Engine_Register.cs for how one resource is registered.
    /// </summary>
    internal sealed partial class Engine
    {
        private static readonly AsyncLocal<Engine?> CurrentEngine = new();

        private readonly object _gate = new();
        private readonly List<Task> _tasks = new();
        private readonly List<Resource> _resources = new();
        private readonly List<Exception> _errors = new();
        private readonly List<(string Level, string Message)> _log = new();

        public Engine(IMocks mocks, TestOptions options)
        {
            Mocks = mocks;
            IsDryRun = options.IsPreview ?? true;
            ProjectName = options.ProjectName ?? "project";
            StackName = options.StackName ?? "stack";
            OrganizationName = options.OrganizationName ?? "organization";
            Config = ConfigStore.FromEnvironment();
        }

        public static Engine? Current => CurrentEngine.Value;

        public IMocks Mocks { get; }
        public bool IsDryRun { get; }
        public string ProjectName { get; }
        public string StackName { get; }
        public string OrganizationName { get; }
        public ConfigStore Config { get; }
        public Stack? Root { get; private set; }

        public void AddLog(string level, string message)
        {
            lock (_gate) _log.Add((level, message));
        }

        /// <summary>Runs a program under this engine and waits until every registration has finished.</summary>
        public async Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> RunAsync(
            Func<Task<IDictionary<string, object?>>> program, bool includeStack)
        {
            CurrentEngine.Value = this;
            IDictionary<string, object?> outputs = new Dictionary<string, object?>();
            try
            {
                outputs = await program().ConfigureAwait(false);
                foreach (var value in outputs.Values)
                    if (value is IOutput output) Track(output.GetDataAsync());
            }
            catch (Exception e)
            {
                RecordError(e);
            }
            await DrainAsync().ConfigureAwait(false);
            var failure = FailureMessage();
            if (failure != null) throw new RunException(failure);
            lock (_gate)
                return (_resources.Where(r => includeStack || r != Root).ToImmutableArray(), outputs);
        }

        /// <summary>Creates the root stack for a program given as a function.</summary>
        public Stack CreateRootStack() => new();

        /// <summary>Awaits a derived stack's [Output] properties so that failures in them fail the run.</summary>
        public void RegisterStackOutputs(Stack stack)
        {
            var properties = stack.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.DeclaringType != typeof(Stack) && p.DeclaringType != typeof(ComponentResource) && p.DeclaringType != typeof(Resource)
                    && p.GetCustomAttribute<OutputAttribute>() != null);
            var wrongType = new List<string>();
            var unassigned = new List<string>();
            foreach (var property in properties)
            {
                if (property.GetValue(stack) is IOutput output) Track(output.GetDataAsync());
                else if (!IsOutputType(property.PropertyType)) wrongType.Add(property.Name);
                else unassigned.Add(property.Name);
            }
            if (wrongType.Count > 0)
                throw new RunException($"Output(s) '{string.Join(", ", wrongType)}' have incorrect type. [Output] attributed properties must be instances of Output<T>.");
            // Like the real SDK, a stack output left unassigned fails the run rather than exporting nothing.
            if (unassigned.Count > 0)
                throw new RunException($"Output(s) '{string.Join(", ", unassigned)}' have no value assigned. [Output] attributed properties must be assigned inside Stack constructor.");
        }

        private static bool IsOutputType(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Output<>);

        private void Track(Task task)
        {
            lock (_gate) _tasks.Add(Observe(task));
        }

        private async Task Observe(Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                RecordError(e);
            }
        }

        private void RecordError(Exception e)
        {
            while (e is TargetInvocationException { InnerException: { } inner }) e = inner;
            while (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerExceptions[0];
            lock (_gate) _errors.Add(e);
        }

        private async Task DrainAsync()
        {
            var awaited = 0;
            while (true)
            {
                Task[] batch;
                lock (_gate)
                {
                    if (awaited == _tasks.Count) return;
                    batch = _tasks.Skip(awaited).ToArray();
                    awaited = _tasks.Count;
                }
                await Task.WhenAll(batch).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The message of the failed run, or null. Like Pulumi's runner: a RunException reads as its message alone;
        /// any other exception as "Running program '...' failed with an unhandled exception:" and the exception.
        /// Messages logged at error level fail the run too.
        /// </summary>
        private string? FailureMessage()
        {
            lock (_gate)
            {
                if (_errors.Count > 0)
                {
                    var e = _errors[0];
                    if (e is RunException) return e.Message;
                    var program = Assembly.GetEntryAssembly()?.Location ?? "program";
                    return $"Running program '{program}' failed with an unhandled exception:\n{WithoutStackTrace(e)}";
                }
                var logged = _log.Where(l => l.Level == "error").Select(l => l.Message).ToList();
                return logged.Count > 0 ? string.Join("\n", logged) : null;
            }
        }

        private static string WithoutStackTrace(Exception e)
            => string.Join("\n", e.ToString().Split('\n')
                .Select(l => l.TrimEnd('\r'))
                .Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)
                    && !l.TrimStart().StartsWith("--- End of", StringComparison.Ordinal)));
    }
}
