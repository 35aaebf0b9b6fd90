using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Stacks.Configuration;
using YamlDotNet.RepresentationModel;

namespace Platform.Renderer;

/// <summary>
/// A stack file (<c>Pulumi.&lt;stack&gt;.yaml</c>) read the way the Pulumi CLI hands its <c>config:</c> section to the
/// program: full keys (<c>platform:tier</c>), scalars as their text, lists and maps as JSON. Secret keys never carry
/// their value: each is <see cref="SecretPlaceholder"/> (a JSON secret keeps its keys, each value the placeholder), and a
/// required secret the file leaves out (the SSH key, which <c>eng/preview-example</c> generates) gets one too, and so do
/// the connectors' secrets of <c>platform:authentication</c> (<c>platform:authenticationSecrets</c>, which it sets too).
/// </summary>
public sealed partial record StackFile
{
    /// <summary>The stack's name: <c>example-small</c> for <c>Pulumi.example-small.yaml</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The file it was read from.</summary>
    public required string Path { get; init; }

    /// <summary>Every configuration value by full key, as the CLI passes it in <c>PULUMI_CONFIG</c>.</summary>
    public required IReadOnlyDictionary<string, string> Config { get; init; }

    /// <summary>The full keys that are secrets (<c>PULUMI_CONFIG_SECRET_KEYS</c>).</summary>
    public required IReadOnlyList<string> SecretKeys { get; init; }

    /// <summary>What a secret key's value is replaced with: <c>&lt;secret platform:sshPrivateKey&gt;</c>.</summary>
    public static string SecretPlaceholder(string fullKey) => $"<secret {fullKey}>";

    /// <summary>The stack name a file stands for: the part between <c>Pulumi.</c> and <c>.yaml</c>.</summary>
    /// <exception cref="ArgumentException">The file name is not <c>Pulumi.&lt;stack&gt;.yaml</c>.</exception>
    public static string StackName(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        if (!file.StartsWith("Pulumi.", StringComparison.Ordinal) || !(file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal))
            || file.Count(c => c == '.') < 2)
            throw new ArgumentException($"{path}: a stack file is named Pulumi.<stack>.yaml.", nameof(path));
        var name = file["Pulumi.".Length..file.LastIndexOf('.')];
        // The name becomes a folder under --out: only what Pulumi allows in a stack name, and never . or ..
        if (!StackNameSyntax().IsMatch(name) || name is "." or "..")
            throw new ArgumentException($"{path}: '{name}' is not a stack name (letters, digits, '-', '_' and '.', not . or ..).", nameof(path));
        return name;
    }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a stack file (no <c>config:</c> mapping, keys without a namespace).</exception>
    public static StackFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{path}: a stack file is one YAML mapping with a config: section.");
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("config"), out var section))
        {
            if (section is not YamlMappingNode entries)
                throw new FormatException($"{path}: config: must be a mapping of key to value.");
            foreach (var (keyNode, value) in entries.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                if (!key.Contains(':', StringComparison.Ordinal))
                    throw new FormatException($"{path}: config key '{key}' has no namespace; write it as platform:{key}.");
                if (value is YamlMappingNode { Children.Count: 1 } secure && secure.Children.ContainsKey(new YamlScalarNode("secure")))
                {
                    config[key] = SecretPlaceholder(key);
                    secrets.Add(key);
                }
                else
                {
                    config[key] = value is YamlScalarNode scalar ? scalar.Value ?? "" : ToJson(value)!.ToJsonString();
                }
            }
        }
        foreach (var key in PlatformConfigKeys.All.Where(k => k.Secret))
        {
            if (config.TryGetValue(key.FullName, out var value))
            {
                config[key.FullName] = Redact(key.FullName, value);
                secrets.Add(key.FullName);
            }
            else if (key.Required || key == PlatformConfigKeys.SshPrivateKey)
            {
                config[key.FullName] = SecretPlaceholder(key.FullName);
                secrets.Add(key.FullName);
            }
            else if (key == PlatformConfigKeys.AuthenticationSecrets && ConnectorPlaceholders(config) is { } connectors)
            {
                config[key.FullName] = connectors;
                secrets.Add(key.FullName);
            }
        }
        return new StackFile { Name = StackName(path), Path = path, Config = config, SecretKeys = secrets.ToList() };
    }

    /// <summary>A secret's value with every text in it replaced by the placeholder; a JSON object keeps its keys, each
    /// field's placeholder naming the key and the field without a colon (<c>&lt;secret platform.key.field&gt;</c>), as
    /// a credential such as an S3 access key ID may not hold one.</summary>
    private static string Redact(string fullKey, string value)
    {
        if (value == SecretPlaceholder(fullKey)) return value;
        try
        {
            if (JsonNode.Parse(value) is JsonObject json)
            {
                foreach (var name in json.Select(p => p.Key).ToList()) json[name] = $"<secret {fullKey.Replace(':', '.')}.{name}>";
                return json.ToJsonString();
            }
        }
        catch (JsonException)
        {
        }
        return SecretPlaceholder(fullKey);
    }

    /// <summary>The connectors' secrets eng/preview-example sets when the file leaves them out: a JSON object with a
    /// placeholder for each connector of <c>platform:authentication</c> that needs a secret, or null when there is none.</summary>
    private static string? ConnectorPlaceholders(IReadOnlyDictionary<string, string> config)
    {
        var fullKey = PlatformConfigKeys.AuthenticationSecrets.FullName;
        if (!config.TryGetValue(PlatformConfigKeys.Authentication.FullName, out var text)) return null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
        var placeholders = new JsonObject();
        foreach (var connector in (root?["connectors"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (connector["id"]?.GetValue<string>() is not { } id || connector["type"]?.GetValue<string>() is not { } type) continue;
            if (Platform.Components.Identity.DexConnectors.Parse(type) is { } parsed && Platform.Components.Identity.DexConnectors.SecretField(parsed) is not null)
                placeholders[id] = $"<secret {fullKey.Replace(':', '.')}.{id}>";
        }
        return placeholders.Count == 0 ? null : placeholders.ToJsonString();
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.-]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex StackNameSyntax();

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    /// <summary>A scalar inside a structured value, typed as Pulumi's YAML reader types it (YAML 1.2 core schema).</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var real) && text.Any(char.IsAsciiDigit))
            return JsonValue.Create(real);
        return JsonValue.Create(text);
    }
}
