using Platform.Components.Backup;
using Platform.Stacks.Composition;
using Platform.Tests.Configuration;

namespace Platform.Tests.Backup;

/// <summary>Ubuntu 22.04's curl cannot sign the control planes' etcd uploads: the stack says so whenever backups have a
/// target, naming the nodes.</summary>
public class EtcdUploadWarningTests
{
    private static readonly BackupTarget Target = new() { Endpoint = new Uri("https://s3.example.internal"), Bucket = "b", Region = "us-east-1" };

    private const string Nodes = """
        [
          {"name": "cp-1", "address": "10.0.0.11", "role": "control-plane", "os": "ubuntu-22.04"},
          {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane"},
          {"name": "cp-3", "address": "10.0.0.13", "role": "control-plane", "os": "flatcar"},
          {"name": "worker-1", "address": "10.0.0.21", "role": "worker", "os": "ubuntu-22.04"}
        ]
        """;

    [Fact]
    public void Control_planes_on_ubuntu_22_04_are_named_when_backups_have_a_target()
    {
        var settings = ValidConfig.Load(v => v["nodes"] = Nodes);

        var warning = PlatformBackup.EtcdUploadWarning(settings, Target);

        Assert.NotNull(warning);
        Assert.StartsWith("platform:nodes: the control-plane nodes cp-1 run Ubuntu 22.04", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("worker-1", warning, StringComparison.Ordinal);
        Assert.Null(PlatformBackup.EtcdUploadWarning(settings, null));
        Assert.Null(PlatformBackup.EtcdUploadWarning(ValidConfig.Load(_ => { }), Target));
    }
}
