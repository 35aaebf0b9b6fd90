using Platform.Tests.Harness;
using Platform.Components.Catalog;
using Platform.Components.Networking.Certificates;

namespace Platform.Tests.Networking.Certificates;

public class CertManagerValuesTests
{
    private static IReadOnlyDictionary<string, object> Render(CertificateOptions? options = null) =>
        CertManagerValues.Render(options ?? CertificateOptionsTests.Http01);

    [Fact]
    public void Crds_are_installed_and_kept()
    {
        var values = Render();

        Assert.Equal(true, ValuesTree.At(values, "crds.enabled"));
        Assert.Equal(true, ValuesTree.At(values, "crds.keep"));
        Assert.False(ValuesTree.Has(values, "installCRDs"));
    }

    [Fact]
    public void Every_deployment_gets_the_replicas_and_a_budget()
    {
        var values = Render(CertificateOptionsTests.Http01 with { Replicas = 3 });

        foreach (var prefix in new[] { "", "webhook.", "cainjector." })
        {
            Assert.Equal(3, ValuesTree.At(values, prefix + "replicaCount"));
            Assert.Equal(true, ValuesTree.At(values, prefix + "podDisruptionBudget.enabled"));
        }
    }

    [Fact]
    public void A_single_replica_gets_no_budget()
    {
        var values = Render(CertificateOptionsTests.Http01 with { Replicas = 1 });

        foreach (var prefix in new[] { "", "webhook.", "cainjector." })
            Assert.Equal(false, ValuesTree.At(values, prefix + "podDisruptionBudget.enabled"));
    }

    [Fact]
    public void Every_pod_is_restricted()
    {
        var values = Render();

        foreach (var prefix in new[] { "", "webhook.", "cainjector.", "startupapicheck." })
        {
            Assert.Equal(true, ValuesTree.At(values, prefix + "securityContext.runAsNonRoot"));
            Assert.Equal("RuntimeDefault", ValuesTree.At(values, prefix + "securityContext.seccompProfile.type"));
            Assert.Equal(false, ValuesTree.At(values, prefix + "containerSecurityContext.allowPrivilegeEscalation"));
            Assert.Equal(new object[] { "ALL" }, ValuesTree.At(values, prefix + "containerSecurityContext.capabilities.drop"));
            Assert.Equal(true, ValuesTree.At(values, prefix + "containerSecurityContext.readOnlyRootFilesystem"));
        }
    }

    [Fact]
    public void Service_monitor_is_off_by_default_and_optional()
    {
        Assert.Equal(false, ValuesTree.At(Render(), "prometheus.servicemonitor.enabled"));
        Assert.Equal(true, ValuesTree.At(Render(), "prometheus.enabled"));
        Assert.Equal(true, ValuesTree.At(Render(CertificateOptionsTests.Http01 with { ServiceMonitor = true }), "prometheus.servicemonitor.enabled"));
    }

    [Fact]
    public void Top_level_keys_come_in_a_fixed_order()
    {
        Assert.Equal(
            ["crds", "global", "replicaCount", "podDisruptionBudget", "securityContext", "containerSecurityContext", "prometheus", "webhook", "cainjector", "startupapicheck"],
            Render().Keys);
    }

    // Teams with edit in their namespace get no cert-manager rights: the chart would aggregate them into edit, and the
    // default approver would then sign a team's request with any of the platform's ClusterIssuers.
    [Fact]
    public void The_built_in_roles_get_no_cert_manager_rights()
    {
        Assert.Equal(false, ValuesTree.At(Render(), "global.rbac.aggregateClusterRoles"));
    }

    [Fact]
    public void Values_survive_a_yaml_round_trip()
    {
        ValuesTree.AssertRoundTrips(Render());
        ValuesTree.AssertRoundTrips(Render(CertificateOptionsTests.Dns01 with { Replicas = 1, ServiceMonitor = true }));
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_problem()
    {
        var error = Assert.Throws<ArgumentException>(() => CertManagerValues.Render(new CertificateOptions { Replicas = 0 }));

        Assert.Contains("acmeEmail is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("replicas is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_is_pinned_in_the_catalog()
    {
        Assert.Equal("cert-manager", HelmCharts.CertManager.Name);
        Assert.Equal("https://charts.jetstack.io", HelmCharts.CertManager.Repository);
        Assert.Equal("v1.21.1", HelmCharts.CertManager.Version);
        Assert.Contains(HelmCharts.CertManager, HelmCharts.All);
    }
}
