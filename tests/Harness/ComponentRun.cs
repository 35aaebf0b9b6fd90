using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Platform.Tests.Harness;

/// <summary>One component (or a few) registered on its own under the mocks, with what each child was registered with:
/// its wire inputs, and the names of the resources its DependsOn option names (after the parents' transformations).</summary>
public sealed class ComponentRun
{
    private ComponentRun(IReadOnlyList<MockResourceArgs> registrations, IReadOnlyDictionary<string, IReadOnlySet<string>> dependsOn,
        IReadOnlyDictionary<string, ResourceArgs> args, IReadOnlyDictionary<string, ResourceOptions> options)
    {
        Registrations = registrations;
        DependsOn = dependsOn;
        Args = args;
        Options = options;
    }

    /// <summary>The options every resource registered below the run's root was created with, by resource name.</summary>
    public IReadOnlyDictionary<string, ResourceOptions> Options { get; }

    /// <summary>The args every resource registered below the run's root was created with, by resource name (secrets
    /// still wrapped, unlike <see cref="Registrations"/>).</summary>
    public IReadOnlyDictionary<string, ResourceArgs> Args { get; }

    /// <summary>Every registration as the mocks received it.</summary>
    public IReadOnlyList<MockResourceArgs> Registrations { get; }

    /// <summary>The DependsOn of every resource registered below the run's root, by resource name.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> DependsOn { get; }

    /// <summary>The registration of <paramref name="type"/> named <paramref name="name"/>.</summary>
    public MockResourceArgs Registration(string type, string name) => Assert.Single(Registrations, r => r.Type == type && r.Name == name);

    /// <summary>Every registration of <paramref name="type"/>.</summary>
    public IReadOnlyList<MockResourceArgs> Of(string type) => Registrations.Where(r => r.Type == type).ToList();

    /// <summary>The values of the Helm release named <paramref name="name"/>.</summary>
    public IReadOnlyDictionary<string, object> Values(string name) =>
        (IReadOnlyDictionary<string, object>)Registration("kubernetes:helm.sh/v3:Release", name).Inputs["values"];

    /// <summary>Runs <paramref name="build"/>, which registers components with the options it is given (their children's
    /// options are recorded through a transformation on them). <paramref name="before"/> registers what the components
    /// wait for, outside the recording (e.g. the release of the Prometheus Operator's CRDs).</summary>
    public static async Task<ComponentRun> RunAsync<T>(Func<T> before, Action<T, ComponentResourceOptions> build)
    {
        var mocks = new PlatformMocks();
        var recorded = new List<(string Name, ResourceOptions Options)>();
        var recordedArgs = new Dictionary<string, ResourceArgs>();
        await Deployment.TestAsync(mocks.Mock.Object, new TestOptions { IsPreview = true, ProjectName = "platform", StackName = "test" }, () =>
        {
            var prerequisite = before();
            var options = new ComponentResourceOptions();
#pragma warning disable CS0618 // ResourceTransformations is the transformation hook that also runs under the mock engine.
            options.ResourceTransformations.Add(args =>
            {
                lock (recorded)
                {
                    recorded.Add((args.Resource.GetResourceName(), args.Options));
                    recordedArgs[args.Resource.GetResourceName()] = args.Args;
                }
                return null;
            });
#pragma warning restore CS0618
            build(prerequisite, options);
        });
        var dependsOn = new Dictionary<string, IReadOnlySet<string>>();
        var recordedOptions = new Dictionary<string, ResourceOptions>();
        foreach (var (name, options) in recorded)
        {
            var dependencies = await OutputUtilities.GetValueAsync(options.DependsOn.ToOutput());
            dependsOn[name] = (dependencies.IsDefault ? [] : dependencies.Select(r => r.GetResourceName())).ToHashSet();
            recordedOptions[name] = options;
        }
        return new ComponentRun(mocks.Registrations, dependsOn, recordedArgs, recordedOptions);
    }
}
