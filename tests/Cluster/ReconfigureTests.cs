using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Cluster.Scripts;
using Platform.Renderer;
using Platform.Tests.Harness;
using Platform.Tests.Validation.ConfigApi;
using static Platform.Tests.Cluster.ClusterInventories;

namespace Platform.Tests.Cluster;

/// <summary>
/// Configuration changes after init reach the running cluster: each control-plane node's reconfigure step runs after
/// the previous one (the first after every upgrade and kube-vip roll-out), the Secrets rewrite after the last, every
/// node's kubelet step after the first control-plane node's; their triggers are fingerprints of the configuration, the
/// one init used on a new cluster, and change with a hardening switch or a control-plane setting and not otherwise;
/// nothing in the bring-up waits for them.
/// </summary>
public class ReconfigureTests
{
    private const string CommandType = "command:remote:Command";

    private static readonly string[] Steps = ["-reconfigure", "-reconfigure-kubelet", "-rewrite-secrets"];

    private static object[] Triggers(StackRun run, string name) =>
        ((ImmutableArray<object>)run.Registration(CommandType, name).Inputs["triggers"]).ToArray();

    private static string Host(StackRun run, string name) =>
        (string)((IReadOnlyDictionary<string, object>)run.Registration(CommandType, name).Inputs["connection"])["host"];

    private static string Create(StackRun run, string name) => NodeScript.Unwrap((string)run.Registration(CommandType, name).Inputs["create"]);

    [Fact]
    public async Task Control_planes_reconfigure_one_at_a_time_after_every_roll_out_and_the_secrets_and_kubelets_follow()
    {
        var run = await StackRunner.RunAsync(With(3, 2));
        var graph = await DependencyGraph.OfAsync(run);
        void Waits(string[] expected, string step) => Assert.Equal(expected.Order(), graph.Direct(step).Order());

        // After every upgrade and the kube-vip roll-outs (the last control plane's), so no kubeadm upgrade and no moving
        // virtual IP meets a regenerated API server.
        Waits([Resource("cp-1", "files"), Resource("cp-1", "kubeadm"), Resource("cp-3", "kube-vip")], Resource("cp-1", "reconfigure"));
        Waits([Resource("cp-2", "files"), Resource("cp-2", "kubeadm"), Resource("cp-1", "reconfigure")], Resource("cp-2", "reconfigure"));
        Waits([Resource("cp-3", "files"), Resource("cp-3", "kubeadm"), Resource("cp-2", "reconfigure")], Resource("cp-3", "reconfigure"));
        Assert.Contains(Resource("worker-2", "upgrade-uncordon"), graph.Transitive(Resource("cp-1", "reconfigure")));
        Waits([Resource("cp-1", "kubeadm"), Resource("cp-3", "reconfigure")], Resource("cp-1", "rewrite-secrets"));
        // The first control plane's kubelet after its reconfigure (which uploads kubelet-config); every other node's after
        // that one, a control plane's also after its own reconfigure.
        Waits([Resource("cp-1", "kubeadm"), Resource("cp-1", "reconfigure")], Resource("cp-1", "reconfigure-kubelet"));
        Waits([Resource("cp-2", "kubeadm"), Resource("cp-1", "reconfigure-kubelet"), Resource("cp-2", "reconfigure")], Resource("cp-2", "reconfigure-kubelet"));
        foreach (var worker in new[] { "worker-1", "worker-2" })
            Waits([Resource(worker, "kubeadm"), Resource("cp-1", "reconfigure-kubelet")], Resource(worker, "reconfigure-kubelet"));

        foreach (var (node, address) in new[] { ("cp-1", "10.0.0.11"), ("cp-2", "10.0.0.12"), ("cp-3", "10.0.0.13") })
        {
            Assert.Equal(address, Host(run, Resource(node, "reconfigure")));
            Assert.Contains($"node={node}", Create(run, Resource(node, "reconfigure")));
        }
        Assert.Equal("10.0.1.11", Host(run, Resource("worker-1", "reconfigure-kubelet")));
        Assert.Equal("10.0.0.11", Host(run, Resource("cp-1", "rewrite-secrets")));
        // Only the first control plane uploads the cluster's configuration.
        Assert.Contains("kubeadm init phase upload-config kubeadm", Create(run, Resource("cp-1", "reconfigure")), StringComparison.Ordinal);
        Assert.DoesNotContain("kubeadm init phase upload-config", Create(run, Resource("cp-2", "reconfigure")), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Registrations, r => r.Name == Resource("worker-1", "reconfigure") || r.Name == Resource("worker-1", "rewrite-secrets"));
        Assert.Equal(30.0, ((Pulumi.CustomResourceOptions)run.Options[Resource("cp-2", "reconfigure")]).CustomTimeouts!.Create!.Value.TotalMinutes);
    }

    [Fact]
    public async Task Without_kube_vip_the_first_reconfigure_waits_for_the_last_upgrade_wave()
    {
        var run = await StackRunner.RunAsync(With(1, 2));
        var graph = await DependencyGraph.OfAsync(run);

        Assert.Equal(
            // Two workers upgrade one at a time (10%, at least one): worker-2's is the last wave.
            new[] { Resource("cp-1", "files"), Resource("cp-1", "kubeadm"), Resource("worker-2", "upgrade-uncordon") }.Order(),
            graph.Direct(Resource("cp-1", "reconfigure")).Order());
    }

    [Fact]
    public async Task Nothing_but_the_reconfigure_steps_waits_for_them()
    {
        var run = await StackRunner.RunAsync(With(3, 3));
        var graph = await DependencyGraph.OfAsync(run);

        foreach (var name in run.Options.Keys.Where(n => !IsReconfigureStep(n)))
            Assert.True(!graph.Transitive(name).Any(IsReconfigureStep), $"{name} waits for {string.Join(", ", graph.Transitive(name).Where(IsReconfigureStep))}");
    }

    [Fact]
    public async Task The_control_plane_fingerprint_is_that_of_the_cluster_configuration_init_used()
    {
        var run = await StackRunner.RunAsync(With(3, 1));
        var files = (string)run.Registration(CommandType, Resource("cp-1", "files")).Inputs["stdin"];
        var init = NodeFilePayload.Content(files, NodeScripts.KubeadmConfigPath);
        var cluster = init.Split("---\n").Single(d => d.Contains("\nkind: ClusterConfiguration\n", StringComparison.Ordinal));
        var kubelet = init.Split("---\n").Single(d => d.Contains("\nkind: KubeletConfiguration\n", StringComparison.Ordinal));
        var withoutVersion = string.Join('\n', cluster.Split('\n').Where(l => !l.StartsWith("kubernetesVersion:", StringComparison.Ordinal)));

        Assert.Equal(new object[] { Sha256(withoutVersion), Sha256(kubelet) }, Triggers(run, Resource("cp-1", "reconfigure")));
        Assert.Equal(new object[] { Sha256(withoutVersion), Sha256(kubelet) }, Triggers(run, Resource("cp-2", "reconfigure")));
        Assert.Equal(new object[] { Sha256(kubelet) }, Triggers(run, Resource("worker-1", "reconfigure-kubelet")));
        Assert.Equal(new object[] { "secretbox" }, Triggers(run, Resource("cp-1", "rewrite-secrets")));
        // The init configuration decodes with kubeadm v1beta4's strict types, its API server environment included.
        var decoded = ConfigDocuments.DecodeSingle<KubeadmV1Beta4ClusterConfiguration>(cluster, "1.36");
        Assert.Equal(
            [
                // The medium tier enforces restricted by default (nonRootContainers).
                (KubeadmConfigRenderer.ApiServerFilesVariable, KubeadmConfigRenderer.ApiServerFilesDigest(
                    new KubeadmHardening { PodSecurity = new PodSecurityAdmission { Enforce = Platform.Components.Networking.PodSecurityLevel.Restricted } })),
                (KubeadmConfigRenderer.SecretsWriterVariable, "secretbox"),
            ],
            decoded.ApiServer!.ExtraEnvs!.Select(e => (e.Name, e.Value)));
    }

    [Theory]
    // A control-plane setting: every control plane's step runs again, the kubelets' do not.
    [InlineData("disableProfiling", true, false, "secretbox")]
    [InlineData("eventRateLimit", true, false, "secretbox")]
    // Pod Security defaults change only the admission configuration's content: the API server's environment carries it.
    [InlineData("podSecurityDefaults", true, false, "secretbox")]
    // A kubelet setting: the kubelets' steps and the first control plane's (which uploads kubelet-config).
    [InlineData("kubeletHardening", false, true, "secretbox")]
    // Both: the API server verifies the kubelets' serving certificates, which the kubelets ask for.
    [InlineData("kubeletServingCertificates", true, true, "secretbox")]
    // Encryption at rest off: the API servers write plain, and the Secrets rewrite runs again to store them so.
    [InlineData("encryptionAtRest", true, false, "identity")]
    public async Task A_hardening_switch_changes_the_triggers_of_the_steps_it_concerns(string exception, bool controlPlane, bool kubelet, string writer)
    {
        var before = await StackRunner.RunAsync(With(3, 1));
        var after = await StackRunner.RunAsync(With(3, 1, edit: v =>
        {
            v["hardeningExceptions"] = $$"""{"{{exception}}": "the reason"}""";
            // metrics-server needs the serving certificates (a configuration error otherwise).
            if (exception == "kubeletServingCertificates") v["capabilities"] = """{"clusterMetrics": false}""";
        }));

        // Every control-plane node's step has both fingerprints (whichever node is first uploads kubelet-config).
        Assert.Equal(!(controlPlane || kubelet), Triggers(before, Resource("cp-2", "reconfigure")).SequenceEqual(Triggers(after, Resource("cp-2", "reconfigure"))));
        Assert.Equal(!(controlPlane || kubelet), Triggers(before, Resource("cp-1", "reconfigure")).SequenceEqual(Triggers(after, Resource("cp-1", "reconfigure"))));
        Assert.Equal(!kubelet, Triggers(before, Resource("worker-1", "reconfigure-kubelet")).SequenceEqual(Triggers(after, Resource("worker-1", "reconfigure-kubelet"))));
        Assert.Equal(new object[] { writer }, Triggers(after, Resource("cp-1", "rewrite-secrets")));
    }

    [Fact]
    public async Task With_encryption_at_rest_off_the_control_planes_keep_the_keys_for_reading_and_write_plain()
    {
        var run = await StackRunner.RunAsync(With(3, 1, edit: v => v["hardeningExceptions"] = """{"encryptionAtRest": "etcd sits on encrypted disks"}"""));
        var files = (string)run.Registration(CommandType, Resource("cp-2", "files")).Inputs["stdin"];

        var config = ConfigDocuments.DecodeSingle<EncryptionConfiguration>(NodeFilePayload.Content(files, KubeadmPaths.EncryptionConfig), "1.36");
        var providers = Assert.Single(config.Resources).Providers;
        Assert.NotNull(providers[0].Identity);
        Assert.NotNull(providers[1].Secretbox);
        Assert.NotNull(providers[2].AesCbc);
        Assert.Equal(3, providers.Count);
        var init = NodeFilePayload.Content((string)run.Registration(CommandType, Resource("cp-1", "files")).Inputs["stdin"], NodeScripts.KubeadmConfigPath);
        var cluster = ConfigDocuments.DecodeSingle<KubeadmV1Beta4ClusterConfiguration>(
            init.Split("---\n").Single(d => d.Contains("\nkind: ClusterConfiguration\n", StringComparison.Ordinal)), "1.36");
        Assert.Contains(cluster.ApiServer!.ExtraArgs!, a => a.Name == "encryption-provider-config" && a.Value == KubeadmPaths.EncryptionConfig);
        Assert.Contains(cluster.ApiServer.ExtraEnvs!, e => e.Name == KubeadmConfigRenderer.SecretsWriterVariable && e.Value == "identity");
    }

    [Fact]
    public async Task The_aescbc_migration_changes_the_writer_and_restarts_the_api_servers_through_their_manifests()
    {
        var before = await StackRunner.RunAsync(With(3, 1));
        var after = await StackRunner.RunAsync(With(3, 1, edit: v => v["secretsEncryptionMigration"] = "true"));

        Assert.Equal(new object[] { "aescbc" }, Triggers(after, Resource("cp-1", "rewrite-secrets")));
        Assert.NotEqual(Triggers(before, Resource("cp-2", "reconfigure")), Triggers(after, Resource("cp-2", "reconfigure")));
    }

    [Fact]
    public async Task Neither_the_kubernetes_version_nor_the_inventory_changes_the_triggers()
    {
        var before = await StackRunner.RunAsync(With(3, 2, edit: v => v["kubernetesVersion"] = "1.36.5"));
        var after = await StackRunner.RunAsync(With(3, 3, edit: v => v["kubernetesVersion"] = "1.36.2"));

        foreach (var step in new[] { Resource("cp-1", "reconfigure"), Resource("cp-2", "reconfigure"), Resource("worker-1", "reconfigure-kubelet"), Resource("cp-1", "rewrite-secrets") })
            Assert.Equal(Triggers(before, step), Triggers(after, step));
    }

    [Fact]
    public async Task The_control_plane_taint_follows_whether_the_cluster_has_workers()
    {
        var withWorkers = await StackRunner.RunAsync(With(1, 1));
        var alone = await StackRunner.RunAsync(With(1, 0));

        Assert.Contains("managed_taints='node-role.kubernetes.io/control-plane:NoSchedule'", Create(withWorkers, Resource("cp-1", "register")), StringComparison.Ordinal);
        Assert.Contains("managed_taints=''", Create(alone, Resource("cp-1", "register")), StringComparison.Ordinal);
        // On a control-plane node the platform alone decides it, so the register step takes it off when it is not wanted.
        Assert.Contains("always_managed='node-role.kubernetes.io/control-plane:NoSchedule'", Create(alone, Resource("cp-1", "register")), StringComparison.Ordinal);
        Assert.Contains("always_managed=''", Create(withWorkers, Resource("worker-1", "register")), StringComparison.Ordinal);
    }

    private static bool IsReconfigureStep(string name) => Steps.Any(s => name.EndsWith(s, StringComparison.Ordinal));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
