using System.Collections.Immutable;
using Platform.Components.Catalog;
using Platform.Components.Secrets;
using Platform.Stacks;
using Platform.Tests.Configuration;
using Platform.Tests.Harness;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace Platform.Tests.Secrets;

/// <summary>The secret-management layer as the stack registers it: with SOPS the age key in state (protected, secret), its
/// Secret and the operator's release after its CRD, the recipient output derived from the key; with the vault provider
/// the servers' release (Vault or OpenBao, protected, not awaited), the TLS Secret signed by the cluster CA, the init Job
/// and <c>PlatformContext.Vault</c>.</summary>
public class SecretManagementLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string Layer = "platform-prod-secret-management";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static ImmutableArray<object> List(object value) => (ImmutableArray<object>)value;

    /// <summary>ValidConfig with the vault provider on an existing StorageClass.</summary>
    private static Dictionary<string, string> WithVault(string secretManagement)
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"storage": true}""";
        config["storage"] = """{"provider": "existing", "className": "local-path"}""";
        config["secretManagement"] = secretManagement;
        return config;
    }

    [Fact]
    public async Task Sops_generates_the_age_key_in_state_and_mounts_it_into_the_operator()
    {
        var config = ValidConfig.Values();
        config["secretManagement"] = $$$"""{"sops": {"recipients": ["{{{SecretKeys.AgeRecipient}}}"]}}""";
        var run = await StackRunner.RunAsync(config, preview: false);

        var key = run.Registration("random:index/randomBytes:RandomBytes", $"{Layer}-age-key");
        Assert.Equal(32.0, key.Inputs["length"]);
        Assert.True(run.Options[$"{Layer}-age-key"].Protect);

        // The mock's bytes are the SHA-256 of the resource name: the recipient and identity are age's for them.
        var scalar = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Layer}-age-key"));
        var stack = run.Single<PlatformStack>();
        Assert.Equal(AgeKey.Recipient(scalar), await Outputs.ValueAsync(stack.SopsAgeRecipient));
        Assert.False(await Outputs.IsSecretAsync(stack.SopsAgeRecipient));
        Assert.Equal($"{AgeKey.Recipient(scalar)},{SecretKeys.AgeRecipient}", await Outputs.ValueAsync(stack.SopsAgeRecipients));
        Assert.Equal("", await Outputs.ValueAsync(stack.VaultAddress));

        var secret = (SecretArgs)run.Args[$"{Layer}-age-key-secret"];
        var data = secret.StringData.ToOutput();
        Assert.True(await Outputs.IsSecretAsync(data));
        Assert.Equal(AgeKey.KeyFile(scalar), (await Outputs.ValueAsync(data))[SopsOperatorValues.KeyFile]);
        Assert.Contains("stringData", ((Pulumi.CustomResourceOptions)run.Options[$"{Layer}-age-key-secret"]).AdditionalSecretOutputs);

        var release = run.Registration(ReleaseType, $"{Layer}-operator");
        Assert.Equal((HelmCharts.SopsSecretsOperator.Name, HelmCharts.SopsSecretsOperator.Version, true),
            ((string)release.Inputs["chart"], (string)release.Inputs["version"], (bool)release.Inputs["skipCrds"]));
        var values = Map(release.Inputs["values"]);
        var mount = Map(List(values["secretsAsFiles"]).Single());
        Assert.Equal((SopsOperatorValues.KeySecret, SopsOperatorValues.KeyDir), ((string)mount["secretName"], (string)mount["mountPath"]));
        var env = Map(List(values["extraEnv"]).Single());
        Assert.Equal(("SOPS_AGE_KEY_FILE", "/etc/sops-age/keys.txt"), ((string)env["name"], (string)env["value"]));
        // The identity is nowhere in the release's values.
        Assert.DoesNotContain(AgeKey.Identity(scalar), System.Text.Json.JsonSerializer.Serialize(values), StringComparison.Ordinal);
        var graph = await DependencyGraph.OfAsync(run);
        Assert.Contains($"{Layer}-age-key-secret", graph.Direct($"{Layer}-operator"));
        Assert.Contains(graph.Direct($"{Layer}-operator"), d => d.EndsWith("-crd-sopssecrets.isindir.github.com", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sops_operator_values_are_read_by_the_chart_and_its_pod_is_restricted()
    {
        var values = SopsOperatorValues.Render();
        ValuesTree.AssertRoundTrips(values);
        Assert.Empty(ChartPaths.Unread(HelmCharts.SopsSecretsOperator, values));
        var pod = (k8s.Models.V1PodSecurityContext)Validation.StrictJson.Decode(
            System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ValuesTree.At(values, "securityContext.customPodSecurityContext")))!, typeof(k8s.Models.V1PodSecurityContext));
        var container = (k8s.Models.V1SecurityContext)Validation.StrictJson.Decode(
            System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ValuesTree.At(values, "securityContext.container.customContainerSecurityContext")))!, typeof(k8s.Models.V1SecurityContext));
        Assert.Empty(Validation.RestrictedPodSecurity.Violations(pod, container));
    }

    [Theory]
    [InlineData("vault", "vault")]
    [InlineData("openbao", "openbao")]
    public async Task Vault_installs_the_chosen_server_protected_with_its_certificate_from_the_cluster_ca(string server, string chart)
    {
        var run = await StackRunner.RunAsync(WithVault(SecretKeys.Vault("""{"replicas": 3}""", server)));
        var release = run.Registration(ReleaseType, $"{Layer}-server");
        Assert.Equal(chart, release.Inputs["chart"]);
        Assert.Equal(true, release.Inputs["skipAwait"]);
        Assert.Equal(false, release.Inputs["atomic"]);
        Assert.True(run.Options[$"{Layer}-server"].Protect);
        Assert.Equal("local-path", ValuesTree.At(Map(release.Inputs["values"]), "server.dataStorage.storageClass"));
        Assert.True(run.Options[$"{Layer}-namespace"].Protect);

        var cert = run.Registration("tls:index/locallySignedCert:LocallySignedCert", $"{Layer}-tls-cert");
        Assert.Equal(PlatformMocks.Pem("CERTIFICATE", "platform-prod-pki-cluster-ca"), cert.Inputs["caCertPem"]);
        var csr = run.Registration("tls:index/certRequest:CertRequest", $"{Layer}-tls-csr");
        Assert.Contains("vault-active.vault.svc", List(csr.Inputs["dnsNames"]).Cast<string>());
        // ValidConfig's workloads have one node: one server, whose pod name the certificate carries.
        Assert.Equal(1.0, ValuesTree.At(Map(release.Inputs["values"]), "server.ha.replicas"));
        Assert.Contains("vault-0.vault-internal", List(csr.Inputs["dnsNames"]).Cast<string>());
        Assert.DoesNotContain("vault-1.vault-internal", List(csr.Inputs["dnsNames"]).Cast<string>());
        var tls = (SecretArgs)run.Args[$"{Layer}-tls"];
        Assert.True(await Outputs.IsSecretAsync(tls.StringData.ToOutput()));

        var stack = run.Single<PlatformStack>();
        Assert.Equal("https://vault-active.vault.svc:8200", await Outputs.ValueAsync(stack.VaultAddress));
        Assert.Equal("", await Outputs.ValueAsync(stack.SopsAgeRecipient));
        Assert.Contains(stack.Warnings, w => w.Contains("vault.unsealed is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_init_job_runs_the_servers_cli_as_the_setup_account_after_the_release_and_shamir_does_not_hold_up()
    {
        var run = await StackRunner.RunAsync(WithVault(SecretKeys.VaultShamir()));
        var layer = run.Single<VaultLayer>();
        var job = run.Registration("kubernetes:batch/v1:Job", $"{Layer}-init");
        var metadata = Map(job.Inputs["metadata"]);
        Assert.Equal(VaultInit.JobName(layer.Server, new VaultOptions { PgpKeys = SecretKeys.Pgp, Threshold = 2 }), metadata["name"]);
        Assert.Equal("true", Map(metadata["annotations"])["pulumi.com/skipAwait"]);
        Assert.Contains($"{Layer}-server", (await DependencyGraph.OfAsync(run)).Direct($"{Layer}-init"));
        var pod = Map(Map(Map(job.Inputs["spec"])["template"])["spec"]);
        Assert.Equal("vault-setup", pod["serviceAccountName"]);
        var container = Map(List(pod["containers"]).Single());
        Assert.Equal(VaultImages.Vault, container["image"]);
        Assert.Equal(["/bin/sh", "-c", VaultInit.Script], List(container["command"]).Cast<string>());
        var env = List(container["env"]).Select(Map).ToDictionary(e => (string)e["name"], e => (string)e["value"]);
        Assert.Equal("https://vault-0.vault-internal:8200", env["VAULT_ADDR"]);
        Assert.Equal("shamir", env["UNSEAL_MODE"]);
        Assert.Equal("/etc/vault-init/pgp-keys/key-1,/etc/vault-init/pgp-keys/key-2,/etc/vault-init/pgp-keys/key-3", env["PGP_KEY_FILES"]);
        Assert.Equal("2", env["THRESHOLD"]);
        var tmp = Map(List(pod["volumes"]).Select(Map).Single(v => (string)v["name"] == "tmp")["emptyDir"]);
        Assert.Equal("Memory", tmp["medium"]);
        var keys = Map(run.Registration("kubernetes:core/v1:ConfigMap", $"{Layer}-init-pgp-keys").Inputs["data"]);
        Assert.Equal(SecretKeys.Pgp, new[] { "key-1", "key-2", "key-3" }.Select(k => (string)keys[k]));

        // What the setup Jobs of other layers get: not configurable until the key holders say so.
        Assert.False(layer.Server.Configurable);
        Assert.Equal((string?)"vault", layer.Server.Namespace);
        Assert.Same(layer.InitJob, layer.Server.Ready);
    }

    [Fact]
    public async Task Transit_keeps_its_token_secret_and_pulumi_waits_for_the_init()
    {
        var config = WithVault(SecretKeys.Vault("""{"unseal": "transit", "transit": {"address": "https://vault.central.example.com:8200", "keyName": "unseal"}}""")
            );
        config["secretManagementTransitToken"] = "hvs.transit-token";
        var run = await StackRunner.RunAsync(config);
        var transit = (SecretArgs)run.Args[$"{Layer}-transit"];
        Assert.True(await Outputs.IsSecretAsync(transit.StringData.ToOutput()));
        Assert.Equal("hvs.transit-token", (await Outputs.ValueAsync(transit.StringData.ToOutput()))["token"]);
        var job = run.Registration("kubernetes:batch/v1:Job", $"{Layer}-init");
        Assert.False(Map(job.Inputs["metadata"]).ContainsKey("annotations"));
        Assert.True(run.Single<VaultLayer>().Server.Configurable);
        var egress = run.Registration("kubernetes:networking.k8s.io/v1:NetworkPolicy", $"{Layer}-namespace-allow-transit-seal");
        Assert.Contains("8200", System.Text.Json.JsonSerializer.Serialize(egress.Inputs["spec"]), StringComparison.Ordinal);
        Assert.DoesNotContain("hvs.transit-token", System.Text.Json.JsonSerializer.Serialize(run.Registration(ReleaseType, $"{Layer}-server").Inputs["values"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_external_secrets_operator_comes_with_the_vault_provider_on_its_server_with_a_store_per_team_namespace()
    {
        var config = WithVault(SecretKeys.Vault("""{"unseal": "transit", "transit": {"address": "https://vault.central.example.com:8200", "keyName": "unseal"}}"""));
        config["secretManagementTransitToken"] = "hvs.transit-token";
        config["tenants"] = """
            [{"name": "payments", "team": "payments", "owner": "payments-oncall@example.com", "quota": {"requests.cpu": "8", "pods": "100"}},
             {"name": "payments-batch", "team": "payments", "owner": "payments-oncall@example.com", "quota": {"requests.cpu": "4", "pods": "50"}}]
            """;
        var run = await StackRunner.RunAsync(config);

        var vault = run.Single<VaultLayer>();
        var externalSecrets = run.Single<ExternalSecretsLayer>();
        Assert.True(externalSecrets.Configured);
        var graph = await DependencyGraph.OfAsync(run);
        const string Eso = "platform-prod-external-secrets";
        // The configuration Job waits for the server's init (VaultServer.Ready), and the stores for the Job.
        Assert.Contains($"{Layer}-init", graph.Direct($"{Eso}-vault-config-job"));
        Assert.Contains($"{Eso}-vault-config-job", graph.Direct($"{Eso}-platform-store"));
        var stores = run.RegistrationsOf("kubernetes:external-secrets.io/v1:SecretStore")
            .Select(r => (string)Map(r.Inputs["metadata"])["namespace"]).Order(StringComparer.Ordinal);
        Assert.Equal(["payments", "payments-batch"], stores);
        var release = run.Registration(ReleaseType, $"{Eso}-external-secrets");
        Assert.Equal(HelmCharts.ExternalSecrets.Version, release.Inputs["version"]);
        var store = run.Registration("kubernetes:external-secrets.io/v1:ClusterSecretStore", $"{Eso}-platform-store");
        Assert.Equal(vault.Server.Address, Map(Map(Map(store.Inputs["spec"])["provider"])["vault"])["server"]);
    }

    [Fact]
    public async Task Sops_brings_no_external_secrets_operator()
    {
        var config = ValidConfig.Values();
        config["secretManagement"] = $$$"""{"sops": {"recipients": ["{{{SecretKeys.AgeRecipient}}}"]}}""";
        var run = await StackRunner.RunAsync(config);
        Assert.Empty(run.All<ExternalSecretsLayer>());
        Assert.DoesNotContain(run.Registrations, r => r.Type!.Contains("external-secrets.io", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vault_without_storage_is_refused_before_anything_is_registered()
    {
        var config = ValidConfig.Values();
        config["secretManagement"] = SecretKeys.VaultShamir();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StackRunner.RunAsync(config));
        Assert.Contains("secretManagement", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switched_off_the_layer_registers_nothing()
    {
        var config = ValidConfig.Values();
        config["capabilities"] = """{"secretManagement": false}""";
        var run = await StackRunner.RunAsync(config);
        Assert.DoesNotContain(run.Registrations, r => r.Name!.StartsWith(Layer, StringComparison.Ordinal));
    }
}
