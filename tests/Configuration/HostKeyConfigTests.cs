using System.Text.Json;
using Platform.Components.Cluster;
using Platform.Stacks.Configuration;
using Xunit;
using static Platform.Tests.Cluster.TestHostKeys;

namespace Platform.Tests.Configuration;

/// <summary><c>hostKey</c> of the nodes in <c>platform:nodes</c> and of bastions.</summary>
public class HostKeyConfigTests
{
    private static string Nodes(params (string Name, string Address, string? HostKey)[] nodes) =>
        JsonSerializer.Serialize(nodes.Select((node, i) =>
        {
            var entry = new Dictionary<string, object>
            {
                ["name"] = node.Name,
                ["address"] = node.Address,
                ["role"] = i == 0 ? "control-plane" : "worker",
            };
            if (node.HostKey != null) entry["hostKey"] = node.HostKey;
            return entry;
        }));

    private static ConfigProblem SingleProblem(Action<Dictionary<string, string>> edit) =>
        Assert.Single(ValidConfig.Problems(edit).Problems);

    [Fact]
    public void Each_node_keeps_its_key_in_the_form_the_provider_takes()
    {
        var settings = ValidConfig.Load(values => values["nodes"] = Nodes(
            ("cp-1", "10.0.0.11", Ed25519A + " root@cp-1"),
            ("worker-1", "10.0.0.21", "10.0.0.21 " + Ed25519B),
            ("worker-2", "10.0.0.22", "# 10.0.0.22:22 SSH-2.0-OpenSSH_9.6\n10.0.0.22 " + EcdsaP256 + "\n"),
            ("worker-3", "10.0.0.23", null)));

        Assert.Equal(Ed25519A, settings.Nodes[0].HostKey);
        Assert.Equal(Ed25519B, settings.Nodes[1].HostKey);
        Assert.Equal(EcdsaP256, settings.Nodes[2].HostKey);
        Assert.Null(settings.Nodes[3].HostKey);
    }

    [Fact]
    public void A_line_for_a_non_standard_port_names_the_host_with_its_port()
    {
        var settings = ValidConfig.Load(values => values["nodes"] = $$"""
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "sshPort": 2022,
              "hostKey": "{{Ed25519AHashedFor10_0_0_11Port2022}}"}]
            """);
        Assert.Equal(Ed25519A, settings.Nodes[0].HostKey);

        var problem = SingleProblem(values => values["nodes"] = $$"""
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "sshPort": 2022, "hostKey": "10.0.0.11 {{Ed25519A}}"}]
            """);
        Assert.Equal("platform:nodes[0].hostKey", problem.Key);
        Assert.StartsWith("is the line of 10.0.0.11, but known_hosts names this node [10.0.0.11]:2022: it may be another host's key. " +
            "Collect this node's key with `ssh-keyscan -t ed25519 -p 2022 10.0.0.11`", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_bastion_and_a_nodes_own_bastion_carry_their_keys()
    {
        var settings = ValidConfig.Load(values =>
        {
            values["bastion"] = $$"""{"host": "bastion.example.internal", "hostKey": "bastion.example.internal {{Ed25519E}}"}""";
            values["nodes"] = $$$"""
                [
                  {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "hostKey": "{{{Ed25519A}}}"},
                  {"name": "worker-1", "address": "10.0.0.21", "role": "worker", "hostKey": "{{{Ed25519B}}}",
                   "bastion": {"host": "10.1.0.1", "port": 2200, "hostKey": "[10.1.0.1]:2200 {{{Ed25519F}}}"}},
                  {"name": "worker-2", "address": "10.0.0.22", "role": "worker", "hostKey": "{{{Ed25519C}}}",
                   "bastion": {"host": "10.1.0.2"}}
                ]
                """;
        });

        Assert.Equal(new SshBastion { Host = "bastion.example.internal", User = "ubuntu", HostKey = Ed25519E }, settings.Nodes[0].Bastion);
        Assert.Equal(new SshBastion { Host = "10.1.0.1", User = "ubuntu", Port = 2200, HostKey = Ed25519F }, settings.Nodes[1].Bastion);
        Assert.Null(settings.Nodes[2].Bastion!.HostKey);
    }

    [Theory]
    [InlineData("10.0.0.13 " + Rsa, "is an RSA key (ssh-rsa). RSA host keys cannot be pinned")]
    [InlineData("", "is empty.")]
    [InlineData("10.0.0.13", "is not an SSH public key")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIANHHEbUEi8", "has ssh-ed25519 key data that is not valid base64")]
    [InlineData("10.0.0.13 " + Ed25519A + "\n10.0.0.13 " + EcdsaP256, "holds 2 lines")]
    public void A_key_that_cannot_be_pinned_is_reported_at_its_node_with_the_command_that_collects_it(string hostKey, string expected)
    {
        var problem = SingleProblem(values => values["nodes"] = Nodes(
            ("cp-1", "10.0.0.11", Ed25519A), ("worker-1", "10.0.0.12", Ed25519B), ("worker-2", "10.0.0.13", hostKey)));

        Assert.Equal("platform:nodes[2].hostKey", problem.Key);
        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("Collect the key with `ssh-keyscan -t ed25519 10.0.0.13` and check its fingerprint out of band (README: Host keys).",
            problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_key_must_be_a_string()
    {
        var problem = SingleProblem(values => values["nodes"] = """
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "hostKey": ["ssh-ed25519", "AAAA"]}]
            """);
        Assert.Equal("platform:nodes[0].hostKey", problem.Key);
        Assert.StartsWith("is a list", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Use a string, e.g. \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA…\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_collected_for_another_host_is_refused()
    {
        var problem = SingleProblem(values => values["nodes"] = Nodes(
            ("cp-1", "10.0.0.11", Ed25519A), ("worker-1", "10.0.0.12", "10.0.0.13 " + Ed25519B)));

        Assert.Equal("platform:nodes[1].hostKey", problem.Key);
        Assert.Equal("is the line of 10.0.0.13, but known_hosts names this node 10.0.0.12: it may be another host's key. Collect this " +
            "node's key with `ssh-keyscan -t ed25519 10.0.0.12`; if the key is right and only the name differs, leave the host field " +
            "out (ssh-ed25519 AAAA…).", problem.Message);
    }

    [Fact]
    public void A_hashed_line_for_another_host_is_refused()
    {
        var problem = SingleProblem(values => values["nodes"] = Nodes(("cp-1", "10.0.0.12", Ed25519AHashedFor10_0_0_11)));

        Assert.Equal("platform:nodes[0].hostKey", problem.Key);
        Assert.StartsWith("is a hashed known_hosts line for another host name, but known_hosts names this node 10.0.0.12", problem.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Two_nodes_with_one_host_key_are_refused()
    {
        var problem = SingleProblem(values => values["nodes"] = Nodes(
            ("cp-1", "10.0.0.11", Ed25519A), ("worker-1", "10.0.0.12", Ed25519B), ("worker-2", "10.0.0.13", "10.0.0.13 " + Ed25519A)));

        Assert.Equal("platform:nodes[2].hostKey", problem.Key);
        Assert.StartsWith($"is the host key of platform:nodes[0] too ({Ed25519AFingerprint}). Either the line was pasted twice, or the hosts " +
            "were cloned from one image", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_may_share_a_bastion_and_its_key()
    {
        var settings = ValidConfig.Load(values =>
        {
            values["bastion"] = $$"""{"host": "10.1.0.1", "hostKey": "{{Ed25519E}}"}""";
            values["nodes"] = Nodes(("cp-1", "10.0.0.11", Ed25519A), ("worker-1", "10.0.0.12", Ed25519B));
        });
        Assert.All(settings.Nodes, node => Assert.Equal(Ed25519E, node.Bastion!.HostKey));
    }

    [Theory]
    [InlineData("bastion", """{"host": "10.1.0.1", "port": 2222, "hostKey": "10.1.0.1 KEY"}""", "platform:bastion.hostKey",
        "is the line of 10.1.0.1, but known_hosts names this bastion [10.1.0.1]:2222: it may be another host's key. Collect this bastion's key with `ssh-keyscan -t ed25519 -p 2222 10.1.0.1`")]
    [InlineData("bastion", """{"host": "10.1.0.1", "hostKey": "RSA"}""", "platform:bastion.hostKey",
        "is an RSA key (ssh-rsa).")]
    [InlineData("nodes", """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "bastion": {"host": "10.1.0.1", "hostKey": "ssh-ed25519"}}]""",
        "platform:nodes[0].bastion.hostKey", "is not an SSH public key")]
    [InlineData("nodes", """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "bastion": {"host": "10.1.0.1", "hostkey": "KEY"}}]""",
        "platform:nodes[0].bastion.hostkey", "unknown field 'hostkey' (did you mean 'hostKey'?). Use only host, user, port or hostKey.")]
    [InlineData("nodes", """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "host_key": "KEY"}]""",
        "platform:nodes[0].host_key", "unknown field 'host_key' (did you mean 'hostKey'?)")]
    public void A_bad_bastion_key_is_reported_at_its_key(string configKey, string value, string expectedKey, string expectedMessage)
    {
        var problem = SingleProblem(values =>
            values[configKey] = value.Replace("KEY", Ed25519A, StringComparison.Ordinal).Replace("RSA", Rsa, StringComparison.Ordinal));

        Assert.Equal(expectedKey, problem.Key);
        Assert.StartsWith(expectedMessage, problem.Message, StringComparison.Ordinal);
    }
}
