using System.Net;
using Platform.Components.Cluster;
using Platform.Stacks.Configuration;
using Xunit;

namespace Platform.Tests.Configuration;

public class PlatformSettingsLoaderTests
{
    [Fact]
    public void ValidConfigurationParsesWithDefaults()
    {
        var settings = ValidConfig.Load(_ => { });

        Assert.Equal(PlatformTier.Medium, settings.Tier);
        Assert.Equal("prod", settings.Environment);
        Assert.Equal("platform-prod", settings.ClusterName);
        Assert.Equal(new KubernetesVersion(1, 36, 5), settings.KubernetesVersion);
        Assert.Equal("10.0.0.10", settings.ApiEndpoint.Host);
        Assert.Equal(6443, settings.ApiEndpoint.Port);
        Assert.Equal("https://10.0.0.10:6443", settings.ApiEndpoint.Url);
        Assert.Equal("10.244.0.0/16", settings.PodCidr.ToString());
        Assert.Equal("10.96.0.0/12", settings.ServiceCidr.ToString());
        Assert.Equal("cluster.local", settings.ClusterDomain);
        Assert.False(settings.StatefulWorkloads);
        Assert.Empty(settings.CapabilityOverrides);

        Assert.Equal(["cp-1", "cp-2", "cp-3", "worker-1"], settings.Nodes.Select(node => node.Name));
        Assert.Equal(["cp-1", "cp-2", "cp-3"], settings.ControlPlaneNodes.Select(node => node.Name));
        Assert.Equal("worker-1", Assert.Single(settings.WorkerNodes).Name);
        var first = settings.Nodes[0];
        Assert.Equal("10.0.0.11", first.Address);
        Assert.Equal(NodeRole.ControlPlane, first.Role);
        Assert.Equal(NodeOperatingSystem.Ubuntu2404, first.OperatingSystem);
        Assert.Equal("ubuntu", first.SshUser);
        Assert.Equal(22, first.SshPort);
        Assert.Empty(first.Labels);
        Assert.Empty(first.Taints);
        Assert.Null(first.Bastion);
    }

    [Fact]
    public void ExplicitValuesAreUsed()
    {
        var settings = ValidConfig.Load(values =>
        {
            values["tier"] = "Enterprise";
            values["kubernetesVersion"] = "1.35.9";
            values["apiEndpoint"] = "k8s-api.example.internal:8443";
            values["podCidr"] = "172.16.0.0/16";
            values["serviceCidr"] = "172.17.0.0/20";
            values["clusterDomain"] = "prod.internal";
            values["statefulWorkloads"] = "TRUE";
            values["capabilities"] = """{"tracing": false, "backup": true}""";
        });

        Assert.Equal(PlatformTier.Enterprise, settings.Tier);
        Assert.Equal(new KubernetesVersion(1, 35, 9), settings.KubernetesVersion);
        Assert.Equal("k8s-api.example.internal:8443", settings.ApiEndpoint.ToString());
        Assert.Null(settings.ApiEndpoint.HostAddress);
        Assert.Equal(Ipv4Cidr.Parse("172.16.0.0/16"), settings.PodCidr);
        Assert.Equal(Ipv4Cidr.Parse("172.17.0.0/20"), settings.ServiceCidr);
        Assert.Equal("prod.internal", settings.ClusterDomain);
        Assert.True(settings.StatefulWorkloads);
        // ValidConfig.Load switches the enterprise tier's Vault off beside the two given.
        Assert.Equal(["backup", "secretManagement", "tracing"], settings.CapabilityOverrides.Keys.Order(StringComparer.Ordinal));
        Assert.False(settings.CapabilityOverrides["tracing"]);
        Assert.True(settings.CapabilityOverrides["backup"]);
    }

    [Theory]
    [InlineData("small", PlatformTier.Small)]
    [InlineData("SUP", PlatformTier.Small)]
    [InlineData("medium", PlatformTier.Medium)]
    [InlineData("mbu", PlatformTier.Medium)]
    [InlineData("enterprise", PlatformTier.Enterprise)]
    [InlineData("Ent", PlatformTier.Enterprise)]
    [InlineData(" ent ", PlatformTier.Enterprise)]
    public void TierNamesAndAliasesAreAccepted(string value, PlatformTier expected)
    {
        var settings = ValidConfig.Load(values => values["tier"] = value);

        Assert.Equal(expected, settings.Tier);
    }

    [Theory]
    [InlineData("v1.35.9", "1.35.9")]
    [InlineData("1.37.0", "1.37.0")]
    [InlineData(" v1.36.12 ", "1.36.12")]
    public void KubernetesVersionAcceptsLeadingV(string value, string expected)
    {
        var settings = ValidConfig.Load(values => values["kubernetesVersion"] = value);

        Assert.Equal(expected, settings.KubernetesVersion.ToString());
    }

    [Fact]
    public void NodeDefaultsFollowTheOperatingSystem()
    {
        var settings = ValidConfig.Load(values => values["nodes"] = """
            [
              {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "os": "flatcar"},
              {"name": "worker-1", "address": "worker-1.example.internal", "role": "worker", "os": "ubuntu-22.04", "sshPort": 2222},
              {"name": "worker-2", "address": "10.0.0.22", "role": "Worker", "os": "Flatcar", "sshUser": "admin"}
            ]
            """);

        var (cp, worker1, worker2) = (settings.Nodes[0], settings.Nodes[1], settings.Nodes[2]);
        Assert.Equal(NodeOperatingSystem.Flatcar, cp.OperatingSystem);
        Assert.Equal("core", cp.SshUser);
        Assert.Equal(NodeOperatingSystem.Ubuntu2204, worker1.OperatingSystem);
        Assert.Equal("ubuntu", worker1.SshUser);
        Assert.Equal(2222, worker1.SshPort);
        Assert.Equal(NodeRole.Worker, worker2.Role);
        Assert.Equal("admin", worker2.SshUser);
    }

    [Theory]
    [InlineData(null, "10%")]
    [InlineData("""{"maxUnavailableWorkers": 5}""", "5")]
    [InlineData("""{"maxUnavailableWorkers": "5"}""", "5")]
    [InlineData("""{"maxUnavailableWorkers": "25%"}""", "25%")]
    [InlineData("{}", "10%")]
    public void TheUpgradeWaveSizeIsACountOrAPercentage(string? upgrade, string expected)
    {
        var settings = ValidConfig.Load(values =>
        {
            if (upgrade != null) values["upgrade"] = upgrade;
        });

        Assert.Equal(expected, settings.MaxUnavailableWorkers.ToString());
    }

    [Theory]
    [InlineData("ubuntu-22.04", NodeOperatingSystem.Ubuntu2204)]
    [InlineData("ubuntu-24.04", NodeOperatingSystem.Ubuntu2404)]
    [InlineData("Ubuntu-26.04", NodeOperatingSystem.Ubuntu2604)]
    [InlineData("flatcar", NodeOperatingSystem.Flatcar)]
    public void EachSupportedOperatingSystemIsParsed(string os, NodeOperatingSystem expected)
    {
        var settings = ValidConfig.Load(values => values["nodes"] = $$"""
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "os": "{{os}}"}]
            """);

        Assert.Equal(expected, settings.Nodes[0].OperatingSystem);
    }

    [Fact]
    public void A_node_is_dead_only_when_it_says_so_and_a_minority_of_dead_control_planes_is_accepted()
    {
        var settings = ValidConfig.Load(values => values["nodes"] = """
            [
              {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "dead": true},
              {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane", "dead": false},
              {"name": "cp-3", "address": "10.0.0.13", "role": "control-plane"},
              {"name": "w-1", "address": "10.0.0.21", "role": "worker", "dead": true}
            ]
            """);

        Assert.Equal([true, false, false, true], settings.Nodes.Select(node => node.Dead));
    }

    [Fact]
    public void LabelsAndTaintsAreParsed()
    {
        var settings = ValidConfig.Load(values => values["nodes"] = """
            [{
              "name": "cp-1", "address": "10.0.0.11", "role": "control-plane",
              "labels": {"example.com/rack": "r1", "node-role.kubernetes.io/infra": "", "zone": "a"},
              "taints": [
                {"key": "dedicated", "value": "infra", "effect": "NoSchedule"},
                {"key": "example.com/maintenance", "effect": "NoExecute"}
              ]
            }]
            """);

        var node = Assert.Single(settings.Nodes);
        Assert.Equal(3, node.Labels.Count);
        Assert.Equal("r1", node.Labels["example.com/rack"]);
        Assert.Equal(string.Empty, node.Labels["node-role.kubernetes.io/infra"]);
        Assert.Equal(
            [
                new NodeTaint { Key = "dedicated", Value = "infra", Effect = TaintEffect.NoSchedule },
                new NodeTaint { Key = "example.com/maintenance", Effect = TaintEffect.NoExecute },
            ],
            node.Taints);
        Assert.Equal("dedicated=infra:NoSchedule", node.Taints[0].ToString());
        Assert.Equal("example.com/maintenance:NoExecute", node.Taints[1].ToString());
    }

    [Fact]
    public void DefaultBastionAppliesToNodesWithoutTheirOwn()
    {
        var settings = ValidConfig.Load(values =>
        {
            values["bastion"] = """{"host": "bastion.example.internal"}""";
            values["nodes"] = """
                [
                  {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
                  {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane", "os": "flatcar"},
                  {"name": "cp-3", "address": "10.0.0.13", "role": "control-plane",
                   "bastion": {"host": "192.168.10.5", "user": "jump", "port": 2200}},
                  {"name": "worker-1", "address": "10.0.0.21", "role": "worker", "bastion": null}
                ]
                """;
        });

        Assert.Equal(new SshBastion { Host = "bastion.example.internal", User = "ubuntu", Port = 22 }, settings.Nodes[0].Bastion);
        Assert.Equal(new SshBastion { Host = "bastion.example.internal", User = "core", Port = 22 }, settings.Nodes[1].Bastion);
        Assert.Equal(new SshBastion { Host = "192.168.10.5", User = "jump", Port = 2200 }, settings.Nodes[2].Bastion);
        Assert.Null(settings.Nodes[3].Bastion);
    }

    [Fact]
    public void DefaultBastionUserAndPortAreKept()
    {
        var settings = ValidConfig.Load(values =>
            values["bastion"] = """{"host": "10.1.0.1", "user": "jump", "port": 2022}""");

        Assert.All(settings.Nodes, node => Assert.Equal(new SshBastion { Host = "10.1.0.1", User = "jump", Port = 2022 }, node.Bastion));
    }

    [Fact]
    public void SingleControlPlaneNodeIsEnough()
    {
        var settings = ValidConfig.Load(values => values["nodes"] = PlatformConfigKeys.NodesExample);

        Assert.Equal("cp-1", Assert.Single(settings.ControlPlaneNodes).Name);
        Assert.Empty(settings.WorkerNodes);
    }

    [Fact]
    public void StructuredValuesMayBeNullOrEmpty()
    {
        var settings = ValidConfig.Load(values =>
        {
            values["bastion"] = "null";
            values["capabilities"] = "{}";
            values["statefulWorkloads"] = "false";
            values["podCidr"] = "  ";
        });

        Assert.All(settings.Nodes, node => Assert.Null(node.Bastion));
        Assert.Empty(settings.CapabilityOverrides);
        Assert.False(settings.StatefulWorkloads);
        Assert.Equal("10.244.0.0/16", settings.PodCidr.ToString());
    }

    [Fact]
    public void ApiEndpointMayBeTheOnlyControlPlaneNode()
    {
        var settings = ValidConfig.Load(values =>
        {
            values["nodes"] = """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}]""";
            values["apiEndpoint"] = "10.0.0.11:6443";
        });

        Assert.Equal(IPAddress.Parse("10.0.0.11"), settings.ApiEndpoint.HostAddress);
        Assert.Equal(Platform.Components.Cluster.ApiEndpointMode.Direct, settings.ApiLoadBalancer);
    }

    [Fact]
    public void SecretValueIsNeverRead()
    {
        var source = new SecretGuardSource(ValidConfig.Values());

        var settings = PlatformSettingsLoader.Load(source);

        Assert.Equal("platform-prod", settings.ClusterName);
    }

    private sealed class SecretGuardSource(Dictionary<string, string> values) : IPlatformConfigSource
    {
        public string? Get(string key) =>
            key == "sshPrivateKey"
                ? throw new InvalidOperationException("The secret must not be read.")
                : values.GetValueOrDefault(key);

        public bool IsSet(string key) => values.ContainsKey(key);
    }

    [Theory]
    [InlineData("topology.kubernetes.io/zone")]
    [InlineData("topology.kubernetes.io/region")]
    [InlineData("node.kubernetes.io/pool")]
    [InlineData("kubelet.kubernetes.io/profile")]
    [InlineData("node-role.kubernetes.io/storage")]
    public void KubernetesLabelsMeantForNodesAreAccepted(string key)
    {
        var settings = ValidConfig.Load(values => values["nodes"] =
            $$$"""[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "labels": {"{{{key}}}": "a"}}]""");
        Assert.Equal("a", settings.Nodes[0].Labels[key]);
    }
}
