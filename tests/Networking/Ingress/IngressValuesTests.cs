using Platform.Tests.Harness;
using Platform.Components.Catalog;
using Platform.Components.Networking.Ingress;
using static Platform.Tests.Harness.ValuesTree;

namespace Platform.Tests.Networking.Ingress;

public class IngressValuesTests
{
    // Where each chart expects: class name, default flag, replicas, service type.
    private static readonly Dictionary<IngressControllerKind, (string ClassName, string Default, string Replicas, string ServiceType)> Paths = new()
    {
        [IngressControllerKind.Traefik] = ("ingressClass.name", "ingressClass.isDefaultClass", "deployment.replicas", "service.spec.type"),
        [IngressControllerKind.IngressNginx] = ("controller.ingressClassResource.name", "controller.ingressClassResource.default", "controller.replicaCount", "controller.service.type"),
        [IngressControllerKind.Contour] = ("contour.ingressClass.name", "contour.ingressClass.default", "envoy.replicaCount", "envoy.service.type"),
        [IngressControllerKind.HAProxy] = ("controller.ingressClassResource.name", "controller.ingressClassResource.default", "controller.replicaCount", "controller.service.type"),
        [IngressControllerKind.Emissary] = ("ingressClassResource.name", "ingressClassResource.default", "replicaCount", "service.type"),
    };

    public static TheoryData<IngressControllerKind, IngressExposure, bool, int> Cases()
    {
        var data = new TheoryData<IngressControllerKind, IngressExposure, bool, int>();
        foreach (var kind in Enum.GetValues<IngressControllerKind>())
        {
            foreach (var exposure in Enum.GetValues<IngressExposure>())
            {
                data.Add(kind, exposure, true, 2);
                data.Add(kind, exposure, false, 1);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Values_round_trip_through_yaml(IngressControllerKind kind, IngressExposure exposure, bool isDefault, int replicas) =>
        AssertRoundTrips(IngressValues.Render(new IngressControllerSpec { Kind = kind, Exposure = exposure, Default = isDefault, Replicas = replicas }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Class_name_default_flag_and_replicas_are_where_the_chart_reads_them(IngressControllerKind kind, IngressExposure exposure, bool isDefault, int replicas)
    {
        var values = IngressValues.Render(new IngressControllerSpec { Kind = kind, Exposure = exposure, Default = isDefault, Replicas = replicas, ClassName = "edge" });
        var paths = Paths[kind];

        Assert.Equal("edge", At(values, paths.ClassName));
        Assert.Equal(isDefault, At(values, paths.Default));
        Assert.Equal(replicas, At(values, paths.Replicas));
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik, "traefik")]
    [InlineData(IngressControllerKind.IngressNginx, "nginx")]
    [InlineData(IngressControllerKind.Contour, "contour")]
    [InlineData(IngressControllerKind.HAProxy, "haproxy")]
    [InlineData(IngressControllerKind.Emissary, "emissary")]
    public void Class_name_defaults_to_the_kinds_name(IngressControllerKind kind, string expected)
    {
        var values = IngressValues.Render(new IngressControllerSpec { Kind = kind });

        Assert.Equal(expected, At(values, Paths[kind].ClassName));
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik)]
    [InlineData(IngressControllerKind.IngressNginx)]
    [InlineData(IngressControllerKind.Contour)]
    [InlineData(IngressControllerKind.HAProxy)]
    [InlineData(IngressControllerKind.Emissary)]
    public void Exposure_sets_the_service_type(IngressControllerKind kind)
    {
        string Type(IngressExposure exposure) => (string)At(IngressValues.Render(new IngressControllerSpec { Kind = kind, Exposure = exposure }), Paths[kind].ServiceType);

        Assert.Equal("LoadBalancer", Type(IngressExposure.LoadBalancer));
        Assert.Equal("NodePort", Type(IngressExposure.NodePort));
        Assert.Equal("ClusterIP", Type(IngressExposure.HostPort));
    }

    // Traefik's chart 40 and later builds the Service from service.spec and ignores service.type, which would leave every
    // Service a LoadBalancer whatever the exposure.
    [Theory]
    [InlineData(IngressExposure.LoadBalancer, "LoadBalancer")]
    [InlineData(IngressExposure.NodePort, "NodePort")]
    [InlineData(IngressExposure.HostPort, "ClusterIP")]
    public void Traefik_service_type_is_written_in_the_service_spec_only(IngressExposure exposure, string type)
    {
        var values = IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Traefik, Exposure = exposure });

        var service = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(At(values, "service"));
        Assert.Equal(["spec"], service.Keys);
        var serviceSpec = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(At(values, "service.spec"));
        Assert.Equal(("type", (object)type), (Assert.Single(serviceSpec).Key, serviceSpec["type"]));
    }

    [Fact]
    public void Traefik_host_ports_map_80_and_443_onto_its_entry_points()
    {
        var values = IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Traefik, Exposure = IngressExposure.HostPort });

        Assert.Equal(80, At(values, "ports.web.hostPort"));
        Assert.Equal(443, At(values, "ports.websecure.hostPort"));
        Assert.False(Has(IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Traefik }), "ports"));
    }

    [Fact]
    public void Nginx_host_ports_use_the_charts_switch()
    {
        Assert.Equal(true, At(IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.IngressNginx, Exposure = IngressExposure.HostPort }), "controller.hostPort.enabled"));
        Assert.Equal(false, At(IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.IngressNginx }), "controller.hostPort.enabled"));
    }

    [Fact]
    public void Contour_runs_envoy_as_a_deployment_with_host_ports_only_when_asked()
    {
        var hostPort = IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Contour, Exposure = IngressExposure.HostPort });
        var loadBalancer = IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Contour });

        Assert.Equal("deployment", At(hostPort, "envoy.kind"));
        Assert.Equal(true, At(hostPort, "envoy.useHostPort.http"));
        Assert.Equal(true, At(hostPort, "envoy.useHostPort.https"));
        Assert.Equal(false, At(loadBalancer, "envoy.useHostPort.http"));
        Assert.Equal("Local", At(loadBalancer, "envoy.service.externalTrafficPolicy"));
        Assert.True(Has(loadBalancer, "contour.ingressClass.create"));
        // The CRDs are templates of the release (HelmCharts.Contour): written out, not left to the chart's default.
        Assert.Equal(true, At(loadBalancer, "contour.manageCRDs"));
        Assert.Equal(true, At(hostPort, HelmCharts.Contour.CrdValuesSwitch!));
    }

    [Fact]
    public void HAProxy_host_ports_use_the_deployment_switch_and_keep_stats_off_the_service()
    {
        var values = IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.HAProxy, Exposure = IngressExposure.HostPort });

        Assert.Equal(true, At(values, "controller.deployment.useHostPort"));
        Assert.Equal(false, At(values, "controller.service.enablePorts.stat"));
        Assert.Equal(true, At(values, "controller.unprivileged"));
    }

    [Fact]
    public void Emissary_pods_meet_the_restricted_pod_security_level_their_namespace_audits()
    {
        var values = System.Text.Json.JsonSerializer.SerializeToNode(IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Emissary }))!;

        var pod = Validation.StrictJson.Decode<k8s.Models.V1PodSecurityContext>(values["security"]!["podSecurityContext"]);
        var container = Validation.StrictJson.Decode<k8s.Models.V1SecurityContext>(values["security"]!["containerSecurityContext"]);

        Assert.Empty(Validation.RestrictedPodSecurity.Violations(pod, container));
        // The chart's own defaults would not: the check can fail.
        Assert.Equal(["capabilities.drop lacks ALL", "runAsNonRoot is not true", "seccompProfile.type is not RuntimeDefault or Localhost"],
            Validation.RestrictedPodSecurity.Violations(new k8s.Models.V1PodSecurityContext { RunAsUser = 8888 },
                new k8s.Models.V1SecurityContext { AllowPrivilegeEscalation = false }));
    }

    [Fact]
    public void Emissary_host_ports_are_set_on_the_service_ports()
    {
        var values = IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Emissary, Exposure = IngressExposure.HostPort });

        var ports = Assert.IsType<object[]>(At(values, "service.ports"));
        Assert.Equal([80, 443], ports.Cast<IReadOnlyDictionary<string, object>>().Select(port => (int)port["hostPort"]));
        Assert.Equal(true, At(values, "createDefaultListeners"));
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik, "podDisruptionBudget.enabled")]
    [InlineData(IngressControllerKind.Contour, "envoy.pdb.create")]
    [InlineData(IngressControllerKind.HAProxy, "controller.PodDisruptionBudget.enable")]
    public void Pod_disruption_budget_only_with_more_than_one_replica(IngressControllerKind kind, string path)
    {
        Assert.Equal(true, At(IngressValues.Render(new IngressControllerSpec { Kind = kind, Replicas = 2 }), path));
        Assert.Equal(false, At(IngressValues.Render(new IngressControllerSpec { Kind = kind, Replicas = 1 }), path));
    }

    [Fact]
    public void Nginx_and_emissary_budgets_follow_the_replicas()
    {
        Assert.True(Has(IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.IngressNginx, Replicas = 3 }), "controller.minAvailable"));
        Assert.False(Has(IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.IngressNginx, Replicas = 1 }), "controller.minAvailable"));
        Assert.Equal(1, At(IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Emissary, Replicas = 3 }), "podDisruptionBudget.maxUnavailable"));
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(At(IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Emissary, Replicas = 1 }), "podDisruptionBudget")));
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik, "metrics.prometheus.entryPoint")]
    [InlineData(IngressControllerKind.IngressNginx, "controller.metrics.enabled")]
    [InlineData(IngressControllerKind.HAProxy, "controller.prometheus.enabled")]
    [InlineData(IngressControllerKind.Traefik, "resources.requests.cpu")]
    [InlineData(IngressControllerKind.IngressNginx, "controller.resources.requests.memory")]
    [InlineData(IngressControllerKind.Contour, "envoy.resources.requests.cpu")]
    [InlineData(IngressControllerKind.HAProxy, "controller.resources.requests.cpu")]
    [InlineData(IngressControllerKind.Emissary, "resources.requests.cpu")]
    [InlineData(IngressControllerKind.Traefik, "podSecurityContext.runAsNonRoot")]
    [InlineData(IngressControllerKind.Emissary, "security.podSecurityContext.runAsNonRoot")]
    public void Metrics_requests_and_non_root_are_set(IngressControllerKind kind, string path) =>
        Assert.True(Has(IngressValues.Render(new IngressControllerSpec { Kind = kind }), path), path);

    [Fact]
    public void Rendering_is_deterministic()
    {
        var spec = new IngressControllerSpec { Kind = IngressControllerKind.Contour, Exposure = IngressExposure.NodePort };

        Assert.Equal(IngressValues.Render(spec).Keys, IngressValues.Render(spec).Keys);
    }

    [Fact]
    public void Invalid_spec_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => IngressValues.Render(new IngressControllerSpec { Kind = IngressControllerKind.Traefik, Replicas = 0 }));
        Assert.Contains("replicas", error.Message, StringComparison.Ordinal);
    }
}
