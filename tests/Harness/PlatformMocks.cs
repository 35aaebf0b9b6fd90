using System.Collections.Concurrent;
using Moq;
using Platform.Renderer;
using Pulumi.Testing;

namespace Platform.Tests.Harness;

/// <summary>
/// A Moq-based <see cref="IMocks"/> that records every registration and answers like the providers would, with the
/// same made-up outputs as eng/render (<see cref="ProviderOutputs"/>: inputs back as state, PEMs for TLS, results for
/// Random, stdout for commands, a deployed status for Helm releases). IDs are "&lt;name&gt;-id".
/// </summary>
public sealed class PlatformMocks
{
    private readonly ConcurrentQueue<MockResourceArgs> _registrations = new();

    /// <summary>Creates the mock and its setups; <paramref name="outputs"/>, when given, adds to (or replaces in) a
    /// registration's state what a provider would also return (a command's stdout, a certificate's validityEndTime).</summary>
    public PlatformMocks(Func<MockResourceArgs, IReadOnlyDictionary<string, object>>? outputs = null)
    {
        Mock = new Mock<IMocks>(MockBehavior.Strict);
        Mock.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .Returns((MockResourceArgs args) =>
            {
                _registrations.Enqueue(args);
                var state = ProviderOutputs.State(args);
                if (outputs != null) state = state.SetItems(outputs(args));
                return Task.FromResult<(string?, object)>((args.Name + "-id", state));
            });
        Mock.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>())).ReturnsAsync((MockCallArgs args) => args.Args);
        Mock.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>())).Returns(Task.CompletedTask);
    }

    /// <summary>The Moq mock, for extra setups and verification.</summary>
    public Mock<IMocks> Mock { get; }

    /// <summary>Every registration the engine made, in order.</summary>
    public IReadOnlyList<MockResourceArgs> Registrations => _registrations.ToArray();

    /// <summary>A PEM block whose content is the name of what it stands for (base64), so tests can follow where it went.</summary>
    public static string Pem(string kind, string name) => ProviderOutputs.Pem(kind, name);

    /// <summary>A deterministic lowercase-alphanumeric string of the requested length, derived from the resource name.</summary>
    public static string RandomResult(string name, int length) => ProviderOutputs.RandomResult(name, length);
}
