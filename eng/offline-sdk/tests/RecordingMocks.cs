using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace OfflineSdk.Tests;

/// <summary>Mocks that record every registration and return the inputs as state, plus per-type extras.</summary>
internal sealed class RecordingMocks : IMocks
{
    public ConcurrentBag<MockResourceArgs> Registrations { get; } = new();
    public ConcurrentBag<MockRegisterResourceOutputsRequest> OutputRegistrations { get; } = new();
    public Func<MockResourceArgs, IDictionary<string, object>>? Extra { get; init; }
    public Func<MockResourceArgs, string?>? Id { get; init; }

    public MockResourceArgs Single(string type, string name)
        => Registrations.Single(r => r.Type == type && r.Name == name);

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Registrations.Add(args);
        var state = args.Inputs.ToBuilder();
        foreach (var (k, v) in Extra?.Invoke(args) ?? new Dictionary<string, object>()) state[k] = v;
        return Task.FromResult<(string?, object)>((Id?.Invoke(args) ?? args.Id, state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);

    public Task RegisterResourceOutputs(MockRegisterResourceOutputsRequest args)
    {
        OutputRegistrations.Add(args);
        return Task.CompletedTask;
    }
}
