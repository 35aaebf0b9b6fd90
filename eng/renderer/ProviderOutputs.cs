using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Pulumi.Testing;

namespace Platform.Renderer;

/// <summary>
/// What each provider would return for a registration, made up deterministically from the resource's name so runs are
/// repeatable: the inputs come back as state, plus the outputs the provider computes (PEMs for TLS, results for Random,
/// empty stdout for commands, a deployed status for Helm releases). Values that the real provider returns as secrets are
/// listed by <see cref="SecretValues"/>, so what is written for people can redact them.
/// </summary>
public static class ProviderOutputs
{
    /// <summary>A PEM block whose content is the name of what it stands for (base64), so its way through the plan can be followed.</summary>
    public static string Pem(string kind, string name)
        => $"-----BEGIN {kind}-----\n{Convert.ToBase64String(Encoding.UTF8.GetBytes(name))}\n-----END {kind}-----\n";

    /// <summary>A deterministic lowercase-alphanumeric string of the requested length, derived from the resource name.</summary>
    public static string RandomResult(string name, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        return new string(Enumerable.Range(0, length).Select(i => alphabet[bytes[i % bytes.Length] % alphabet.Length]).ToArray());
    }

    /// <summary>A deterministic string in bcrypt's modular crypt format (<c>$2a$10$</c> and 53 characters of its
    /// alphabet), derived from the resource name: what Random's <c>bcryptHash</c> looks like, not a hash of anything.</summary>
    public static string BcryptHash(string name)
    {
        const string alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("bcrypt:" + name));
        return "$2a$10$" + new string(Enumerable.Range(0, 53).Select(i => alphabet[(bytes[i % bytes.Length] + i) % alphabet.Length]).ToArray());
    }

    /// <summary>The state the provider would return for <paramref name="args"/>.</summary>
    public static ImmutableDictionary<string, object> State(MockResourceArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var state = args.Inputs.ToBuilder();
        var name = args.Name ?? "";
        switch (args.Type)
        {
            case "tls:index/privateKey:PrivateKey":
                state["privateKeyPem"] = Pem("PRIVATE KEY", name);
                state["privateKeyPemPkcs8"] = Pem("PRIVATE KEY", name + " (PKCS#8)");
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
                state["b64Std"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, Math.Min(32, ByteLength(args))));
                break;
            case "random:index/randomPassword:RandomPassword":
                state["result"] = RandomResult(name, (int)(double)args.Inputs["length"]);
                state["bcryptHash"] = BcryptHash(name);
                break;
            case "random:index/randomString:RandomString":
                state["result"] = RandomResult(name, (int)(double)args.Inputs["length"]);
                break;
            case "random:index/randomBytes:RandomBytes":
                state["base64"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, Math.Min(32, (int)(double)args.Inputs["length"])));
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

    /// <summary>The made-up values in <paramref name="state"/> that stand for secret material (private keys, random
    /// secrets, key bytes), each with what it is (<c>tls:PrivateKey cluster-ca-key</c>).</summary>
    public static IEnumerable<(string Value, string What)> SecretValues(MockResourceArgs args, IReadOnlyDictionary<string, object> state)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(state);
        string[] keys = args.Type switch
        {
            "tls:index/privateKey:PrivateKey" => ["privateKeyPem", "privateKeyPemPkcs8"],
            "random:index/randomPassword:RandomPassword" => ["result", "bcryptHash"],
            "random:index/randomString:RandomString" => ["result"],
            "random:index/randomId:RandomId" => ["b64Std"],
            "random:index/randomBytes:RandomBytes" => ["base64"],
            _ => [],
        };
        var kind = args.Type!.Split(':')[^1];
        foreach (var key in keys)
            if (state.TryGetValue(key, out var value) && value is string { Length: > 0 } text)
                yield return (text, $"{args.Type.Split(':')[0]}:{kind} {args.Name}");
    }

    private static int ByteLength(MockResourceArgs args) => (int)(double)args.Inputs["byteLength"];
}
