using System.Collections.Immutable;
using System.Text.Json;
using Platform.Stacks.Configuration;
using Pulumi;

namespace Platform.Stacks.Composition;

/// <summary>The bootstrap repository's credentials from the secret <c>platform:gitOpsRepositoryCredentials</c>.</summary>
public static class GitOpsCredentials
{
    /// <summary>The credentials as field to value, a secret; null when the key is unset. A value that is not a JSON
    /// object of one-line texts fails the update with a message naming the key, never the value (which fields the
    /// repository's scheme needs is checked by the layer, again without values).</summary>
    public static Output<ImmutableDictionary<string, string>>? From(Output<string>? secretJson) =>
        secretJson is null ? null : Output.CreateSecret(secretJson.Apply(Parse));

    /// <summary>Reads the JSON object.</summary>
    /// <exception cref="RunException">It is not a JSON object of non-empty texts.</exception>
    public static ImmutableDictionary<string, string> Parse(string json)
    {
        var key = PlatformConfigKeys.GitOpsRepositoryCredentials;
        var fix = $"Set it as a secret JSON object, {{\"username\": ..., \"password\": ...}} for https or {{\"sshPrivateKey\": ...}} for SSH: `{key.SetCommand}`.";
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new RunException($"{key.FullName} is {ConfigSyntax.Describe(document.RootElement.ValueKind)}, not an object. {fix}");
            var fields = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name is not ("username" or "password" or "sshPrivateKey"))
                    throw new RunException($"{key.FullName} has the unknown field {property.Name}. {fix}");
                if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
                    throw new RunException($"{key.FullName}: {property.Name} is not a non-empty text. {fix}");
                // A private key spans lines; a user name or password must not.
                if (property.Name != "sshPrivateKey" && property.Value.GetString()!.Any(c => c is '\n' or '\r'))
                    throw new RunException($"{key.FullName}: {property.Name} spans several lines. {fix}");
                fields[property.Name] = property.Value.GetString()!;
            }
            return fields.ToImmutable();
        }
        catch (JsonException)
        {
            // The parser's message may quote the value: only the key is named.
            throw new RunException($"{key.FullName} is not JSON. {fix}");
        }
    }
}
