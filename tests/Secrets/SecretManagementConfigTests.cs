using Platform.Components.Secrets;
using Platform.Stacks.Configuration;
using Platform.Tests.Configuration;

namespace Platform.Tests.Secrets;

/// <summary><c>platform:secretManagement</c>: the provider defaults to the tier's variant, every field is read, and each
/// bad input (an even or too large Raft, Raft without storage, an unseal mode without its settings, SOPS without a
/// recipient, plain key shares) is refused with its key before anything is registered.</summary>
public class SecretManagementConfigTests
{
    [Theory]
    [InlineData("small", SecretManagementProvider.Sops)]
    [InlineData("medium", SecretManagementProvider.Sops)]
    public void Small_and_medium_default_to_sops_and_read_the_editors_recipients(string tier, SecretManagementProvider provider)
    {
        var defaults = ValidConfig.Load(v => v["tier"] = tier).SecretManagement;
        Assert.Equal(provider, defaults.Provider);
        Assert.Empty(defaults.Sops.Recipients);

        var custom = ValidConfig.Load(v =>
        {
            v["tier"] = tier;
            v["secretManagement"] = $$$"""{"sops": {"recipients": ["{{{SecretKeys.AgeRecipient}}}"]}}""";
        }).SecretManagement;
        Assert.Equal([SecretKeys.AgeRecipient], custom.Sops.Recipients);
    }

    [Fact]
    public void Enterprise_defaults_to_vault_and_needs_the_key_holders_pgp_keys()
    {
        // Loaded as it is: ValidConfig.Load would switch the enterprise tier's unconfigured Vault off.
        var values = ValidConfig.Values();
        values["tier"] = "enterprise";
        Tenancy.TenancyConfigTests.EnterpriseBackupTarget(values);
        // That helper keeps enterprise stacks on SOPS; the tier's own default is what is checked here.
        values.Remove("secretManagement");
        var error = Assert.Throws<PlatformConfigException>(() => PlatformSettingsLoader.Load(new DictionaryConfigSource(values)));
        Assert.Contains(error.Problems, p => p.Key == "platform:secretManagement" && p.Message.Contains("vault.pgpKeys is empty", StringComparison.Ordinal));

        var settings = ValidConfig.Load(v =>
        {
            v["tier"] = "enterprise";
            Tenancy.TenancyConfigTests.EnterpriseBackupTarget(v);
            v.Remove("secretManagement");
            v["secretManagement"] = $$$"""{"vault": {"pgpKeys": ["{{{SecretKeys.Pgp[0]}}}", "{{{SecretKeys.Pgp[1]}}}", "{{{SecretKeys.Pgp[2]}}}"]}}""";
        }).SecretManagement;
        Assert.Equal((SecretManagementProvider.Vault, VaultDistribution.Vault), (settings.Provider, settings.Server));
        var vault = settings.Vault;
        Assert.Equal((3, "10Gi", VaultUnsealMode.Shamir, 2, false, false), (vault.Replicas, vault.StorageSize, vault.Unseal, vault.EffectiveThreshold, vault.Unsealed, vault.Configurable));
    }

    [Fact]
    public void Every_field_of_the_vault_provider_is_read()
    {
        var settings = ValidConfig.Load(v =>
        {
            v["secretManagement"] = $$$"""
                {"provider": "vault", "server": "openbao", "vault": {"replicas": 5, "storageSize": "20Gi", "unseal": "transit",
                 "pgpKeys": ["{{{SecretKeys.Pgp[0]}}}"], "threshold": 1,
                 "transit": {"address": "https://vault.central.example.com:8200", "keyName": "unseal-prod", "mountPath": "seals/transit/",
                             "caCertificate": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"} } }
                """;
            v["secretManagementTransitToken"] = "hvs.token";
        }).SecretManagement;
        Assert.Equal((SecretManagementProvider.Vault, VaultDistribution.OpenBao), (settings.Provider, settings.Server));
        var vault = settings.Vault;
        Assert.Equal((5, "20Gi", VaultUnsealMode.Transit, 1, true), (vault.Replicas, vault.StorageSize, vault.Unseal, vault.EffectiveThreshold, vault.Configurable));
        Assert.Equal(("https://vault.central.example.com:8200", "unseal-prod", "seals/transit/", 8200),
            (vault.Transit!.Address, vault.Transit.KeyName, vault.Transit.MountPath, vault.Transit.Port));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", vault.Transit.CaCertificate, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"replicas": 2}""", "vault.replicas is 2: Raft keeps a majority")]
    [InlineData("""{"replicas": 4}""", "vault.replicas is 4")]
    [InlineData("""{"replicas": 7}""", "vault.replicas is 7")]
    [InlineData("""{"storageSize": "0"}""", "vault.storageSize '0' is not a size in Mi or Gi: Raft keeps every secret on its volume")]
    [InlineData("""{"storageSize": ""}""", "vault.storageSize '' is not a size")]
    [InlineData("""{"unseal": "transit"}""", "vault.unseal is transit but vault.transit is not set")]
    [InlineData("""{"transit": {"address": "https://v.example.com:8200", "keyName": "k"}}""", "vault.transit is set but vault.unseal is shamir")]
    [InlineData("""{"unseal": "transit", "transit": {"address": "http://v.example.com:8200", "keyName": "k"}}""", "vault.unseal.transit.address 'http://v.example.com:8200' is not an https URL")]
    [InlineData("""{"unseal": "transit", "transit": {"address": "https://v.example.com:8200", "keyName": "a b"}}""", "vault.unseal.transit.keyName 'a b' is not a transit key name")]
    [InlineData("""{"unseal": "transit", "transit": {"address": "https://v.example.com:8200", "keyName": "k", "mountPath": "/transit"}}""", "vault.unseal.transit.mountPath '/transit' is not a mount path")]
    [InlineData("""{"unseal": "transit", "transit": {"address": "https://v.example.com:8200", "keyName": "k", "caCertificate": "abc"}}""", "vault.unseal.transit.caCertificate is not a PEM certificate")]
    [InlineData("""{"threshold": 1}""", "vault.threshold is 1 for 3 key(s)")]
    [InlineData("""{"threshold": 4}""", "vault.threshold is 4 for 3 key(s)")]
    public void Bad_vault_settings_name_the_key(string vaultOverrides, string expected)
    {
        var error = ValidConfig.Problems(v => v["secretManagement"] = SecretKeys.Vault(vaultOverrides));
        Assert.Contains(error.Problems, p => p.Key == "platform:secretManagement" && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"provider": "vault", "vault": {"pgpKeys": []}}""", "platform:secretManagement", "vault.pgpKeys is empty: `operator init` would print the unseal keys in plain")]
    [InlineData("""{"provider": "vault", "vault": {"pgpKeys": ["-----BEGIN PGP PUBLIC KEY BLOCK-----"]}}""", "platform:secretManagement", "vault.pgpKeys[0] is not a base64 OpenPGP public key")]
    [InlineData("""{"provider": "vault", "vault": {"pgpKeys": ["aGVsbG8gd29ybGQsIG5vdCBhIGtleQ=="]}}""", "platform:secretManagement", "vault.pgpKeys[0] is not a base64 OpenPGP public key")]
    [InlineData("""{"provider": "vault", "vault": {"unseal": "auto"}}""", "platform:secretManagement.vault.unseal", "'auto' is not an unseal mode")]
    [InlineData("""{"provider": "vaults"}""", "platform:secretManagement.provider", "'vaults' is not a provider. Use sops or vault.")]
    [InlineData("""{"server": "bao"}""", "platform:secretManagement.server", "'bao' is not a server")]
    [InlineData("""{"sops": {"recipients": []}}""", "platform:secretManagement.sops.recipients", "is empty: without an age public key of its editors")]
    [InlineData("""{"sops": {"recipients": ["age1notakey"]}}""", "platform:secretManagement", "sops.recipients: 'age1notakey' is not an age X25519 public key")]
    [InlineData("""{"sops": {"recipient": ["age1x"]}}""", "platform:secretManagement.sops.recipient", "")]
    [InlineData("""{"vault": {"replica": 3}}""", "platform:secretManagement.vault.replica", "")]
    [InlineData("""[1]""", "platform:secretManagement", "")]
    public void Bad_secret_management_configuration_names_the_key(string value, string key, string expected)
    {
        var error = ValidConfig.Problems(v => v["secretManagement"] = value);
        Assert.Contains(error.Problems, p => p.Key == key && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Transit_needs_its_token_as_a_secret_config_key()
    {
        var value = $$$"""{"provider": "vault", "vault": {"unseal": "transit", "pgpKeys": ["{{{SecretKeys.Pgp[0]}}}"], "transit": {"address": "https://v.example.com:8200", "keyName": "k"} } }""";
        var error = ValidConfig.Problems(v => v["secretManagement"] = value);
        var problem = Assert.Single(error.Problems);
        Assert.Equal("platform:secretManagementTransitToken", problem.Key);
        Assert.Contains("pulumi config set --secret platform:secretManagementTransitToken", problem.Message, StringComparison.Ordinal);
        Assert.True(Platform.Stacks.Configuration.PlatformConfigKeys.SecretManagementTransitToken.Secret);
    }

    [Fact]
    public void The_settings_of_a_capability_switched_off_are_not_checked()
    {
        var settings = ValidConfig.Load(v =>
        {
            v["capabilities"] = """{"secretManagement": false}""";
            v["secretManagement"] = """{"provider": "vault", "vault": {"replicas": 2}}""";
        });
        Assert.Equal(2, settings.SecretManagement.Vault.Replicas);
    }
}
