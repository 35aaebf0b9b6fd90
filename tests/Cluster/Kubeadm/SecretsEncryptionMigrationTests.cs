using Platform.Components.Cluster.Kubeadm;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation.ConfigApi;

namespace Platform.Tests.Cluster.Kubeadm;

/// <summary>Moving a cluster of an earlier version from aescbc to secretbox in upstream's two steps: first aescbc keeps
/// writing while every API server learns to read secretbox (platform:secretsEncryptionMigration true), then secretbox
/// writes (the default).</summary>
public class SecretsEncryptionMigrationTests
{
    private const string Secretbox = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string Aescbc = "HwAeAB0AHAAbABoAGQAYABcAFgAVABQAEwASABEAEAA=";

    private static IReadOnlyList<string> Providers(string yaml) =>
        Assert.Single(ConfigDocuments.DecodeSingle<EncryptionConfiguration>(yaml, KubernetesVersions.SupportedMinors[0]).Resources).Providers
            .Select(p => p.Secretbox != null ? "secretbox" : p.AesCbc != null ? "aescbc" : p.Identity != null ? "identity" : "?").ToList();

    [Fact]
    public void During_the_migration_aescbc_writes_and_secretbox_is_read_only()
    {
        Assert.Equal(["aescbc", "secretbox", "identity"], Providers(KubeadmConfigRenderer.RenderEncryptionConfig(Secretbox, Aescbc, writeWithAescbc: true)));
        Assert.Equal(["secretbox", "aescbc", "identity"], Providers(KubeadmConfigRenderer.RenderEncryptionConfig(Secretbox, Aescbc)));
        Assert.Throws<ArgumentException>(() => KubeadmConfigRenderer.RenderEncryptionConfig(Secretbox, null, writeWithAescbc: true));
    }

    [Theory]
    [InlineData("true", "aescbc")]
    [InlineData("false", "secretbox")]
    [InlineData(null, "secretbox")]
    public async Task The_setting_decides_which_cipher_the_control_planes_write_with(string? setting, string first)
    {
        var config = ValidConfig.Values();
        if (setting != null) config["secretsEncryptionMigration"] = setting;

        var run = await StackRunner.RunAsync(config);

        foreach (var node in new[] { "cp-1", "cp-2", "cp-3" })
        {
            var files = (string)run.Registration("command:remote:Command", $"platform-prod-{node}-files").Inputs["stdin"];
            Assert.Equal(first, Providers(NodeFilePayload.Content(files, KubeadmPaths.EncryptionConfig))[0]);
        }
    }

    [Fact]
    public void A_value_that_is_not_a_boolean_is_refused_with_the_key()
    {
        var problem = Assert.Single(ValidConfig.Problems(v => v["secretsEncryptionMigration"] = "maybe").Problems);
        Assert.Contains("secretsEncryptionMigration", problem.Key, StringComparison.Ordinal);
    }
}
