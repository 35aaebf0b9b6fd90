using System.Text.Json.Nodes;
using Platform.Renderer;
using Platform.Tests.Harness;

namespace Platform.Tests.Render;

/// <summary>Stack files reach the program as the Pulumi CLI passes them, and secret keys never carry their value.</summary>
public class StackFileTests
{
    private static string Write(string name, string yaml)
    {
        var dir = Directory.CreateTempSubdirectory("platform-stackfile-").FullName;
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void An_example_stack_has_full_keys_scalars_as_text_and_structures_as_json()
    {
        var stack = StackFile.Load(Path.Combine(RepoRoot.Path, "stacks", "Pulumi.example-medium.yaml"));

        Assert.Equal("example-medium", stack.Name);
        Assert.Equal("medium", stack.Config["platform:tier"]);
        Assert.Equal("false", stack.Config["platform:statefulWorkloads"]);
        var nodes = Assert.IsType<JsonArray>(JsonNode.Parse(stack.Config["platform:nodes"]));
        Assert.Equal(6, nodes.Count);
        Assert.Equal("rack-a", nodes[3]!["labels"]!["topology.kubernetes.io/zone"]!.GetValue<string>());
        // The SSH key is required and the examples leave it out: it becomes a placeholder secret.
        Assert.Equal("<secret platform:sshPrivateKey>", stack.Config["platform:sshPrivateKey"]);
        Assert.Equal(["platform:authenticationSecrets", "platform:sshPrivateKey"], stack.SecretKeys);
    }

    [Fact]
    public void Ciphertext_and_plain_secrets_become_placeholders_and_a_json_secret_keeps_its_keys()
    {
        var path = Write("Pulumi.secrets.yaml", """
            config:
              platform:tier: small
              platform:sshPrivateKey:
                secure: AAABAGx0ZXN0
              platform:rfc2136TsigSecret: c2VjcmV0LXZhbHVl
              platform:externalDnsCredentials: '{"aws-access-key-id": "AKIA0000", "aws-secret-access-key": "s3cr3t"}'
              aws:region: eu-west-1
            """);

        var stack = StackFile.Load(path);

        Assert.Equal("<secret platform:sshPrivateKey>", stack.Config["platform:sshPrivateKey"]);
        Assert.Equal("<secret platform:rfc2136TsigSecret>", stack.Config["platform:rfc2136TsigSecret"]);
        var credentials = Assert.IsType<JsonObject>(JsonNode.Parse(stack.Config["platform:externalDnsCredentials"]));
        Assert.Equal(["aws-access-key-id", "aws-secret-access-key"], credentials.Select(kv => kv.Key));
        Assert.All(credentials, kv => Assert.Equal($"<secret platform.externalDnsCredentials.{kv.Key}>", kv.Value!.GetValue<string>()));
        Assert.Equal(["platform:externalDnsCredentials", "platform:rfc2136TsigSecret", "platform:sshPrivateKey"], stack.SecretKeys);
        Assert.Equal("eu-west-1", stack.Config["aws:region"]);
        Assert.DoesNotContain(stack.Config.Values, v => v.Contains("s3cr3t", StringComparison.Ordinal) || v.Contains("c2VjcmV0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("stack.yaml", "config: {}\n", "Pulumi.<stack>.yaml")]
    [InlineData("Pulumi.bad.yaml", "config:\n  tier: small\n", "platform:tier")]
    [InlineData("Pulumi.bad.yaml", "config: [1, 2]\n", "mapping")]
    [InlineData("Pulumi....yaml", "config: {}\n", "not a stack name")]
    [InlineData("Pulumi.a b.yaml", "config: {}\n", "not a stack name")]
    public void A_file_that_is_not_a_stack_file_is_refused_with_the_fix(string name, string yaml, string hint)
    {
        var path = Write(name, yaml);
        var error = Assert.ThrowsAny<Exception>(() => StackFile.Load(path));
        Assert.True(error is FormatException or ArgumentException, error.GetType().Name);
        Assert.Contains(hint, error.Message);
    }
}
