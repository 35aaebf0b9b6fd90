using Platform.Components.Backup;
using Platform.Components.Cluster;
using Platform.Components.Cluster.EtcdBackup;
using Platform.Renderer;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.Cluster.EtcdBackup;

/// <summary>
/// The cluster component with etcd backups, on its own (the stack's <c>platform:backup</c> wiring is the backup
/// layer's): the key pair in state, one etcd-backup step on every control-plane node (none on workers) after its init
/// or join, with the node's restore script for every live member, the credentials only on standard input and nothing
/// logged, the recipient certificate in the script and never the private key, and an outside target without
/// credentials refused.
/// </summary>
public class EtcdBackupClusterTests
{
    private const string CommandType = "command:remote:Command";

    private static readonly IReadOnlyList<ClusterNode> Nodes = ValidConfig.Load(_ => { }).Nodes;

    private static async Task<(IReadOnlyList<MockResourceArgs> Registrations, Platform.Components.Cluster.Cluster Cluster)> Run(EtcdBackupArgs backup)
    {
        var mocks = new PlatformMocks();
        Platform.Components.Cluster.Cluster? cluster = null;
        await Deployment.TestAsync(mocks.Mock.Object, new TestOptions { IsPreview = false, ProjectName = "platform", StackName = "test" },
            () => cluster = new Platform.Components.Cluster.Cluster("c", new ClusterArgs
            {
                ClusterName = "c",
                KubernetesVersion = "1.36.5",
                ContainerRuntime = TestRuntime.Current,
                Nodes = Nodes,
                ApiEndpointHost = "10.0.0.10",
                ApiEndpointMode = ApiEndpointMode.KubeVip,
                PodCidr = "10.244.0.0/16",
                ServiceCidr = "10.96.0.0/12",
                SshPrivateKey = Output.CreateSecret("-----BEGIN OPENSSH PRIVATE KEY-----"),
                EtcdBackup = backup,
            }));
        return (mocks.Registrations, cluster!);
    }

    private static EtcdBackupArgs External => new()
    {
        Target = new BackupTarget { Endpoint = new Uri("https://s3.example.internal"), Bucket = "backups", Region = "us-east-1" },
        Credentials = new BackupCredentials { AccessKeyId = Output.CreateSecret("AKIAEXAMPLE"), SecretAccessKey = Output.CreateSecret("s3cr3t/KEY") },
        Frequency = EtcdBackupFrequency.Hourly,
    };

    [Fact]
    public async Task Every_control_plane_gets_the_backup_step_with_its_restore_script_and_the_credentials_only_on_standard_input()
    {
        var (registrations, cluster) = await Run(External);

        var steps = registrations.Where(r => r.Type == CommandType && (r.Name ?? "").EndsWith("-etcd-backup", StringComparison.Ordinal)).ToList();
        Assert.Equal(["c-cp-1-etcd-backup", "c-cp-2-etcd-backup", "c-cp-3-etcd-backup"], steps.Select(s => s.Name!).Order(StringComparer.Ordinal));
        Assert.Single(registrations, r => r.Type == "tls:index/selfSignedCert:SelfSignedCert" && r.Name == "c-etcd-backup-recipient");
        var certificate = await Outputs.ValueAsync(cluster.EtcdBackupKey.RecipientCertificatePem);
        Assert.Contains("CERTIFICATE", certificate, StringComparison.Ordinal);
        var members = new EtcdMember[] { new("cp-1", "10.0.0.11"), new("cp-2", "10.0.0.12"), new("cp-3", "10.0.0.13") };
        foreach (var step in steps)
        {
            var node = step.Name!["c-".Length..^"-etcd-backup".Length];
            Assert.Equal(EtcdBackupScripts.Install(node, members, External, certificate), NodeScript.Unwrap((string)step.Inputs["create"]!));
            Assert.Equal("user = \"AKIAEXAMPLE:s3cr3t/KEY\"\n", step.Inputs["stdin"]);
            Assert.Equal("none", step.Inputs["logging"]);
            Assert.DoesNotContain("s3cr3t", (string)step.Inputs["create"]!, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", NodeScript.Unwrap((string)step.Inputs["create"]!), StringComparison.Ordinal);
        }
        var key = registrations.Single(r => r.Type == "tls:index/privateKey:PrivateKey" && r.Name == "c-etcd-backup-key");
        Assert.Equal("RSA", key.Inputs["algorithm"]);
        Assert.Equal(4096.0, key.Inputs["rsaBits"]);
        Assert.True(await Outputs.IsSecretAsync(cluster.EtcdBackupKey.DecryptionKeyPem));
        Assert.Contains("PRIVATE KEY", await Outputs.SecretValueAsync(cluster.EtcdBackupKey.DecryptionKeyPem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_target_the_steps_remove_the_backup_and_still_write_the_restore_script_and_the_key_stays()
    {
        var (registrations, _) = await Run(new EtcdBackupArgs());

        var step = registrations.Single(r => r.Type == CommandType && r.Name == "c-cp-2-etcd-backup");
        var script = NodeScript.Unwrap((string)step.Inputs["create"]!);
        Assert.Contains($"systemctl disable --now {EtcdBackupUnits.Name}.timer", script, StringComparison.Ordinal);
        Assert.Contains(EtcdBackupScripts.RestoreScriptPath, script, StringComparison.Ordinal);
        Assert.Equal("", step.Inputs["stdin"]);
        Assert.NotEqual("none", step.Inputs.GetValueOrDefault("logging"));
        Assert.Single(registrations, r => r.Type == "tls:index/privateKey:PrivateKey" && r.Name == "c-etcd-backup-key");
        Assert.DoesNotContain(registrations, r => r.Type == CommandType && r.Name == "c-worker-1-etcd-backup");
    }

    [Fact]
    public async Task An_outside_target_without_credentials_is_refused()
    {
        var backup = External with { Credentials = null };

        await Assert.ThrowsAnyAsync<Exception>(() => Run(backup));
    }

    [Fact]
    public async Task The_stack_gives_the_decryption_key_as_a_secret_output_and_every_control_plane_its_restore_script()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());

        var stack = run.All<Platform.Stacks.PlatformStack>().Single();
        Assert.True(await Outputs.IsSecretAsync(stack.EtcdBackupDecryptionKey));
        Assert.Contains("PRIVATE KEY", await Outputs.SecretValueAsync(stack.EtcdBackupDecryptionKey), StringComparison.Ordinal);
        foreach (var node in new[] { "cp-1", "cp-2", "cp-3" })
            Assert.Contains(EtcdBackupScripts.RestoreScriptPath, NodeScript.Unwrap((string)run.Registration(CommandType, $"platform-prod-{node}-etcd-backup").Inputs["create"]), StringComparison.Ordinal);
    }
}
