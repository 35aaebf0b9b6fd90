using Platform.Components.Catalog;
using Platform.Components.Secrets;
using Platform.Tests.Harness;

namespace Platform.Tests.Secrets;

/// <summary>The Vault and OpenBao chart values and the server configuration they carry, decoded: HA Raft with a
/// <c>retry_join</c> over TLS per pod, TLS listeners with the mounted certificate, the transit seal only with transit,
/// OpenBao's declared audit device, and values every path of which the chart reads and its schema accepts.</summary>
public class VaultValuesTests
{
    private static VaultOptions Shamir(int replicas = 3) => new() { Replicas = replicas, PgpKeys = SecretKeys.Pgp, Threshold = 2 };

    private static VaultOptions Transit(string? ca = null) => new()
    {
        Replicas = 3,
        Unseal = VaultUnsealMode.Transit,
        PgpKeys = [SecretKeys.Pgp[0]],
        Transit = new VaultTransitSeal { Address = "https://vault.central.example.com:8200", KeyName = "unseal", CaCertificate = ca },
    };

    [Theory]
    [InlineData(VaultDistribution.Vault, 3, "/vault")]
    [InlineData(VaultDistribution.Vault, 5, "/vault")]
    [InlineData(VaultDistribution.OpenBao, 3, "/openbao")]
    [InlineData(VaultDistribution.Vault, 1, "/vault")]
    public void The_configuration_is_ha_raft_joining_every_pod_over_tls(VaultDistribution server, int replicas, string root)
    {
        var config = Hcl.Parse(VaultValues.Config(server, Shamir(replicas)));

        Assert.Equal(true, config.Attributes["ui"]);
        var listener = config.Single("listener");
        Assert.Equal(["tcp"], listener.Labels);
        Assert.False(listener.Body.Attributes.ContainsKey("tls_disable"));
        Assert.Equal($"{root}/userconfig/vault-tls/tls.crt", listener.Body.Attributes["tls_cert_file"]);
        Assert.Equal($"{root}/userconfig/vault-tls/tls.key", listener.Body.Attributes["tls_key_file"]);
        Assert.Equal("[::]:8200", listener.Body.Attributes["address"]);
        Assert.Equal("[::]:8201", listener.Body.Attributes["cluster_address"]);

        var raft = config.Single("storage");
        Assert.Equal(["raft"], raft.Labels);
        Assert.Equal($"{root}/data", raft.Body.Attributes["path"]);
        var joins = raft.Body.Of("retry_join");
        Assert.Equal(replicas, joins.Count);
        for (var i = 0; i < replicas; i++)
        {
            Assert.Equal($"https://vault-{i}.vault-internal:8200", joins[i].Body.Attributes["leader_api_addr"]);
            Assert.Equal($"{root}/userconfig/vault-tls/ca.crt", joins[i].Body.Attributes["leader_ca_cert_file"]);
            Assert.Equal($"vault-{i}.vault-internal", joins[i].Body.Attributes["leader_tls_servername"]);
        }
        Assert.Equal(["kubernetes"], config.Single("service_registration").Labels);
        Assert.Empty(config.Of("seal"));
        // Vault has no declarative audit device: the setup Job enables it through the API (file_path=stdout).
        Assert.Equal(server == VaultDistribution.OpenBao ? 1 : 0, config.Of("audit").Count);
    }

    [Fact]
    public void OpenBao_declares_its_audit_device_to_stdout_which_fluent_bit_ships()
    {
        var audit = Hcl.Parse(VaultValues.Config(VaultDistribution.OpenBao, Shamir())).Single("audit");
        // Type file at the path file/, where the External Secrets layer's setup Job looks for it (vault-config.sh).
        Assert.Equal(["file", "file"], audit.Labels);
        var options = audit.Body.Single("options");
        Assert.Equal("stdout", options.Body.Attributes["file_path"]);
        Assert.False(options.Body.Attributes.ContainsKey("log_raw"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")]
    public void Transit_adds_its_seal_stanza_and_the_token_from_its_secret(string? ca)
    {
        var options = Transit(ca);
        var seal = Hcl.Parse(VaultValues.Config(VaultDistribution.Vault, options)).Single("seal");
        Assert.Equal(["transit"], seal.Labels);
        Assert.Equal(("https://vault.central.example.com:8200", "unseal", "transit/"),
            ((string)seal.Body.Attributes["address"], (string)seal.Body.Attributes["key_name"], (string)seal.Body.Attributes["mount_path"]));
        // The token is never in the configuration: it comes from the Secret as VAULT_TOKEN.
        Assert.False(seal.Body.Attributes.ContainsKey("token"));
        Assert.Equal(ca is not null, seal.Body.Attributes.ContainsKey("tls_ca_cert"));

        var values = VaultValues.Render(VaultDistribution.Vault, options, "ceph-block");
        var env = Assert.Single((object[])ValuesTree.At(values, "server.extraSecretEnvironmentVars"));
        Assert.Equal(new Dictionary<string, object> { ["envName"] = "VAULT_TOKEN", ["secretName"] = "vault-transit", ["secretKey"] = "token" },
            (IReadOnlyDictionary<string, object>)env);
        Assert.Equal(ca is null ? 1 : 2, ((object[])ValuesTree.At(values, "server.extraVolumes")).Length);
    }

    [Theory]
    [InlineData(VaultDistribution.Vault)]
    [InlineData(VaultDistribution.OpenBao)]
    public void The_values_are_read_by_the_chart_and_valid_against_its_schema(VaultDistribution server)
    {
        var chart = server == VaultDistribution.OpenBao ? HelmCharts.OpenBao : HelmCharts.Vault;
        foreach (var options in new[] { Shamir(), Transit("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"), Shamir(1) })
        {
            var values = VaultValues.Render(server, options, "ceph-block");
            ValuesTree.AssertRoundTrips(values);
            Assert.Empty(ChartPaths.Unread(chart, values));
            Assert.Equal([], ChartSchema.Errors(chart, values));
        }
    }

    [Fact]
    public void The_values_run_ha_raft_on_the_storage_class_with_tls_and_nothing_else()
    {
        var values = VaultValues.Render(VaultDistribution.Vault, Shamir(5), "ceph-block");
        Assert.Equal(false, ValuesTree.At(values, "global.tlsDisable"));
        Assert.Equal(false, ValuesTree.At(values, "injector.enabled"));
        Assert.Equal(false, ValuesTree.At(values, "csi.enabled"));
        Assert.Equal(true, ValuesTree.At(values, "server.ha.enabled"));
        Assert.Equal(5, ValuesTree.At(values, "server.ha.replicas"));
        Assert.Equal(true, ValuesTree.At(values, "server.ha.raft.enabled"));
        Assert.Equal(true, ValuesTree.At(values, "server.ha.disruptionBudget.enabled"));
        Assert.Equal("ceph-block", ValuesTree.At(values, "server.dataStorage.storageClass"));
        Assert.Equal("10Gi", ValuesTree.At(values, "server.dataStorage.size"));
        Assert.Equal("vault", ValuesTree.At(values, "fullnameOverride"));
        // A variable the chart defines before VAULT_API_ADDR (HOSTNAME comes after it and would stay unexpanded).
        Assert.Equal("https://$(VAULT_K8S_POD_NAME).vault-internal:8200", ValuesTree.At(values, "server.ha.apiAddr"));
        Assert.Equal("https://$(BAO_K8S_POD_NAME).vault-internal:8200",
            ValuesTree.At(VaultValues.Render(VaultDistribution.OpenBao, Shamir(5), "ceph-block"), "server.ha.apiAddr"));
        Assert.Equal("docker.io/hashicorp/vault", ValuesTree.At(values, "server.image.repository"));
        Assert.Equal("2.0.4", ValuesTree.At(values, "server.image.tag"));
        Assert.Equal(false, ValuesTree.At(VaultValues.Render(VaultDistribution.Vault, Shamir(1), "ceph-block"), "server.ha.disruptionBudget.enabled"));

        var openBao = VaultValues.Render(VaultDistribution.OpenBao, Shamir(), "ceph-block");
        Assert.Equal(("quay.io", "openbao/openbao", "2.6.2"),
            ((string)ValuesTree.At(openBao, "server.image.registry"), (string)ValuesTree.At(openBao, "server.image.repository"), (string)ValuesTree.At(openBao, "server.image.tag")));
        Assert.Equal("/openbao/userconfig/vault-tls/ca.crt", ValuesTree.At(openBao, "server.extraEnvironmentVars.BAO_CACERT"));
    }

    [Fact]
    public void The_server_pods_meet_the_restricted_level()
    {
        var values = VaultValues.Render(VaultDistribution.Vault, Shamir(), "ceph-block");
        var pod = (k8s.Models.V1PodSecurityContext)Validation.StrictJson.Decode(
            System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ValuesTree.At(values, "server.statefulSet.securityContext.pod")))!, typeof(k8s.Models.V1PodSecurityContext));
        var container = (k8s.Models.V1SecurityContext)Validation.StrictJson.Decode(
            System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ValuesTree.At(values, "server.statefulSet.securityContext.container")))!, typeof(k8s.Models.V1SecurityContext));
        Assert.Empty(Validation.RestrictedPodSecurity.Violations(pod, container));
    }

    [Fact]
    public void The_certificate_names_every_service_and_pod()
    {
        var names = VaultNames.DnsNames("vault", "cluster.local", 3);
        foreach (var name in new[] { "vault-active.vault.svc", "vault.vault.svc.cluster.local", "vault-standby.vault", "vault-internal",
            "vault-0.vault-internal", "vault-2.vault-internal.vault.svc.cluster.local", "localhost" })
            Assert.Contains(name, names);
        Assert.DoesNotContain("vault-3.vault-internal", names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
