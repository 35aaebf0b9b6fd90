using Platform.Components.Storage;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;

namespace Platform.Tests.Storage;

/// <summary>platform:storage is read strictly, and what cannot work stops the run, naming the key and the fix, before
/// any resource is registered.</summary>
public class StorageConfigTests
{
    private const string TwoStorageNodes = """
        [
          {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
          {"name": "storage-1", "address": "10.0.2.31", "role": "worker", "labels": {"node-role.kubernetes.io/storage": ""}},
          {"name": "storage-2", "address": "10.0.2.32", "role": "worker", "labels": {"node-role.kubernetes.io/storage": "true"}}
        ]
        """;

    private static async Task<string> FailsBeforeAnyResource(Dictionary<string, string> config)
    {
        var mocks = new PlatformMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => StackRunner.RunAsync(config, mocks: mocks));
        Assert.Empty(mocks.Registrations);
        return error.Message;
    }

    [Fact]
    public void Unset_storage_is_rook_ceph_on_the_storage_label_with_three_replicas()
    {
        var settings = ValidConfig.Load(_ => { });
        Assert.Empty(settings.Storage.Devices);
        Assert.Null(settings.Storage.DeviceFilter);
        Assert.Equal(StorageProvider.RookCeph, settings.Storage.Provider);
        Assert.Equal("node-role.kubernetes.io/storage", settings.Storage.NodeLabel);
        Assert.Equal(3, settings.Storage.Replicas);
        Assert.False(settings.Storage.DestroyDataOnDelete);
    }

    [Fact]
    public void Every_field_is_read()
    {
        var settings = ValidConfig.Load(v => v["storage"] = """
            {"provider": "rook-ceph", "nodeLabel": "example.com/ceph", "deviceFilter": "^sd[b-z]", "devices": {"worker-1": ["sdc"]},
             "replicas": 2, "destroyDataOnDelete": true}
            """);
        Assert.Equal("example.com/ceph", settings.Storage.NodeLabel);
        Assert.Equal("^sd[b-z]", settings.Storage.DeviceFilter);
        Assert.Equal(["sdc"], settings.Storage.Devices["worker-1"]);
        Assert.Equal(2, settings.Storage.Replicas);
        Assert.True(settings.Storage.DestroyDataOnDelete);
        Assert.Equal(StorageProvider.Existing, ValidConfig.Load(v => v["storage"] = """{"provider": "existing", "className": "fast-ssd"}""").Storage.Provider);
        Assert.Equal(StorageProvider.None, ValidConfig.Load(v => v["storage"] = """{"provider": "none"}""").Storage.Provider);
    }

    [Theory]
    [InlineData("""{"provider": "ceph"}""", "platform:storage.provider", "'ceph' is not a storage provider")]
    [InlineData("""{"provider": "existing"}""", "platform:storage", "provider existing needs className")]
    [InlineData("""{"provider": "existing", "className": "Fast_SSD"}""", "platform:storage", "is not a StorageClass name")]
    [InlineData("""{"className": "fast"}""", "platform:storage", "className is set but provider is rook-ceph")]
    [InlineData("""{"provider": "none", "replicas": 2}""", "platform:storage", "configure Rook-Ceph, but provider is none")]
    [InlineData("""{"deviceFilter": "^sd[b-"}""", "platform:storage", "deviceFilter '^sd[b-' is not a valid regular expression")]
    [InlineData("""{"deviceFilter": "^(?!sda)sd"}""", "platform:storage", "look-around and backreferences are not supported")]
    [InlineData("""{"deviceFilter": ""}""", "platform:storage", "deviceFilter is empty")]
    [InlineData("""{"devices": {"storage-1": []}}""", "platform:storage", "devices.storage-1 lists no device")]
    [InlineData("""{"devices": {"storage-1": ["sdb; rm -rf /"]}}""", "platform:storage", "is not a device name")]
    [InlineData("""{"replicas": 0}""", "platform:storage", "replicas 0 is out of range")]
    [InlineData("""{"nodeLabel": "not a label"}""", "platform:storage", "is not a label key")]
    [InlineData("""{"replica": 3}""", "platform:storage.replica", "could not be mapped")]
    public void Bad_storage_options_are_configuration_errors(string storage, string key, string message)
    {
        var error = ValidConfig.Problems(v => v["storage"] = storage);
        var problem = Assert.Single(error.Problems, p => p.Key == key);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public async Task Fewer_storage_nodes_than_the_default_replicas_is_an_error_naming_the_nodes_and_the_fix()
    {
        var message = await FailsBeforeAnyResource(StorageLayerTests.Stateful(nodes: TwoStorageNodes));
        Assert.Contains("platform:storage.replicas", message);
        Assert.Contains("3 replicas (the default) keep every copy on its own storage node, but only 2 nodes have the label node-role.kubernetes.io/storage (storage-1, storage-2)", message);
        Assert.Contains("set storage.replicas to 2", message);
    }

    [Fact]
    public async Task Fewer_replicas_on_fewer_nodes_are_accepted()
    {
        var run = await StackRunner.RunAsync(StorageLayerTests.Stateful("""{"replicas": 2}""", TwoStorageNodes));
        Assert.Equal(["storage-1", "storage-2"], run.Single<StorageLayer>().StorageNodes);
    }

    [Fact]
    public async Task No_storage_node_at_all_is_an_error_naming_the_label()
    {
        var message = await FailsBeforeAnyResource(StorageLayerTests.Stateful(nodes: ValidConfig.Nodes));
        Assert.Contains("platform:storage.nodeLabel", message);
        Assert.Contains("no node of platform:nodes has the label node-role.kubernetes.io/storage", message);
    }

    [Fact]
    public async Task Devices_of_a_node_that_is_not_a_storage_node_are_an_error()
    {
        var message = await FailsBeforeAnyResource(StorageLayerTests.Stateful("""{"devices": {"worker-1": ["sdb"], "storage-9": ["sdb"]}}"""));
        Assert.Contains("platform:storage.devices.worker-1: worker-1 is not a storage node", message);
        Assert.Contains("platform:storage.devices.storage-9: storage-9 is not a node of platform:nodes", message);
    }

    [Fact]
    public async Task Storage_settings_are_not_checked_against_the_inventory_while_the_capability_is_off()
    {
        // The medium example without stateful workloads has no storage nodes: the default provider asks for nothing.
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        Assert.Empty(run.All<StorageLayer>());
    }

    private static IReadOnlyList<CapabilityDecision> Decisions(bool storage) => CapabilityResolver.Resolve(
        CapabilityMatrix.Default, PlatformTier.Medium, new Dictionary<string, bool>(), statefulWorkloads: storage);

    [Theory]
    [InlineData(true, """{"provider": "rook-ceph"}""", RookCephValues.BlockClass)]
    [InlineData(true, """{"provider": "existing", "className": "fast-ssd"}""", "fast-ssd")]
    [InlineData(true, """{"provider": "none"}""", null)]
    [InlineData(false, """{"provider": "existing", "className": "fast-ssd"}""", null)]
    public void The_one_place_names_the_class_every_layer_uses(bool capability, string storage, string? expected)
    {
        var settings = ValidConfig.Load(v => v["storage"] = storage);
        var platform = PlatformStorage.From(settings, Decisions(capability));
        Assert.Equal(expected, platform.ClassName);
        Assert.Equal(capability && settings.Storage.Provider == StorageProvider.RookCeph, platform.DeployedByThePlatform);
    }

    [Fact]
    public void A_stateful_layer_without_storage_is_an_error_naming_both_keys_unless_it_is_ephemeral()
    {
        var off = PlatformStorage.From(ValidConfig.Load(_ => { }), Decisions(storage: false));
        var none = PlatformStorage.From(ValidConfig.Load(v => v["storage"] = """{"provider": "none"}"""), Decisions(storage: true));
        var logging = new StatefulClaim(CapabilityIds.Logging, "logging", Ephemeral: false);

        var problems = new ProblemCollector();
        LayerRequirements.CheckStatefulLayers(off, [logging, logging with { ConfigKey = "tracing", Ephemeral = true }], problems);
        var error = Assert.Throws<PlatformConfigException>(problems.ThrowIfAny);
        var problem = Assert.Single(error.Problems);
        Assert.Equal("platform:logging", problem.Key);
        Assert.Contains("platform:storage", problem.Message);
        Assert.Contains("the storage capability is off", problem.Message);
        Assert.Contains("platform:statefulWorkloads true", problem.Message);
        Assert.Contains("pulumi config set --path platform:logging.ephemeral true", problem.Message);

        Assert.Contains("platform:storage has provider none", none.Problem(logging));
        Assert.Null(none.Problem(logging with { Ephemeral = true }));
        Assert.Null(PlatformStorage.From(ValidConfig.Load(_ => { }), Decisions(storage: true)).Problem(logging));
    }

    [Fact]
    public void Monitoring_logging_harbor_and_vault_claim_volumes_and_storage_comes_before_every_other_layer_after_the_cni()
    {
        Assert.Equal([CapabilityIds.Monitoring, CapabilityIds.Logging, CapabilityIds.ImageScanning, CapabilityIds.SecretManagement, CapabilityIds.ServiceMesh], PlatformLayers.StatefulLayers.Select(l => l.Key));
        var order = PlatformLayers.InOrder.Select(l => l.Key).ToList();
        Assert.Equal(order.IndexOf(CapabilityIds.Cni) + 1, order.IndexOf(CapabilityIds.Storage));
    }
}

/// <summary>Port ranges in a namespace's allowances (Ceph's 6800-7300) become NetworkPolicy <c>endPort</c>s.</summary>
public class NetworkAllowancePortRangeTests
{
    [Theory]
    [InlineData(6800, 7300, "TCP", true)]
    [InlineData(7300, 6800, "TCP", false)]
    [InlineData(0, 10, "TCP", false)]
    [InlineData(6800, 70000, "TCP", false)]
    [InlineData(6800, 7300, "ICMP", false)]
    public void A_range_is_first_to_last_within_the_port_numbers(int first, int last, string protocol, bool valid)
    {
        var allowance = new Platform.Components.Networking.NetworkAllowance
        {
            Name = "allow-range",
            Direction = Platform.Components.Networking.TrafficDirection.Ingress,
            AnyPeer = true,
            PortRanges = [(first, last, protocol)],
        };
        Assert.Equal(valid, allowance.Problem() is null);
    }
}
