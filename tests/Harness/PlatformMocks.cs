using System.Collections.Concurrent;
using System.Collections.Immutable;
using Moq;
using Pulumi.Testing;

namespace Platform.Tests.Harness;

/// <summary>
/// A Moq-based <see cref="IMocks"/> that records every registration and answers like the providers would: inputs
/// come back as state, plus the outputs each provider computes (PEMs for TLS, results for Random, stdout for
/// commands, a deployed status for Helm releases). IDs are "&lt;name&gt;-id".
/// </summary>
public sealed class PlatformMocks
{
    private readonly ConcurrentQueue<MockResourceArgs> _registrations = new();

    /// <summary>Creates the mock and its setups.</summary>
    public PlatformMocks()
    {
        Mock = new Mock<IMocks>(MockBehavior.Strict);
        Mock.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .Returns((MockResourceArgs args) =>
            {
                _registrations.Enqueue(args);
                return Task.FromResult<(string?, object)>((args.Name + "-id", State(args)));
            });
        Mock.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>())).ReturnsAsync((MockCallArgs args) => args.Args);
        Mock.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>())).Returns(Task.CompletedTask);
    }

    /// <summary>The Moq mock, for extra setups and verification.</summary>
    public Mock<IMocks> Mock { get; }

    /// <summary>Every registration the engine made, in order.</summary>
    public IReadOnlyList<MockResourceArgs> Registrations => _registrations.ToArray();

    /// <summary>A PEM block whose content is the name of what it stands for (base64), so tests can follow where it went.</summary>
    public static string Pem(string kind, string name)
        => $"-----BEGIN {kind}-----\n{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name))}\n-----END {kind}-----\n";

    /// <summary>A deterministic lowercase-alphanumeric string of the requested length, derived from the resource name.</summary>
    public static string RandomResult(string name, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        return new string(Enumerable.Range(0, length).Select(i => alphabet[bytes[i % bytes.Length] % alphabet.Length]).ToArray());
    }

    private static ImmutableDictionary<string, object> State(MockResourceArgs args)
    {
        var state = args.Inputs.ToBuilder();
        var name = args.Name!;
        switch (args.Type)
        {
            case "tls:index/privateKey:PrivateKey":
                state["privateKeyPem"] = Pem("PRIVATE KEY", name);
                state["publicKeyPem"] = Pem("PUBLIC KEY", name);
                break;
            case "tls:index/selfSignedCert:SelfSignedCert":
            case "tls:index/locallySignedCert:LocallySignedCert":
                state["certPem"] = Pem("CERTIFICATE", name);
                break;
            case "tls:index/certRequest:CertRequest":
                state["certRequestPem"] = Pem("CERTIFICATE REQUEST", name);
                break;
            case "random:index/randomId:RandomId":
                state["b64Std"] = Convert.ToBase64String(new byte[(int)(double)args.Inputs["byteLength"]]);
                break;
            case "random:index/randomPassword:RandomPassword":
            case "random:index/randomString:RandomString":
                state["result"] = RandomResult(name, (int)(double)args.Inputs["length"]);
                break;
            case "command:remote:Command":
            case "command:local:Command":
                state["stdout"] = "";
                state["stderr"] = "";
                break;
            case "kubernetes:helm.sh/v3:Release":
                state["status"] = ImmutableDictionary<string, object>.Empty.Add("status", "deployed").Add("name", name);
                break;
        }
        return state.ToImmutable();
    }
}
