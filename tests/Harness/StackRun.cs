using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Platform.Tests.Harness;

/// <summary>What one test run of a stack registered: typed resources, what the mocks received, and the args and options each resource got.</summary>
public sealed class StackRun
{
    internal StackRun(ImmutableArray<Resource> resources, IReadOnlyList<MockResourceArgs> registrations,
        IReadOnlyDictionary<string, ResourceOptions> options, IReadOnlyDictionary<string, ResourceArgs> args)
    {
        Resources = resources;
        Registrations = registrations;
        Options = options;
        Args = args;
    }

    /// <summary>The args each resource was registered with, by resource name (secret inputs can be checked here:
    /// the mocks receive them unwrapped).</summary>
    public IReadOnlyDictionary<string, ResourceArgs> Args { get; }

    /// <summary>Every resource registered, the stack included.</summary>
    public ImmutableArray<Resource> Resources { get; }

    /// <summary>Every registration as the mocks received it (type, name, wire inputs, provider reference).</summary>
    public IReadOnlyList<MockResourceArgs> Registrations { get; }

    /// <summary>The options each resource was registered with, by resource name.</summary>
    public IReadOnlyDictionary<string, ResourceOptions> Options { get; }

    /// <summary>The resources of type <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> All<T>() where T : Resource => Resources.OfType<T>().ToList();

    /// <summary>The single resource of type <typeparamref name="T"/>.</summary>
    public T Single<T>() where T : Resource => Assert.Single(All<T>());

    /// <summary>The resource of type <typeparamref name="T"/> named <paramref name="name"/>.</summary>
    public T Named<T>(string name) where T : Resource => Assert.Single(All<T>(), r => r.GetResourceName() == name);

    /// <summary>The registration of the resource of <paramref name="type"/> named <paramref name="name"/>.</summary>
    public MockResourceArgs Registration(string type, string name)
        => Assert.Single(Registrations, r => r.Type == type && r.Name == name);

    /// <summary>Every registration of <paramref name="type"/>.</summary>
    public IReadOnlyList<MockResourceArgs> RegistrationsOf(string type) => Registrations.Where(r => r.Type == type).ToList();

    /// <summary>The URNs of every resource, to check they are unique as a real deployment requires.</summary>
    public async Task<IReadOnlyList<string>> UrnsAsync()
    {
        var urns = new List<string>();
        foreach (var resource in Resources) urns.Add(await OutputUtilities.GetValueAsync(resource.Urn));
        return urns;
    }
}
