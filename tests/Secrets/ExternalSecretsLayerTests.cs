using System.Collections.Immutable;
using System.Text.Json;
using k8s.Models;
using Platform.Components.Catalog;
using Platform.Components.Observability;
using Platform.Components.Secrets;
using Platform.Components.Secrets.ExternalSecrets;
using Platform.Components.Tenancy;
using Platform.Tests.Harness;
using Platform.Tests.Validation;
using Pulumi;

namespace Platform.Tests.Secrets;

/// <summary>The External Secrets layer against a VaultServer made here (the secret-management layer is another branch's):
/// the operator after its own CRDs in a restricted namespace that reaches the API server and Vault only, the Vault
/// configuration Job only when the server is configurable (as the setup ServiceAccount, TLS verified against the CA,
/// a checksum of what it applies in its pod template), one SecretStore per team namespace with the team's role and the
/// platform's ClusterSecretStore closed to team namespaces, every store valid against the chart's CRDs, and nothing
/// secret registered.</summary>
public class ExternalSecretsLayerTests
{
    private const string ReleaseType = "kubernetes:helm.sh/v3:Release";
    private const string JobType = "kubernetes:batch/v1:Job";
    private const string ConfigMapType = "kubernetes:core/v1:ConfigMap";
    private const string PolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private const string StoreType = "kubernetes:external-secrets.io/v1:SecretStore";
    private const string ClusterStoreType = "kubernetes:external-secrets.io/v1:ClusterSecretStore";
    private const string Release = "eso-external-secrets";
    private const string Job = "eso-vault-config-job";
    private const string Ca = "-----BEGIN CERTIFICATE-----\nVAULT-CA\n-----END CERTIFICATE-----\n";

    private static IReadOnlyDictionary<string, object> Map(object value) => (IReadOnlyDictionary<string, object>)value;

    private static ImmutableArray<object> List(object value) => (ImmutableArray<object>)value;

    private static TenantOptions Tenant(string name, string team) =>
        new() { Name = name, Team = team, Owner = "owner@example.com", Quota = new Dictionary<string, string> { ["pods"] = "10" } };

    internal static IReadOnlyList<TenantOptions> Tenants { get; } = [Tenant("team-a", "team-a"), Tenant("team-a-batch", "team-a"), Tenant("payments", "Payments")];

    private sealed record Prerequisites(Resource VaultReady, Resource Crds, Resource TenantsReady);

    internal static VaultServer Vault(Resource ready, bool configurable, bool openBao = false, string address = "https://vault-active.vault.svc:8200") => new()
    {
        Address = address,
        CaCertificatePem = Output.Create(Ca),
        OpenBao = openBao,
        CliImage = openBao ? "quay.io/openbao/openbao:2.5.1" : "docker.io/hashicorp/vault:1.21.4",
        Configurable = configurable,
        Ready = ready,
    };

    private static Task<ComponentRun> Run(bool configurable, bool monitoring = false, bool openBao = false, IReadOnlyList<TenantOptions>? tenants = null) => ComponentRun.RunAsync(
        () => new Prerequisites(new Pulumi.Kubernetes.Core.V1.Namespace("vault-ready"), new Pulumi.Kubernetes.Core.V1.Namespace("prometheus-operator-crds"),
            new Pulumi.Kubernetes.Core.V1.Namespace("tenants-ready")),
        (ready, opts) => _ = new ExternalSecretsLayer("eso", new ExternalSecretsLayerArgs
        {
            Vault = Vault(ready.VaultReady, configurable, openBao),
            Tenants = tenants ?? Tenants,
            TenantsReady = [ready.TenantsReady],
            Metrics = monitoring ? new MetricsScraping { CrdsReady = ready.Crds } : null,
        }, opts));

    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);

    [Fact]
    public async Task The_operator_is_installed_after_its_own_crds_without_the_charts_crd_templates()
    {
        var run = await Run(configurable: true);
        var release = run.Registration(ReleaseType, Release);
        Assert.Equal((HelmCharts.ExternalSecrets.Name, HelmCharts.ExternalSecrets.Version, HelmCharts.ExternalSecrets.Repository, ExternalSecretsLayer.Namespace),
            ((string)release.Inputs["chart"], (string)release.Inputs["version"], (string)Map(release.Inputs["repositoryOpts"])["repo"], (string)release.Inputs["namespace"]));
        Assert.Equal(true, release.Inputs["skipCrds"]);
        Assert.Equal(false, Map(release.Inputs["values"])["installCRDs"]);
        var crds = ChartCrds.Of(HelmCharts.ExternalSecrets);
        Assert.Equal(25, crds.Count);
        Assert.Contains("vaultdynamicsecrets.generators.external-secrets.io", crds.Select(c => c.Name));
        foreach (var crd in crds)
        {
            var name = $"{Release}-crd-{crd.Name}";
            Assert.Equal(crd.Name, Map(run.Registration("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", name).Inputs["metadata"])["name"]);
            Assert.True(run.Options[name].RetainOnDelete);
            Assert.Contains(name, run.DependsOn[Release]);
        }
        // Without monitoring, no ServiceMonitor and no wait for the Prometheus Operator's CRDs.
        Assert.Equal(false, Map(Map(release.Inputs["values"])["serviceMonitor"])["enabled"]);
        Assert.DoesNotContain("prometheus-operator-crds", run.DependsOn[Release]);
    }

    [Fact]
    public async Task With_monitoring_the_service_monitors_are_required_and_the_release_waits_for_their_crd()
    {
        var run = await Run(configurable: true, monitoring: true);
        var monitor = Map(run.Values(Release)["serviceMonitor"]);
        Assert.Equal((true, "failIfMissing"), ((bool)monitor["enabled"], (string)monitor["renderMode"]));
        Assert.Contains("prometheus-operator-crds", run.DependsOn[Release]);
        var metrics = Map(List(Map(run.Registration(PolicyType, "eso-namespace-allow-metrics-from-monitoring").Inputs["spec"])["ingress"]).Single());
        Assert.Equal([(double)ExternalSecretsValues.MetricsPort], List(metrics["ports"]).Select(p => Map(p)["port"]));
    }

    [Fact]
    public async Task The_namespace_is_restricted_and_reaches_the_api_server_and_vaults_port_only()
    {
        var run = await Run(configurable: true);
        var ns = Map(run.Registration("kubernetes:core/v1:Namespace", "eso-namespace").Inputs["metadata"]);
        Assert.Equal(ExternalSecretsLayer.Namespace, ns["name"]);
        Assert.Equal("restricted", Map(ns["labels"])["pod-security.kubernetes.io/enforce"]);
        var policies = run.Of(PolicyType).Where(p => (string)Map(p.Inputs["metadata"])["namespace"] == ExternalSecretsLayer.Namespace)
            .Select(p => (string)Map(p.Inputs["metadata"])["name"]).Order(StringComparer.Ordinal);
        Assert.Equal(["allow-api-server", "allow-dns", "allow-metrics-from-monitoring", "allow-vault", "allow-webhook", "default-deny"], policies);
        var vault = StrictJson.Decode<V1NetworkPolicySpec>(JsonSerializer.SerializeToNode(run.Registration(PolicyType, "eso-namespace-allow-vault").Inputs["spec"]));
        var rule = Assert.Single(vault.Egress);
        Assert.Equal("vault", Assert.Single(rule.To).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal("8200", Assert.Single(rule.Ports).Port.Value);
        // Vault's namespace lets the operator in on that port.
        var from = StrictJson.Decode<V1NetworkPolicy>(JsonSerializer.SerializeToNode(new Dictionary<string, object>
        {
            ["apiVersion"] = "networking.k8s.io/v1", ["kind"] = "NetworkPolicy",
            ["metadata"] = run.Registration(PolicyType, "eso-vault-allow-external-secrets").Inputs["metadata"],
            ["spec"] = run.Registration(PolicyType, "eso-vault-allow-external-secrets").Inputs["spec"],
        }));
        Assert.Equal(("vault", "allow-from-external-secrets"), (from.Metadata.NamespaceProperty, from.Metadata.Name));
        Assert.Equal(ExternalSecretsLayer.Namespace, Assert.Single(Assert.Single(from.Spec.Ingress).FromProperty).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Contains("vault-ready", run.DependsOn["eso-vault-allow-external-secrets"]);
    }

    [Fact]
    public async Task A_configurable_server_gets_the_job_as_its_setup_account_over_verified_tls()
    {
        var run = await Run(configurable: true);
        var job = StrictJson.Decode<V1Job>(JsonSerializer.SerializeToNode(new Dictionary<string, object>
        {
            ["apiVersion"] = "batch/v1", ["kind"] = "Job",
            ["metadata"] = run.Registration(JobType, Job).Inputs["metadata"],
            ["spec"] = run.Registration(JobType, Job).Inputs["spec"],
        }));
        Assert.Equal(("vault", VaultConfiguration.JobName), (job.Metadata.NamespaceProperty, job.Metadata.Name));
        var pod = job.Spec.Template.Spec;
        Assert.Equal("vault-setup", pod.ServiceAccountName);
        Assert.Equal("Never", pod.RestartPolicy);
        var container = Assert.Single(pod.Containers);
        Assert.Equal("docker.io/hashicorp/vault:1.21.4", container.Image);
        Assert.Empty(RestrictedPodSecurity.Violations(pod.SecurityContext, container.SecurityContext));
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        var env = container.Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("vault", env["VAULT_CLI"]);
        Assert.Equal("https://vault-active.vault.svc:8200", env["VAULT_ADDR"]);
        Assert.Equal("/config/ca.crt", env["VAULT_CACERT"]);
        Assert.Equal(("kubernetes", "platform-setup"), (env["AUTH_MOUNT"], env["SETUP_ROLE"]));
        Assert.All(container.Env, e => Assert.Null(e.ValueFrom));
        Assert.Equal(["/bin/sh", "/config/vault-config.sh"], container.Command);
        Assert.Equal(VaultConfiguration.ConfigMapName, pod.Volumes.Single(v => v.Name == "config").ConfigMap.Name);
        Assert.True(((CustomResourceOptions)run.Options[Job]).DeleteBeforeReplace);
        Assert.Contains("vault-ready", run.DependsOn[Job]);
        Assert.Contains("eso-vault-config", run.DependsOn[Job]);

        // The ConfigMap holds the script, the CA and every policy and role; the checksum covers them.
        var data = Map(run.Registration(ConfigMapType, "eso-vault-config").Inputs["data"]);
        Assert.Equal(Ca, data["ca.crt"]);
        Assert.Equal(VaultConfiguration.Script, data["vault-config.sh"]);
        Assert.Equal(["ca.crt", "policy-external-secrets.hcl", "policy-tenant-payments.hcl", "policy-tenant-team-a.hcl",
            "role-external-secrets", "role-tenant-payments", "role-tenant-team-a", "vault-config.sh"], data.Keys.Order(StringComparer.Ordinal));
        var files = VaultConfiguration.Files(SecretTenant.Of(Tenants), ExternalSecretsLayer.Namespace);
        Assert.Equal(VaultConfiguration.Checksum(files, Ca, Vault(null!, true)), job.Spec.Template.Metadata.Annotations[VaultConfiguration.ChecksumAnnotation]);
        // The Job's pods reach the server inside its namespace.
        var egress = Map(run.Registration(PolicyType, "eso-vault-config-egress").Inputs["spec"]);
        Assert.Equal(VaultConfiguration.JobName, Map(Map(egress["podSelector"])["matchLabels"])["app.kubernetes.io/name"]);
        Assert.Equal([8200.0], List(Map(List(egress["egress"]).Single())["ports"]).Select(p => Map(p)["port"]));
        Assert.Contains("eso-vault-allow-config-job", run.DependsOn[Job]);
    }

    [Fact]
    public async Task A_sealed_server_gets_no_job_but_the_operator_and_the_stores_are_there()
    {
        var run = await Run(configurable: false);
        Assert.Empty(run.Of(JobType));
        Assert.DoesNotContain(run.Of(ConfigMapType), c => (string)Map(c.Inputs["metadata"])["name"] == VaultConfiguration.ConfigMapName);
        Assert.DoesNotContain(run.Of(PolicyType), p => (string)Map(p.Inputs["metadata"])["name"] == "allow-from-vault-config");
        run.Registration(ReleaseType, Release);
        run.Registration(ClusterStoreType, "eso-platform-store");
        Assert.Equal(3, run.Of(StoreType).Count);
        Assert.DoesNotContain(Job, run.DependsOn["eso-platform-store"]);
    }

    [Fact]
    public async Task Openbao_runs_the_bao_cli_with_its_own_variables()
    {
        var run = await Run(configurable: true, openBao: true);
        var container = Map(List(Map(Map(Map(run.Registration(JobType, Job).Inputs["spec"])["template"])["spec"])["containers"]).Single());
        var env = List(container["env"]).Select(Map).ToDictionary(e => (string)e["name"], e => (string)e["value"]);
        Assert.Equal(("bao", "https://vault-active.vault.svc:8200", "/config/ca.crt"), (env["VAULT_CLI"], env["BAO_ADDR"], env["BAO_CACERT"]));
        Assert.Equal("quay.io/openbao/openbao:2.5.1", container["image"]);
    }

    [Fact]
    public async Task Each_team_namespace_gets_a_store_with_its_teams_role_and_every_store_fits_the_crds()
    {
        var run = await Run(configurable: true);
        var stores = run.Of(StoreType).ToDictionary(s => (string)Map(s.Inputs["metadata"])["namespace"]);
        Assert.Equal(["payments", "team-a", "team-a-batch"], stores.Keys.Order(StringComparer.Ordinal));
        foreach (var (ns, store) in stores)
        {
            var document = JsonSerializer.SerializeToNode(store.Inputs)!;
            Assert.Empty(CrdSchema.Errors(HelmCharts.ExternalSecrets, document));
            var vault = document["spec"]!["provider"]!["vault"]!;
            Assert.Equal(ns == "payments" ? "tenant-payments" : "tenant-team-a", (string?)vault["auth"]!["kubernetes"]!["role"]);
            Assert.Equal(VaultConfiguration.TenantServiceAccount, (string?)vault["auth"]!["kubernetes"]!["serviceAccountRef"]!["name"]);
            Assert.Null(vault["auth"]!["kubernetes"]!["serviceAccountRef"]!["namespace"]);
            Assert.Equal(("secret", "v2", "https://vault-active.vault.svc:8200"), ((string?)vault["path"], (string?)vault["version"], (string?)vault["server"]));
            Assert.Equal((VaultStores.CaConfigMap, "ConfigMap"), ((string?)vault["caProvider"]!["name"], (string?)vault["caProvider"]!["type"]));
            var name = $"eso-{ns}-store";
            Assert.Contains(Release, run.DependsOn[name]);
            Assert.Contains(Job, run.DependsOn[name]);
            Assert.Contains("tenants-ready", run.DependsOn[name]);
            Assert.Contains($"eso-{ns}-service-account", run.DependsOn[name]);
            var account = Map(run.Registration("kubernetes:core/v1:ServiceAccount", $"eso-{ns}-service-account").Inputs["metadata"]);
            Assert.Equal((VaultConfiguration.TenantServiceAccount, ns), ((string)account["name"], (string)account["namespace"]));
            Assert.Equal(Ca, Map(run.Registration(ConfigMapType, $"eso-{ns}-vault-ca").Inputs["data"])["ca.crt"]);
        }
    }

    [Fact]
    public async Task The_platform_cluster_store_logs_in_as_the_operator_and_is_closed_to_team_namespaces()
    {
        var run = await Run(configurable: true);
        var document = JsonSerializer.SerializeToNode(run.Registration(ClusterStoreType, "eso-platform-store").Inputs)!;
        Assert.Empty(CrdSchema.Errors(HelmCharts.ExternalSecrets, document));
        Assert.Equal(VaultStores.PlatformStoreName, (string?)document["metadata"]!["name"]);
        var auth = document["spec"]!["provider"]!["vault"]!["auth"]!["kubernetes"]!;
        Assert.Equal(VaultConfiguration.OperatorRole, (string?)auth["role"]);
        Assert.Equal((ExternalSecretsValues.ControllerServiceAccount, ExternalSecretsLayer.Namespace),
            ((string?)auth["serviceAccountRef"]!["name"], (string?)auth["serviceAccountRef"]!["namespace"]));
        Assert.Equal(["vault"], auth["serviceAccountRef"]!["audiences"]!.AsArray().Select(a => (string?)a));
        var selector = StrictJson.Decode<V1LabelSelector>(document["spec"]!["conditions"]![0]!["namespaceSelector"]);
        var expression = Assert.Single(selector.MatchExpressions);
        Assert.Equal((TenantNamespace.TenantLabel, "DoesNotExist"), (expression.Key, expression.OperatorProperty));
        Assert.Equal(ExternalSecretsLayer.Namespace, (string?)document["spec"]!["provider"]!["vault"]!["caProvider"]!["namespace"]);
    }

    [Fact]
    public void The_crd_check_catches_what_the_api_server_would_refuse()
    {
        var store = JsonSerializer.SerializeToNode(new Dictionary<string, object>
        {
            ["apiVersion"] = "external-secrets.io/v1", ["kind"] = "SecretStore",
            ["metadata"] = new Dictionary<string, object> { ["name"] = "vault", ["namespace"] = "team-a" },
            ["spec"] = VaultStores.TenantStore(Vault(null!, true), SecretTenant.Of(Tenants)[1]),
        })!;
        Assert.Empty(CrdSchema.Errors(HelmCharts.ExternalSecrets, store));
        store["spec"]!["provider"]!["vault"]!["version"] = "v3";
        store["spec"]!["provider"]!["vault"]!["auth"]!["kubernetes"]!["roleName"] = "x";
        store["spec"]!["provider"]!["vault"]!["auth"]!["kubernetes"]!.AsObject().Remove("mountPath");
        Assert.Equal(
            ["spec.provider.vault.version 'v3' is not one of the CRD's values", "spec.provider.vault.auth.kubernetes.roleName is not a field of the CRD",
                "spec.provider.vault.auth.kubernetes.mountPath is required"],
            CrdSchema.Errors(HelmCharts.ExternalSecrets, store));
        store["apiVersion"] = "external-secrets.io/v1beta1";
        Assert.Equal(["external-secrets.io/v1beta1 SecretStore: version v1beta1 is not served"], CrdSchema.Errors(HelmCharts.ExternalSecrets, store));
    }

    [Fact]
    public async Task Nothing_secret_is_registered_the_ca_is_the_only_certificate_material()
    {
        var run = await Run(configurable: true);
        Assert.Empty(run.Of("kubernetes:core/v1:Secret"));
        Assert.DoesNotContain(run.Registrations.Where(r => r.Type?.EndsWith(":CustomResourceDefinition", StringComparison.Ordinal) != true),
            r => JsonSerializer.Serialize(r.Inputs).Contains("PRIVATE KEY", StringComparison.Ordinal));
        // The Job's environment is plain settings: no value comes from a Secret, none is a credential.
        var env = List(Map(List(Map(Map(Map(run.Registration(JobType, Job).Inputs["spec"])["template"])["spec"])["containers"]).Single())["env"]).Select(Map);
        Assert.All(env, e => Assert.False(e.ContainsKey("valueFrom"), (string)e["name"]));
        Assert.DoesNotContain(env, e => ((string)e["name"]).Contains("TOKEN", StringComparison.Ordinal) && e["name"] is not "TOKEN_FILE");
    }

    [Fact]
    public async Task Teams_differing_only_in_case_and_a_plain_http_address_are_refused_before_anything_is_registered()
    {
        var clash = await Assert.ThrowsAnyAsync<Exception>(() => Run(configurable: true, tenants: [Tenant("a", "Team"), Tenant("b", "team")]));
        Assert.Contains("The teams Team and team differ only in case", clash.ToString(), StringComparison.Ordinal);
        Exception? http = null;
        var run = await ComponentRun.RunAsync(() => new Pulumi.Kubernetes.Core.V1.Namespace("vault-ready"), (ready, opts) =>
        {
            try
            {
                _ = new ExternalSecretsLayer("eso", new ExternalSecretsLayerArgs { Vault = Vault(ready, true, address: "http://vault.vault.svc:8200") }, opts);
            }
            catch (ArgumentException e)
            {
                http = e;
            }
        });
        Assert.Contains("'http://vault.vault.svc:8200' is not an https URL", http?.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Registrations, r => r.Name!.StartsWith("eso-", StringComparison.Ordinal));
    }
}
