using Platform.Stacks.Configuration;
using Xunit;

namespace Platform.Tests.Configuration;

public class PlatformSettingsLoaderBadInputTests
{
    [Theory]
    [InlineData("tier", null, "platform:tier", "is required but not set. Set it with `pulumi config set platform:tier medium`")]
    [InlineData("tier", "huge", "platform:tier", "'huge' is not a tier. Use small (alias sup")]
    [InlineData("environment", null, "platform:environment", "`pulumi config set platform:environment prod`")]
    [InlineData("environment", "Prod_1", "platform:environment", "'Prod_1' is not a DNS-1123 label")]
    [InlineData("environment", "-prod", "platform:environment", "starting and ending with a letter or digit")]
    [InlineData("clusterName", null, "platform:clusterName", "`pulumi config set platform:clusterName platform-prod`")]
    [InlineData("clusterName", "a-very-long-cluster-name-that-is-over-forty", "platform:clusterName", "more than the 40 allowed")]
    [InlineData("clusterName", "platform.prod", "platform:clusterName", "is not a DNS-1123 label")]
    [InlineData("kubernetesVersion", null, "platform:kubernetesVersion", "is required but not set. Set it with `pulumi config set platform:kubernetesVersion 1.36.5` (supported minor versions: 1.35, 1.36, 1.37; for a running cluster, the version it runs). There is no default")]
    [InlineData("kubernetesVersion", " ", "platform:kubernetesVersion", "is required but not set")]
    [InlineData("kubernetesVersion", "1.36", "platform:kubernetesVersion", "'1.36' is not a version of the form MAJOR.MINOR.PATCH")]
    [InlineData("kubernetesVersion", "latest", "platform:kubernetesVersion", "Use a full version such as 1.36.5 (supported minor versions: 1.35, 1.36, 1.37)")]
    [InlineData("kubernetesVersion", "1.34.11", "platform:kubernetesVersion", "1.34.11 is not supported: its minor version 1.34 is not one of 1.35, 1.36, 1.37. Upstream no longer patches 1.34. Kubernetes upgrades one minor at a time: a cluster running 1.34 is upgraded by setting a 1.35 version, e.g. 1.35.9.")]
    [InlineData("kubernetesVersion", "v1.33.5", "platform:kubernetesVersion", "minor version 1.33 is not one of 1.35, 1.36, 1.37. Upstream no longer patches 1.33. Kubernetes upgrades one minor at a time: a cluster running an older minor is first upgraded to 1.34 with an earlier Platform release, then set to a 1.35 version, e.g. 1.35.9.")]
    [InlineData("kubernetesVersion", "1.38.0", "platform:kubernetesVersion", "minor version 1.38 is not one of 1.35, 1.36, 1.37. 1.37 is the newest minor Platform supports. Use a supported version, e.g. 1.36.5.")]
    [InlineData("kubernetesVersion", "2.0.0", "platform:kubernetesVersion", "2.0.0 is not supported")]
    [InlineData("apiEndpoint", null, "platform:apiEndpoint", "is required but not set")]
    [InlineData("apiEndpoint", "10.0.0.10:70000", "platform:apiEndpoint", "port '70000' in '10.0.0.10:70000' is not a number between 1 and 65535")]
    [InlineData("apiEndpoint", "10.0.0.10:", "platform:apiEndpoint", "port '' in")]
    [InlineData("apiEndpoint", "https://10.0.0.10:6443", "platform:apiEndpoint", "is a URL")]
    [InlineData("apiEndpoint", "10.0.0.300", "platform:apiEndpoint", "'10.0.0.300' is not a valid IPv4 address")]
    [InlineData("apiEndpoint", "[fd00::1]:6443", "platform:apiEndpoint", "IPv4 only")]
    [InlineData("apiEndpoint", "10.244.0.5", "platform:apiEndpoint", "10.244.0.5 lies inside platform:podCidr 10.244.0.0/16")]
    [InlineData("apiEndpoint", "10.96.0.1", "platform:apiEndpoint", "lies inside platform:serviceCidr 10.96.0.0/12")]
    [InlineData("podCidr", "10.244.0/16", "platform:podCidr", "'10.244.0/16' does not start with a valid IPv4 address")]
    [InlineData("podCidr", "10.244.0.0", "platform:podCidr", "has no prefix length")]
    [InlineData("podCidr", "10.244.0.0/33", "platform:podCidr", "not a number between 0 and 32")]
    [InlineData("podCidr", "10.244.1.0/16", "platform:podCidr", "has host bits set; the range it lies in is 10.244.0.0/16")]
    [InlineData("podCidr", "10.96.0.0/16", "platform:podCidr", "10.96.0.0/16 overlaps platform:serviceCidr 10.96.0.0/12. Choose non-overlapping ranges, e.g. pod 10.244.0.0/16 and service 10.96.0.0/12.")]
    [InlineData("podCidr", "fd00:10:244::/56", "platform:podCidr", "is an IPv6 range; Platform supports IPv4 only for now")]
    [InlineData("podCidr", "8.0.0.0/6", "platform:podCidr", "is a /6 range")]
    [InlineData("podCidr", "10.244.0.0/25", "platform:podCidr", "between /8 and /24")]
    [InlineData("serviceCidr", "10.0.0.0/8", "platform:serviceCidr", "kube-apiserver refuses Service ranges larger than /12")]
    [InlineData("serviceCidr", "10.244.128.0/20", "platform:podCidr", "overlaps platform:serviceCidr 10.244.128.0/20")]
    [InlineData("serviceCidr", "fd00::/108", "platform:serviceCidr", "IPv6 and dual-stack are out of scope")]
    [InlineData("clusterDomain", "Cluster_Local", "platform:clusterDomain", "'Cluster_Local' is not a valid DNS domain")]
    [InlineData("nodes", null, "platform:nodes", "is required but not set")]
    [InlineData("nodes", """[{"name": "cp-1",}]""", "platform:nodes", "is not valid JSON")]
    [InlineData("nodes", """{"name": "cp-1"}""", "platform:nodes", "is an object, not a list of nodes")]
    [InlineData("nodes", "[]", "platform:nodes", "is an empty list")]
    [InlineData("bastion", """{"host": "bad_host"}""", "platform:bastion.host", "'bad_host' is not a valid DNS name")]
    [InlineData("bastion", """{"host": "10.1.0.1", "user": "Jump Host"}""", "platform:bastion.user", "is not a valid Linux user name")]
    [InlineData("bastion", """{"host": "10.1.0.1", "prot": 22}""", "platform:bastion.prot", "unknown field 'prot' (did you mean 'port'?)")]
    [InlineData("bastion", """{"user": "jump"}""", "platform:bastion.host", "is missing. Add \"host\"")]
    [InlineData("bastion", "\"bastion.example.internal\"", "platform:bastion", "is a string, not a bastion")]
    [InlineData("bastion", "{host: x}", "platform:bastion", "is not valid JSON")]
    [InlineData("sshPrivateKey", null, "platform:sshPrivateKey", "`pulumi config set --secret platform:sshPrivateKey < ~/.ssh/id_ed25519`")]
    [InlineData("statefulWorkloads", "yes", "platform:statefulWorkloads", "'yes' is not a boolean. Use true or false")]
    [InlineData("capabilities", """{"tracng": true}""", "platform:capabilities.tracng", "'tracng' is not a capability (did you mean 'tracing'?). Use one of installation, clusterAutoscaler")]
    [InlineData("capabilities", """{"tracing": "yes"}""", "platform:capabilities.tracing", "is a string (\"yes\"), not a boolean")]
    [InlineData("capabilities", """{"tracing": 1}""", "platform:capabilities.tracing", "is a number (1), not a boolean")]
    [InlineData("capabilities", """{"tracing": true, "tracing": false}""", "platform:capabilities.tracing", "appears more than once")]
    [InlineData("capabilities", "[true]", "platform:capabilities", "is a list, not a map")]
    [InlineData("capabilities", "{", "platform:capabilities", "is not valid JSON")]
    [InlineData("upgrade", """{"maxUnavailableWorkers": 0}""", "platform:upgrade.maxUnavailableWorkers", "is 0: an upgrade takes out at least one worker at a time. Use a number of workers of at least 1 (e.g. 5) or a percentage from 1% to 100% (e.g. \"25%\").")]
    [InlineData("upgrade", """{"maxUnavailableWorkers": "150%"}""", "platform:upgrade.maxUnavailableWorkers", "'150%' is neither a number of workers nor a percentage.")]
    [InlineData("upgrade", """{"maxUnavailableWorkers": "ten"}""", "platform:upgrade.maxUnavailableWorkers", "'ten' is neither a number of workers nor a percentage.")]
    [InlineData("upgrade", """{"maxUnavailableWorkers": 2.5}""", "platform:upgrade.maxUnavailableWorkers", "is 2.5: an upgrade takes out at least one worker at a time.")]
    [InlineData("upgrade", """{"maxUnavailableWorkers": true}""", "platform:upgrade.maxUnavailableWorkers", "is a boolean")]
    [InlineData("upgrade", """{"maxUnavailable": 3}""", "platform:upgrade.maxUnavailable", "'maxUnavailable' is not an upgrade setting. Use maxUnavailableWorkers.")]
    [InlineData("upgrade", "\"10%\"", "platform:upgrade", "is a string")]
    public void BadValueIsReportedWithItsKey(string key, string? value, string expectedKey, string expectedMessage)
    {
        var exception = ValidConfig.Problems(values => ValidConfig.Set(values, key, value));

        var problem = Assert.Single(exception.Problems);
        Assert.Equal(expectedKey, problem.Key);
        Assert.Contains(expectedMessage, problem.Message, StringComparison.Ordinal);
        Assert.Contains($"{expectedKey}: {problem.Message}", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "cp-1", "address": "10.0.0.12", "role": "control-plane"}, {"name": "cp-3", "address": "10.0.0.13", "role": "control-plane"}]""",
        "platform:nodes[1].name", "'cp-1' is already the name of platform:nodes[0]")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane"}, {"name": "cp-3", "address": "10.0.0.11", "role": "control-plane"}]""",
        "platform:nodes[2].address", "'10.0.0.11' is already the address of platform:nodes[0]")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "w-1", "address": "node-1.example.internal", "role": "worker"}, {"name": "w-2", "address": "NODE-1.example.internal", "role": "worker"}]""",
        "platform:nodes[2].address", "is already the address of platform:nodes[1]")]
    [InlineData(
        """[{"name": "w-1", "address": "10.0.0.21", "role": "worker"}, {"name": "w-2", "address": "10.0.0.22", "role": "worker"}]""",
        "platform:nodes", "has no control-plane node")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane"}]""",
        "platform:nodes", "has 2 control-plane nodes, an even number. Every control-plane node runs an etcd member")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane"}, {"name": "cp-3", "address": "10.0.0.13", "role": "control-plane"}, {"name": "cp-4", "address": "10.0.0.14", "role": "control-plane"}, {"name": "w-1", "address": "10.0.0.21", "role": "worker"}]""",
        "platform:nodes", "has 4 control-plane nodes, an even number. Every control-plane node runs an etcd member and etcd needs a majority (3 of 4)")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane", "dead": true}, {"name": "cp-3", "address": "10.0.0.13", "role": "control-plane", "dead": true}]""",
        "platform:nodes", "marks 2 of its 3 control-plane nodes dead (cp-2, cp-3), so fewer than a majority (2) of etcd's members are left: etcd has lost its quorum")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "dead": true}]""",
        "platform:nodes", "marks 1 of its 1 control-plane nodes dead (cp-1)")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "w-1", "address": "10.0.0.21", "role": "worker", "dead": "yes"}]""",
        "platform:nodes[1].dead", "is a string (\"yes\"), not a boolean. Use true or false without quotes.")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}, {"name": "w-1", "address": "10.0.0.21", "role": "worker", "daed": true}]""",
        "platform:nodes[1].daed", "(did you mean 'dead'?)")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "master"}]""",
        "platform:nodes[0].role", "'master' is not a node role. Use control-plane or worker.")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "os": "centos-7"}]""",
        "platform:nodes[0].os", "'centos-7' is not a supported operating system. Use ubuntu-22.04, ubuntu-24.04 (the default), ubuntu-26.04 or flatcar.")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "os": "ubuntu-24.4"}]""",
        "platform:nodes[0].os", "(did you mean 'ubuntu-24.04'?)")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "sshPort": 0}]""",
        "platform:nodes[0].sshPort", "is 0, not a port. Use a whole number between 1 and 65535")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "sshPort": 70000}]""",
        "platform:nodes[0].sshPort", "is 70000, not a port")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "sshPort": "22"}]""",
        "platform:nodes[0].sshPort", "is a string (\"22\"), not a port")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "sshUser": "Admin User"}]""",
        "platform:nodes[0].sshUser", "'Admin User' is not a valid Linux user name")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "labels": {"bad key!": "x"}}]""",
        "platform:nodes[0].labels[\"bad key!\"]", "'bad key!' is not a valid key: its name 'bad key!' must be 1–63 characters")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "labels": {"Example.com/rack": "x"}}]""",
        "platform:nodes[0].labels[\"Example.com/rack\"]", "its prefix 'Example.com' must be a lowercase DNS subdomain")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "labels": {"kubernetes.io/hostname": "x"}}]""",
        "platform:nodes[0].labels[\"kubernetes.io/hostname\"]", "uses the reserved kubernetes.io prefix, which Kubernetes keeps for its own components")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "labels": {"service.kubernetes.io/pool": "a"}}]""",
        "platform:nodes[0].labels[\"service.kubernetes.io/pool\"]", "Use a prefix of your own, e.g. example.com/pool.")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "labels": {"team.k8s.io/owner": "a"}}]""",
        "platform:nodes[0].labels[\"team.k8s.io/owner\"]", "uses the reserved k8s.io prefix")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "labels": {"rack": "r 1"}}]""",
        "platform:nodes[0].labels.rack", "'r 1' is not a valid value")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "labels": {"gpu": true}}]""",
        "platform:nodes[0].labels.gpu", "is a boolean (true). Label values are strings")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "labels": ["rack=r1"]}]""",
        "platform:nodes[0].labels", "is a list, not a map of labels")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "taints": [{"key": "dedicated", "effect": "NoScheduled"}]}]""",
        "platform:nodes[0].taints[0].effect", "'NoScheduled' is not a taint effect (did you mean 'NoSchedule'?). Use NoSchedule, PreferNoSchedule or NoExecute.")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "taints": [{"key": "dedicated"}]}]""",
        "platform:nodes[0].taints[0].effect", "is missing. Add \"effect\": \"NoSchedule\" to platform:nodes[0].taints[0].")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "taints": [{"key": "a", "effect": "NoSchedule"}, {"key": "a", "value": "b", "effect": "NoSchedule"}]}]""",
        "platform:nodes[0].taints[1]", "repeats the taint a:NoSchedule of platform:nodes[0].taints[0]")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "taints": [{"key": "a", "effect": "NoSchedule", "operator": "Exists"}]}]""",
        "platform:nodes[0].taints[0].operator", "unknown field 'operator'. Use only key, value or effect.")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "zone": "a"}]""",
        "platform:nodes[0].zone", "unknown field 'zone'. Use only name, address, role, os, sshUser, sshPort, hostKey, labels, taints, bastion or dead.")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "sshuser": "admin"}]""",
        "platform:nodes[0].sshuser", "unknown field 'sshuser' (did you mean 'sshUser'?)")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.244.3.4", "role": "control-plane"}]""",
        "platform:nodes[0].address", "10.244.3.4 lies inside platform:podCidr 10.244.0.0/16")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.100.0.4", "role": "control-plane"}]""",
        "platform:nodes[0].address", "10.100.0.4 lies inside platform:serviceCidr 10.96.0.0/12")]
    [InlineData(
        """[{"name": "cp-1", "address": "fe80::1", "role": "control-plane"}]""",
        "platform:nodes[0].address", "looks like an IPv6 address, and Platform supports IPv4 only for now")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.256", "role": "control-plane"}]""",
        "platform:nodes[0].address", "'10.0.0.256' is not a valid IPv4 address")]
    [InlineData(
        """[{"name": "cp-1", "role": "control-plane"}]""",
        "platform:nodes[0].address", "is missing. Add \"address\": \"10.0.0.11\" to platform:nodes[0].")]
    [InlineData(
        """[{"name": "cp-1", "address": 10, "role": "control-plane"}]""",
        "platform:nodes[0].address", "is a number (10). Use a string")]
    [InlineData(
        """[{"name": "CP_1", "address": "10.0.0.11", "role": "control-plane"}]""",
        "platform:nodes[0].name", "'CP_1' is not a DNS-1123 label")]
    [InlineData(
        """["10.0.0.11"]""",
        "platform:nodes[0]", "is a string, not a node. Write each node as an object")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "bastion": {"host": "10.1.0.1", "port": "ssh"}}]""",
        "platform:nodes[0].bastion.port", "is a string (\"ssh\"), not a port")]
    [InlineData(
        """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "name": "cp-2"}]""",
        "platform:nodes[0].name", "appears more than once in platform:nodes[0]")]
    public void BadNodeIsReportedWithItsKey(string nodes, string expectedKey, string expectedMessage)
    {
        var exception = ValidConfig.Problems(values => values["nodes"] = nodes);

        var problem = Assert.Single(exception.Problems);
        Assert.Equal(expectedKey, problem.Key);
        Assert.Contains(expectedMessage, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJsonReportsTheParserPosition()
    {
        var exception = ValidConfig.Problems(values => values["nodes"] = "[\n  {\"name\": \"cp-1\",}\n]");

        var problem = Assert.Single(exception.Problems);
        Assert.Equal("platform:nodes", problem.Key);
        Assert.Contains("(line 2, byte ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Fix the JSON text, e.g. `[{\"name\": \"cp-1\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PodCidrMustHoldOneSlash24PerNode()
    {
        var exception = ValidConfig.Problems(values => values["podCidr"] = "10.244.0.0/23");

        var problem = Assert.Single(exception.Problems);
        Assert.Equal("platform:podCidr", problem.Key);
        Assert.Contains("10.244.0.0/23 has room for 2 node(s) (each node gets a /24 of pod addresses), but platform:nodes lists 4", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidRoleDoesNotAlsoReportTheControlPlaneCount()
    {
        var exception = ValidConfig.Problems(values => values["nodes"] = """
            [
              {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
              {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane"},
              {"name": "cp-3", "address": "10.0.0.13", "role": "controlplane"}
            ]
            """);

        var problem = Assert.Single(exception.Problems);
        Assert.Equal("platform:nodes[2].role", problem.Key);
        Assert.Contains("(did you mean 'control-plane'?)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var exception = ValidConfig.Problems(values =>
        {
            values.Remove("tier");
            values["environment"] = "Production!";
            values["kubernetesVersion"] = "1.28.0";
            values["podCidr"] = "10.96.0.0/16";
            values["nodes"] = """
                [
                  {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
                  {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "os": "debian"}
                ]
                """;
            values.Remove("sshPrivateKey");
            values["statefulWorkloads"] = "maybe";
            values["capabilities"] = """{"tracing": "on", "mesh": true}""";
        });

        string[] expectedKeys =
        [
            "platform:tier",
            "platform:environment",
            "platform:kubernetesVersion",
            "platform:podCidr",
            "platform:nodes[1].os",
            "platform:nodes[1].name",
            "platform:nodes[1].address",
            "platform:nodes",
            "platform:sshPrivateKey",
            "platform:statefulWorkloads",
            "platform:capabilities.tracing",
            "platform:capabilities.mesh",
        ];
        Assert.Equal(expectedKeys, exception.Problems.Select(problem => problem.Key));
        var lines = exception.Message.Split('\n');
        Assert.Equal("Platform configuration has 12 problems (nothing was deployed):", lines[0]);
        Assert.Equal(exception.Problems.Select(problem => $"{problem.Key}: {problem.Message}"), lines.Skip(1));
    }

    [Fact]
    public void EmptyConfigurationReportsEveryRequiredKey()
    {
        var exception = Assert.Throws<PlatformConfigException>(
            () => PlatformSettingsLoader.Load(new DictionaryConfigSource(new Dictionary<string, string>())));

        var required = PlatformConfigKeys.All.Where(key => key.Required).Select(key => key.FullName);
        Assert.Equal(required, exception.Problems.Select(problem => problem.Key));
        Assert.All(exception.Problems, problem => Assert.Contains("pulumi config set", problem.Message, StringComparison.Ordinal));
        Assert.StartsWith("Platform configuration has 7 problems (nothing was deployed):\n", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleProblemHeaderIsSingular()
    {
        var exception = ValidConfig.Problems(values => values.Remove("tier"));

        Assert.StartsWith("Platform configuration has 1 problem (nothing was deployed):\nplatform:tier: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMessageSaysWhatIsWrongAndHowToFixIt()
    {
        var exception = ValidConfig.Problems(values =>
        {
            values["tier"] = "x";
            values["podCidr"] = "nope";
            values["nodes"] = """[{"name": "cp-1", "address": "10.0.0.11", "role": "boss", "labels": {"kubernetes.io/os": "linux"}}]""";
        });

        Assert.All(exception.Problems, problem =>
        {
            Assert.StartsWith("platform:", problem.Key, StringComparison.Ordinal);
            Assert.EndsWith(".", problem.Message, StringComparison.Ordinal);
            Assert.Contains(". ", problem.Message, StringComparison.Ordinal);
        });
    }
}
