using System.Collections.Concurrent;
using Pulumi.Testing;

namespace Platform.Renderer;

/// <summary>The mocks <see cref="PlanRecorder"/> runs the program with: every registration is recorded as the engine
/// sent it, and answered with <see cref="ProviderOutputs.State"/>. Invokes echo their arguments. IDs are
/// <c>&lt;name&gt;-id</c>.</summary>
public sealed class RecordingMocks : IMocks
{
    private readonly ConcurrentQueue<MockResourceArgs> _registrations = new();
    private readonly ConcurrentDictionary<string, string> _secretValues = new(StringComparer.Ordinal);

    /// <summary>Every registration, in the order they reached the mocks.</summary>
    public IReadOnlyList<MockResourceArgs> Registrations => _registrations.ToArray();

    /// <summary>The made-up secret values the providers returned, each with what it stands for.</summary>
    public IReadOnlyDictionary<string, string> SecretValues => _secretValues;

    /// <inheritdoc />
    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _registrations.Enqueue(args);
        var state = ProviderOutputs.State(args);
        foreach (var (value, what) in ProviderOutputs.SecretValues(args, state)) _secretValues[value] = what;
        return Task.FromResult<(string?, object)>((args.Name + "-id", state));
    }

    /// <inheritdoc />
    public Task<object> CallAsync(MockCallArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Task.FromResult<object>(args.Args);
    }

    /// <inheritdoc />
    public Task RegisterResourceOutputs(MockRegisterResourceOutputsRequest args) => Task.CompletedTask;
}
