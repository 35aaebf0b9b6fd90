using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Pulumi.Testing;

namespace TeamCluster.Tests;

/// <summary>Answers registrations as the providers would, enough for a preview: the inputs back as state, plus what TLS,
/// Random, Command and Helm compute (made-up PEMs, results, empty stdout, a deployed status). Records every
/// registration.</summary>
internal sealed class SampleMocks : IMocks
{
    private readonly ConcurrentQueue<MockResourceArgs> registrations = new();

    public IReadOnlyList<MockResourceArgs> Registrations => [.. registrations];

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        registrations.Enqueue(args);
        var name = args.Name ?? "";
        var state = args.Inputs.ToBuilder();
        switch (args.Type)
        {
            case "tls:index/privateKey:PrivateKey":
                state["privateKeyPem"] = Pem("PRIVATE KEY", name);
                state["publicKeyPem"] = Pem("PUBLIC KEY", name);
                break;
            case "tls:index/selfSignedCert:SelfSignedCert" or "tls:index/locallySignedCert:LocallySignedCert":
                state["certPem"] = Pem("CERTIFICATE", name);
                break;
            case "tls:index/certRequest:CertRequest":
                state["certRequestPem"] = Pem("CERTIFICATE REQUEST", name);
                break;
            case "random:index/randomId:RandomId" or "random:index/randomBytes:RandomBytes":
                // Keys differ by resource, as random ones do (the cluster refuses to share a key between two ciphers).
                state["b64Std"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
                state["base64"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
                break;
            case "random:index/randomPassword:RandomPassword" or "random:index/randomString:RandomString":
                state["result"] = new string('a', (int)(double)args.Inputs["length"]);
                break;
            case "command:remote:Command" or "command:local:Command":
                state["stdout"] = "";
                state["stderr"] = "";
                break;
            case "kubernetes:helm.sh/v3:Release":
                state["status"] = ImmutableDictionary<string, object>.Empty.Add("status", "deployed").Add("name", name);
                break;
        }
        return Task.FromResult<(string?, object)>((name + "-id", state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);

    private static string Pem(string kind, string name)
        => $"-----BEGIN {kind}-----\n{Convert.ToBase64String(Encoding.UTF8.GetBytes(name))}\n-----END {kind}-----\n";
}
