using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Platform.Components.Catalog;
using Platform.Components.Secrets;
using Platform.Components.Secrets.ExternalSecrets;
using Platform.Tests.Harness;
using Platform.Tests.Validation;

namespace Platform.Tests.Secrets;

/// <summary>The README's Vault walkthroughs as files: examples/vault-secrets (an ExternalSecret through the namespace's
/// SecretStore and a restricted Pod reading the Secret) and examples/vault-dynamic-database (a VaultDynamicSecret
/// generator and its ExternalSecret refreshing well inside the credentials' lifetime, the NetworkPolicies Vault needs to
/// reach the database, and the administrator's setup script). Every custom resource is valid against the pinned
/// chart's CRDs, every built-in object decodes strictly, the names match what the layer creates for team-a, and the
/// script passes shellcheck.</summary>
public partial class VaultExamplesTests
{
    private static readonly SecretTenant TeamA = SecretTenant.Of(ExternalSecretsLayerTests.Tenants).Single(t => t.Key == "team-a");

    private static string Example(string folder, string file) => Path.Combine(RepoRoot.Path, "examples", folder, file);

    private static IReadOnlyList<JsonNode> Documents(string folder, string file) => [.. KubeYaml.Documents(File.ReadAllText(Example(folder, file))).Select(d => d!)];

    [Theory]
    [InlineData("vault-secrets", "external-secret.yaml")]
    [InlineData("vault-dynamic-database", "external-secret.yaml")]
    public void Every_custom_resource_fits_the_crds(string folder, string file)
    {
        var documents = Documents(folder, file);
        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.Empty(CrdSchema.Errors(HelmCharts.ExternalSecrets, d)));
    }

    [Fact]
    public void The_walkthrough_reads_the_teams_path_through_its_namespaces_store_into_a_restricted_pod()
    {
        var external = Assert.Single(Documents("vault-secrets", "external-secret.yaml"));
        Assert.Equal(("SecretStore", VaultStores.TenantStoreName), ((string?)external["spec"]!["secretStoreRef"]!["kind"], (string?)external["spec"]!["secretStoreRef"]!["name"]));
        Assert.StartsWith(TeamA.KvPath + "/", (string?)external["spec"]!["data"]![0]!["remoteRef"]!["key"], StringComparison.Ordinal);
        Assert.Contains((string?)external["metadata"]!["namespace"], TeamA.Namespaces);
        var pod = StrictJson.Decode<V1Pod>(Assert.Single(Documents("vault-secrets", "pod.yaml")));
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Empty(RestrictedPodSecurity.Violations(pod.Spec.SecurityContext, container.SecurityContext));
        Assert.Equal((string?)external["spec"]!["target"]!["name"], Assert.Single(pod.Spec.Volumes).Secret.SecretName);
    }

    [Fact]
    public void The_generator_asks_the_teams_database_mount_as_its_store_does_and_refreshes_within_the_lifetime()
    {
        var documents = Documents("vault-dynamic-database", "external-secret.yaml");
        var generator = documents.Single(d => (string?)d["kind"] == "VaultDynamicSecret");
        var external = documents.Single(d => (string?)d["kind"] == "ExternalSecret");
        var spec = generator["spec"]!;
        Assert.StartsWith($"/{TeamA.DatabaseMount}/creds/", (string?)spec["path"], StringComparison.Ordinal);
        // The provider is the team's store's, as the layer renders it, apart from the KV path and version.
        var store = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            VaultStores.TenantStore(ExternalSecretsLayerTests.Vault(null!, true), TeamA)))!["provider"]!["vault"]!.AsObject();
        store.Remove("path");
        store.Remove("version");
        Assert.True(JsonNode.DeepEquals(store, spec["provider"]), spec["provider"]!.ToJsonString());
        var generatorRef = external["spec"]!["dataFrom"]![0]!["sourceRef"]!["generatorRef"]!;
        Assert.Equal(((string?)generator["apiVersion"], "VaultDynamicSecret", (string?)generator["metadata"]!["name"]),
            ((string?)generatorRef["apiVersion"], (string?)generatorRef["kind"], (string?)generatorRef["name"]));
        var refresh = TimeSpan.FromMinutes(int.Parse(Minutes().Match((string)external["spec"]!["refreshInterval"]!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var script = File.ReadAllText(Example("vault-dynamic-database", "setup.sh"));
        var ttl = TimeSpan.FromSeconds(int.Parse(DefaultTtl().Match(script).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var max = TimeSpan.FromSeconds(int.Parse(MaxTtl().Match(script).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(24)), (ttl, max));
        Assert.True(refresh < ttl, $"refresh {refresh} is not shorter than the credentials' {ttl}");
    }

    [Fact]
    public void The_network_policies_open_the_database_port_between_vault_and_the_team_only()
    {
        var policies = Documents("vault-dynamic-database", "network-policies.yaml").Select(StrictJson.Decode<V1NetworkPolicy>).ToList();
        var egress = policies.Single(p => p.Metadata.NamespaceProperty == "vault");
        var ingress = policies.Single(p => p.Metadata.NamespaceProperty == "team-a");
        Assert.Equal("team-a", Assert.Single(Assert.Single(egress.Spec.Egress).To).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal("vault", Assert.Single(Assert.Single(ingress.Spec.Ingress).FromProperty).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.All(policies, p => Assert.Equal("5432", Assert.Single(p.Spec.Egress?.SelectMany(e => e.Ports) ?? p.Spec.Ingress.SelectMany(i => i.Ports)).Port.Value));
    }

    [Fact]
    public void The_setup_script_passes_shellcheck_and_takes_the_password_from_standard_input()
    {
        var script = File.ReadAllText(Example("vault-dynamic-database", "setup.sh"));
        var findings = ShellCheck.Findings(script);
        Assert.True(findings.Length == 0, findings);
        Assert.Matches(@"\bpassword=- ", script);
        Assert.Contains("rotate-root", script, StringComparison.Ordinal);
        Assert.Contains("mount=\"" + "database/tenants/$TEAM\"", script, StringComparison.Ordinal);
        Assert.Equal(TeamA.DatabaseMount, "database/tenants/" + TeamA.Key);
    }

    [GeneratedRegex("^([0-9]+)m$")]
    private static partial Regex Minutes();

    [GeneratedRegex(@"DEFAULT_TTL=\$\{DEFAULT_TTL:-([0-9]+)\}")]
    private static partial Regex DefaultTtl();

    [GeneratedRegex(@"MAX_TTL=\$\{MAX_TTL:-([0-9]+)\}")]
    private static partial Regex MaxTtl();
}
