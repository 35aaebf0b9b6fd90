using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Platform.Tests.Validation.ConfigApi;
using Pulumi;

namespace Platform.Tests.Cluster;

public class ClusterPkiTests
{
    private const string Pki = "platform-prod-pki";

    /// <summary>
    /// The secret material each provider type outputs, and which of those outputs its schema already marks secret.
    /// The schema secrets are read off the pinned API listings (../shared/pulumi-api): a generated <c>State</c> class
    /// declares a secret output's property without an <c>[Input]</c> attribute (the attribute sits on a private field
    /// whose setter wraps the value in a secret). So <c>privateKeyPem</c>, <c>privateKeyPemPkcs8</c> and
    /// <c>privateKeyOpenssh</c> ARE schema secrets of Pulumi.Tls 5.5.1's PrivateKey (<c>PrivateKeyState.PrivateKeyPem</c>
    /// has no attribute), as are RandomPassword's <c>result</c> and <c>bcryptHash</c> and RandomBytes's <c>base64</c>
    /// and <c>hex</c> in Pulumi.Random 4.21.1; RandomId's outputs and RandomString's <c>result</c> are not
    /// (<c>[Input("b64Std", false, false)]</c>, <c>[Input("result", false, false)]</c>). The mock engine models neither
    /// schema secrets nor <c>AdditionalSecretOutputs</c>, so the test reads this table and the options.
    /// <c>IdIsTheValue</c>: terraform-provider-random sets a RandomId's ID to the bytes in base64url and a RandomString's
    /// to its result, and Pulumi stores an ID in plain text whatever the options say (pulumi/pulumi#2717).
    /// </summary>
    private static readonly Dictionary<string, (string[] Outputs, string[] SchemaSecrets, bool IdIsTheValue)> SecretMaterial = new()
    {
        ["tls:index/privateKey:PrivateKey"] = (["privateKeyPem", "privateKeyPemPkcs8", "privateKeyOpenssh"], ["privateKeyPem", "privateKeyPemPkcs8", "privateKeyOpenssh"], false),
        ["random:index/randomPassword:RandomPassword"] = (["result", "bcryptHash"], ["result", "bcryptHash"], false),
        ["random:index/randomBytes:RandomBytes"] = (["base64", "hex"], ["base64", "hex"], false),
        ["random:index/randomId:RandomId"] = (["b64Std", "b64Url", "hex", "dec"], [], true),
        ["random:index/randomString:RandomString"] = (["result"], [], true),
    };

    /// <summary>A stack with every resource that holds secret material: the cluster PKI and the internal CA.</summary>
    private static Dictionary<string, string> WithInternalCa()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"certificates": true}""";
        config["certificates"] = """{"letsEncrypt": false}""";
        return config;
    }

    [Fact]
    public async Task Creates_the_three_certificate_authorities_the_service_account_key_and_the_admin_certificate()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());

        // The cluster's own: the etcd backups' recipient certificate is self-signed too, but no CA (EtcdBackupClusterTests),
        // and the logging layer's OpenSearch has a CA of its own (LoggingLayerTests).
        var cas = run.RegistrationsOf("tls:index/selfSignedCert:SelfSignedCert").Where(r => r.Name!.StartsWith($"{Pki}-", StringComparison.Ordinal)).ToDictionary(r => r.Name!);
        Assert.Equal(new[] { $"{Pki}-cluster-ca", $"{Pki}-etcd-ca", $"{Pki}-front-proxy-ca" }, cas.Keys.Order());
        foreach (var (name, commonName) in new[] { ("cluster-ca", "kubernetes"), ("front-proxy-ca", "front-proxy-ca"), ("etcd-ca", "etcd-ca") })
        {
            var inputs = cas[$"{Pki}-{name}"].Inputs;
            Assert.Equal(true, inputs["isCaCertificate"]);
            Assert.Equal(87600.0, inputs["validityPeriodHours"]);
            var subject = (IReadOnlyDictionary<string, object>)inputs["subject"];
            Assert.Equal(commonName, subject["commonName"]);
            Assert.Equal("platform-prod", subject["organization"]);
        }
        var csr = run.Registration("tls:index/certRequest:CertRequest", $"{Pki}-admin-csr");
        var csrSubject = (IReadOnlyDictionary<string, object>)csr.Inputs["subject"];
        Assert.Equal("kubernetes-admin", csrSubject["commonName"]);
        Assert.Equal("kubeadm:cluster-admins", csrSubject["organization"]);
        var admin = run.Registration("tls:index/locallySignedCert:LocallySignedCert", $"{Pki}-admin-cert");
        Assert.Equal(PlatformMocks.Pem("CERTIFICATE", $"{Pki}-cluster-ca"), admin.Inputs["caCertPem"]);
        Assert.Equal(PlatformMocks.Pem("PRIVATE KEY", $"{Pki}-cluster-ca-key"), admin.Inputs["caPrivateKeyPem"]);
        // 120 days, as the nodes renew kubeadm's certificates: the 90-day expiry warning then means a renewal is overdue.
        Assert.Equal(2880.0, admin.Inputs["earlyRenewalHours"]);
        Assert.Contains("client_auth", (IEnumerable<object>)admin.Inputs["allowedUses"]);
        Assert.Equal("RSA", run.Registration("tls:index/privateKey:PrivateKey", $"{Pki}-service-account-key").Inputs["algorithm"]);
    }

    [Fact]
    public async Task Authorities_and_the_service_account_key_are_protected_and_the_renewable_admin_credential_is_not()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        foreach (var name in new[] { "cluster-ca", "cluster-ca-key", "front-proxy-ca", "front-proxy-ca-key", "etcd-ca", "etcd-ca-key", "service-account-key" })
            Assert.True(run.Options[$"{Pki}-{name}"].Protect, $"{name} must be protected");
        foreach (var name in new[] { "admin-key", "admin-csr", "admin-cert" })
            Assert.NotEqual(true, run.Options[$"{Pki}-{name}"].Protect);
        foreach (var name in new[] { "cluster-ca", "admin-cert" })
            Assert.IsType<ClusterPki>(run.Options[$"{Pki}-{name}"].Parent);
    }

    [Fact]
    public async Task Every_private_key_leaves_the_component_as_a_secret()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var pki = run.Single<ClusterPki>();
        foreach (var key in new[] { pki.ClusterCa.KeyPem, pki.FrontProxyCa.KeyPem, pki.EtcdCa.KeyPem, pki.ServiceAccountPrivateKeyPem, pki.AdminKeyPem })
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await Outputs.SecretValueAsync(key));
        Assert.False(await Outputs.IsSecretAsync(pki.ClusterCa.CertPem));
        Assert.Equal(PlatformMocks.Pem("PUBLIC KEY", $"{Pki}-service-account-key"), await Outputs.ValueAsync(pki.ServiceAccountPublicKeyPem));
    }

    [Fact]
    public async Task Every_resource_holding_secret_material_keeps_its_sensitive_outputs_secret_in_state()
    {
        var run = await StackRunner.RunAsync(WithInternalCa());
        var holders = run.Registrations.Where(r => r.Type!.StartsWith("random:", StringComparison.Ordinal) || r.Type == "tls:index/privateKey:PrivateKey").ToList();
        Assert.Equal(
            new[]
            {
                "platform-prod-certificates-internal-ca-key", "platform-prod-etcd-backup-key", "platform-prod-metrics-proxy-client-key", "platform-prod-metrics-proxy-serving-key", "platform-prod-monitoring-grafana-admin-password", $"{Pki}-admin-key", $"{Pki}-bootstrap-token-id", $"{Pki}-bootstrap-token-secret",
                $"{Pki}-cluster-ca-key", $"{Pki}-control-plane-serving-key", $"{Pki}-etcd-ca-key", $"{Pki}-front-proxy-ca-key", $"{Pki}-secrets-encryption-key",
                $"{Pki}-secrets-secretbox-key", $"{Pki}-service-account-key",
                // The logging layer's OpenSearch: its users' passwords, Dashboards' cookie key and its own PKI's keys.
                "platform-prod-logging-admin-password", "platform-prod-logging-dashboards-password", "platform-prod-logging-fluent-bit-password",
                "platform-prod-logging-jaeger-password", "platform-prod-logging-falcosidekick-password", "platform-prod-logging-grafana-password",
                "platform-prod-logging-dashboards-cookie", "platform-prod-logging-opensearch-ca-key", "platform-prod-logging-opensearch-transport-key",
                "platform-prod-logging-opensearch-http-key", "platform-prod-logging-opensearch-admin-key",
            }.Order(StringComparer.Ordinal),
            holders.Select(r => r.Name!).Order(StringComparer.Ordinal));
        foreach (var holder in holders)
        {
            Assert.True(SecretMaterial.TryGetValue(holder.Type!, out var material), $"{holder.Type} {holder.Name}: say which of its outputs are secret material");
            var marked = Assert.IsType<CustomResourceOptions>(run.Options[holder.Name!]).AdditionalSecretOutputs;
            foreach (var output in material.Outputs)
                Assert.True(material.SchemaSecrets.Contains(output) || marked.Contains(output),
                    $"{holder.Type} {holder.Name}: '{output}' is neither a schema secret nor in AdditionalSecretOutputs, so it is stored in plain text");
            if (material.IdIsTheValue)
            {
                // Only the aescbc key of earlier versions: replacing it would make the Secrets it encrypted unreadable,
                // so it stays, only decrypts, and never encrypts anything new.
                Assert.Equal($"{Pki}-secrets-encryption-key", holder.Name);
            }
        }
    }

    [Fact]
    public async Task The_bootstrap_token_parts_are_passwords_of_lowercase_letters_and_digits()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        foreach (var (part, length) in new[] { ("id", 6), ("secret", 16) })
        {
            var inputs = run.Registration("random:index/randomPassword:RandomPassword", $"{Pki}-bootstrap-token-{part}").Inputs;
            Assert.Equal((double)length, inputs["length"]);
            Assert.Equal((false, false, true, true), ((bool)inputs["upper"], (bool)inputs["special"], (bool)inputs["lower"], (bool)inputs["numeric"]));
            Assert.NotEqual(true, run.Options[$"{Pki}-bootstrap-token-{part}"].Protect);
        }
        Assert.Empty(run.RegistrationsOf("random:index/randomString:RandomString"));
        Assert.Matches("^[a-z0-9]{6}\\.[a-z0-9]{16}$", await Outputs.SecretValueAsync(run.Single<ClusterPki>().BootstrapToken));
    }

    [Fact]
    public async Task Secrets_are_encrypted_with_a_new_secretbox_key_and_the_earlier_aescbc_key_is_kept_to_read_them()
    {
        var run = await StackRunner.RunAsync(ValidConfig.Values());
        var pki = run.Single<ClusterPki>();

        Assert.Equal(32.0, run.Registration("random:index/randomBytes:RandomBytes", $"{Pki}-secrets-secretbox-key").Inputs["length"]);
        // The aescbc key of earlier versions is the same resource as before (type and name), so no stack gets a new one.
        Assert.Equal(32.0, run.Registration("random:index/randomId:RandomId", $"{Pki}-secrets-encryption-key").Inputs["byteLength"]);
        Assert.Equal(new[] { "b64Std", "b64Url", "dec", "hex" },
            Assert.IsType<CustomResourceOptions>(run.Options[$"{Pki}-secrets-encryption-key"]).AdditionalSecretOutputs.Order(StringComparer.Ordinal));
        foreach (var name in new[] { "secrets-secretbox-key", "secrets-encryption-key" })
        {
            Assert.True(run.Options[$"{Pki}-{name}"].Protect, $"{name} must be protected: replacing it makes the Secrets it encrypted unreadable");
            Assert.IsType<ClusterPki>(run.Options[$"{Pki}-{name}"].Parent);
        }

        var secretbox = await Outputs.SecretValueAsync(pki.SecretsEncryptionKey);
        var aescbc = await Outputs.SecretValueAsync(pki.LegacyAescbcEncryptionKey);
        Assert.Equal(32, Convert.FromBase64String(secretbox).Length);
        Assert.Equal(32, Convert.FromBase64String(aescbc).Length);
        Assert.NotEqual(secretbox, aescbc);

        var files = (string)run.Registration("command:remote:Command", "platform-prod-cp-1-files").Inputs["stdin"];
        var config = ConfigDocuments.DecodeSingle<EncryptionConfiguration>(NodeFilePayload.Content(files, KubeadmPaths.EncryptionConfig), "1.33");
        var providers = Assert.Single(config.Resources).Providers;
        Assert.Equal(secretbox, Assert.Single(providers[0].Secretbox!.Keys).Secret);
        Assert.Equal(aescbc, Assert.Single(providers[1].AesCbc!.Keys).Secret);
        Assert.NotNull(providers[2].Identity);
        Assert.Equal(3, providers.Count);
    }
}
