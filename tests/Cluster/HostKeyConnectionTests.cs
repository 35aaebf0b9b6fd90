using System.Text.Json;
using Platform.Components.Cluster;
using Platform.Renderer;
using Platform.Stacks;
using Platform.Stacks.Configuration;
using Platform.Tests.Render;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Command.Remote;
using static Platform.Tests.Cluster.ClusterInventories;
using static Platform.Tests.Cluster.TestHostKeys;

namespace Platform.Tests.Cluster;

/// <summary>Host keys reach every command's connection (Pulumi.Command's <c>hostKey</c>, the bastion's in <c>proxy</c>), and
/// the stack warns about every node and bastion without one.</summary>
public class HostKeyConnectionTests
{
    private const string CommandType = "command:remote:Command";

    private static readonly Dictionary<string, string> Keys = new()
    {
        ["cp-1"] = Ed25519A, ["worker-1"] = Ed25519B, ["worker-2"] = Ed25519C,
    };

    /// <summary>One control-plane node and two workers; <paramref name="hostKeys"/> by node name.</summary>
    private static Dictionary<string, string> Inventory(IReadOnlyDictionary<string, string> hostKeys, string? bastion = null) =>
        With(1, 2, edit: values =>
        {
            var nodes = JsonSerializer.Deserialize<List<Dictionary<string, object>>>(values["nodes"])!;
            foreach (var node in nodes)
                if (hostKeys.TryGetValue(node["name"].ToString()!, out var key)) node["hostKey"] = key;
            values["nodes"] = JsonSerializer.Serialize(nodes);
            if (bastion != null) values["bastion"] = bastion;
        });

    private static IReadOnlyDictionary<string, object> Connection(StackRun run, string name)
        => (IReadOnlyDictionary<string, object>)run.Registration(CommandType, name).Inputs["connection"];

    [Fact]
    public async Task Every_command_pins_the_key_of_the_host_it_runs_on()
    {
        var run = await StackRunner.RunAsync(Inventory(Keys));

        Assert.Equal(Ed25519A, Connection(run, Resource("cp-1", "kubeadm"))["hostKey"]);
        Assert.Equal(Ed25519B, Connection(run, Resource("worker-1", "files"))["hostKey"]);
        Assert.Equal(Ed25519C, Connection(run, Resource("worker-2", "kubeadm"))["hostKey"]);
        // Steps for a worker that run on the first control-plane node pin that node's key.
        Assert.Equal(Ed25519A, Connection(run, Resource("worker-1", "register"))["hostKey"]);
        Assert.Equal(Ed25519A, Connection(run, Resource("worker-2", "bootstrap-token"))["hostKey"]);
        var byAddress = new Dictionary<string, string> { ["10.0.0.11"] = Ed25519A, ["10.0.1.11"] = Ed25519B, ["10.0.1.12"] = Ed25519C };
        foreach (var command in run.RegistrationsOf(CommandType))
        {
            var connection = (IReadOnlyDictionary<string, object>)command.Inputs["connection"];
            Assert.Equal(byAddress[(string)connection["host"]], connection["hostKey"]);
        }
    }

    [Fact]
    public async Task A_pasted_ssh_keyscan_line_reaches_the_provider_as_the_key_alone()
    {
        var run = await StackRunner.RunAsync(Inventory(new Dictionary<string, string>
        {
            ["cp-1"] = "# 10.0.0.11:22 SSH-2.0-OpenSSH_9.6\n10.0.0.11 " + Ed25519A + "\n",
            ["worker-1"] = Ed25519B + " root@worker-1",
        }));

        Assert.Equal(Ed25519A, Connection(run, Resource("cp-1", "prepare"))["hostKey"]);
        Assert.Equal(Ed25519B, Connection(run, Resource("worker-1", "prepare"))["hostKey"]);
        Assert.False(Connection(run, Resource("worker-2", "prepare")).ContainsKey("hostKey"));
    }

    [Fact]
    public async Task The_bastion_key_is_pinned_on_the_proxy_connection()
    {
        var run = await StackRunner.RunAsync(Inventory(Keys, $$"""{"host": "bastion.example.internal", "user": "jump", "hostKey": "{{Ed25519E}}"}"""));

        foreach (var command in run.RegistrationsOf(CommandType))
        {
            var connection = (IReadOnlyDictionary<string, object>)command.Inputs["connection"];
            var proxy = (IReadOnlyDictionary<string, object>)connection["proxy"];
            Assert.Equal(Ed25519E, proxy["hostKey"]);
            Assert.NotEqual(Ed25519E, connection["hostKey"]);
        }
        Assert.Empty(run.Single<PlatformStack>().Warnings);
    }

    [Fact]
    public async Task Host_keys_are_public_and_not_made_secret()
    {
        var run = await StackRunner.RunAsync(Inventory(Keys, $$"""{"host": "bastion.example.internal", "hostKey": "{{Ed25519E}}"}"""));
        var args = (CommandArgs)run.Args[Resource("worker-1", "kubeadm")];
        var connection = await Outputs.ValueAsync(args.Connection!.ToOutput());
        Assert.False(await Outputs.IsSecretAsync(connection.HostKey!.ToOutput()));
        Assert.Equal(Ed25519B, await Outputs.ValueAsync(connection.HostKey!.ToOutput()));
        var proxy = await Outputs.ValueAsync(connection.Proxy!.ToOutput());
        Assert.False(await Outputs.IsSecretAsync(proxy.HostKey!.ToOutput()));
    }

    [Fact]
    public async Task The_stack_warns_once_naming_every_node_and_bastion_without_a_key()
    {
        var run = await StackRunner.RunAsync(Inventory(new Dictionary<string, string> { ["cp-1"] = Ed25519A },
            """{"host": "bastion.example.internal"}"""));

        var warning = Assert.Single(run.Single<PlatformStack>().Warnings);
        Assert.StartsWith("SSH host keys are not pinned for node worker-1 (10.0.1.11), node worker-2 (10.0.1.12) and bastion " +
            "bastion.example.internal: ", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("cp-1", warning, StringComparison.Ordinal);
        Assert.False(Connection(run, Resource("worker-1", "kubeadm")).ContainsKey("hostKey"));
        var proxy = (IReadOnlyDictionary<string, object>)Connection(run, Resource("worker-1", "kubeadm"))["proxy"];
        Assert.False(proxy.ContainsKey("hostKey"));
    }

    [Fact]
    public async Task No_warning_when_every_host_key_is_pinned()
    {
        var run = await StackRunner.RunAsync(Inventory(Keys));
        Assert.Empty(run.Single<PlatformStack>().Warnings);
    }

    [Fact]
    public async Task A_component_given_a_key_that_cannot_be_pinned_fails_naming_the_node()
    {
        var node = new ClusterNode { Name = "cp-1", Address = "10.0.0.11", Role = NodeRole.ControlPlane, HostKey = Rsa };
        var error = Assert.Throws<ArgumentException>(() => NodeConnection.For(node, "key"));
        Assert.StartsWith("The host key of node cp-1 is an RSA key (ssh-rsa).", error.Message, StringComparison.Ordinal);

        var bastion = new SshBastion { Host = "10.9.0.1", User = "jump", HostKey = "10.9.0.2 " + Ed25519B };
        var connection = NodeConnection.For(node with { HostKey = "10.0.0.11 " + Ed25519A, Bastion = bastion }, "key");
        Assert.Equal(Ed25519A, await Outputs.ValueAsync(connection.HostKey!.ToOutput()));
        // The component pins what it is given; that a known_hosts line names this host is a configuration check.
        var proxy = await Outputs.ValueAsync(connection.Proxy!.ToOutput());
        Assert.Equal(Ed25519B, await Outputs.ValueAsync(proxy.HostKey!.ToOutput()));
    }
}

/// <summary>The example stacks and fixtures show host keys: every example pins every host, the fixtures use each form an
/// operator pastes, and the Calico fixture leaves one node without a key.</summary>
public class HostKeyStackFileTests
{
    [Theory]
    [MemberData(nameof(RenderedStacks.All), MemberType = typeof(RenderedStacks))]
    public async Task Every_command_of_a_rendered_stack_pins_its_host_key_unless_the_stack_file_leaves_it_out(string stack)
    {
        var settings = PlatformSettingsLoader.Load(new DictionaryConfigSource(Platform.Tests.Stacks.ExampleStackTests.Bare(StackFile.Load(RenderedStacks.File(stack)))));
        var unpinned = stack == "fixture-full-calico" ? new[] { "worker-2" } : [];
        Assert.Equal(unpinned, settings.Nodes.Where(n => n.HostKey is null).Select(n => n.Name));
        Assert.All(settings.Nodes.Select(n => n.Bastion).OfType<SshBastion>(), bastion => Assert.NotNull(bastion.HostKey));
        Assert.Equal(unpinned.Length == 0, SshHostKey.UnpinnedWarning(settings.Nodes) is null);

        var plan = await RenderedStacks.PlanAsync(stack);
        var keys = settings.Nodes.Where(n => n.HostKey != null).ToDictionary(n => n.Address, n => n.HostKey!);
        foreach (var command in plan.OfType("command:remote:Command"))
        {
            var connection = command.Inputs["connection"]!;
            var host = connection["host"]!.GetValue<string>();
            Assert.Equal(keys.GetValueOrDefault(host), connection["hostKey"]?.GetValue<string>());
            if (connection["proxy"] is { } proxy)
                Assert.StartsWith("ssh-ed25519 AAAA", proxy["hostKey"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
