using static Platform.Components.Networking.Ingress.ValuesTree;

namespace Platform.Components.Networking.Ingress;

/// <summary>Helm values for each ingress controller's chart (see <see cref="IngressControllerCharts"/>). Every key is
/// checked against the values.yaml of the pinned chart version. The tree holds only string, bool, int, nested
/// <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null, and its keys come out in a fixed order.</summary>
/// <remarks>Every controller gets: its IngressClass created by the chart under
/// <see cref="IngressControllerSpec.EffectiveClassName"/>, marked default only through the chart's own option; the
/// replica count; a LoadBalancer or NodePort Service, or host ports 80/443 behind a ClusterIP Service; a
/// PodDisruptionBudget allowing one pod down when there is more than one replica; CPU and memory requests (no limits);
/// non-root containers (the charts' defaults, pinned where the chart exposes them); and its Prometheus metrics
/// endpoint on, kept off the public Service, for a ServiceMonitor or PodMonitor later.</remarks>
public static class IngressValues
{
    /// <summary>The values for <paramref name="spec"/>'s chart.</summary>
    /// <exception cref="ArgumentException">The spec is not valid on its own (replicas out of range, bad class name,
    /// unknown kind or exposure).</exception>
    public static IReadOnlyDictionary<string, object> Render(IngressControllerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = IngressOptions.SpecProblems(0, spec).ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(spec));

        return spec.Kind switch
        {
            IngressControllerKind.Traefik => Traefik(spec),
            IngressControllerKind.IngressNginx => IngressNginx(spec),
            IngressControllerKind.Contour => Contour(spec),
            IngressControllerKind.HAProxy => HAProxy(spec),
            _ => Emissary(spec),
        };
    }

    /// <summary>The overlay that has <paramref name="kind"/>'s controller scraped (monitoring on): the chart's own
    /// ServiceMonitor on its metrics port (<see cref="IngressPorts.Metrics"/>) and the metrics Service it selects where the
    /// chart makes that separate: Traefik's metrics Service (with <c>disableAPICheck</c>: the chart would look for the
    /// ServiceMonitor API in the cluster before the CRDs' release is known to a preview; the release waits for it),
    /// ingress-nginx's controller ServiceMonitor (its metrics are on already), Contour's and Envoy's, HAProxy's on the stat
    /// port, Emissary's on the admin port.</summary>
    public static IReadOnlyDictionary<string, object> Monitoring(IngressControllerKind kind) => kind switch
    {
        IngressControllerKind.Traefik => Map(("metrics", Map(("prometheus", Map(
            ("service", Map(("enabled", true))),
            ("disableAPICheck", true),
            ("serviceMonitor", Map(("enabled", true)))))))),
        IngressControllerKind.IngressNginx => Map(("controller", Map(("metrics", Map(("serviceMonitor", Map(("enabled", true)))))))),
        IngressControllerKind.Contour => Map(("metrics", Map(("serviceMonitor", Map(("enabled", true)))))),
        IngressControllerKind.HAProxy => Map(("controller", Map(("serviceMonitor", Map(("enabled", true)))))),
        IngressControllerKind.Emissary => Map(("metrics", Map(("serviceMonitor", Map(("enabled", true)))))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ingress controller kind"),
    };

    private static bool HasPdb(IngressControllerSpec spec) => spec.Replicas > 1;

    private static string ServiceType(IngressExposure exposure) => exposure switch
    {
        IngressExposure.LoadBalancer => "LoadBalancer",
        IngressExposure.NodePort => "NodePort",
        _ => "ClusterIP",
    };

    // traefik chart (40 and later): deployment.replicas, ingressClass.{enabled,isDefaultClass,name}, podDisruptionBudget,
    // service.spec.type, ports.web/websecure.hostPort, resources, podSecurityContext, metrics.prometheus.entryPoint.
    // The Service spec is written as Kubernetes' own ServiceSpec under service.spec; the chart no longer reads the old
    // service.type and would silently leave the Service a LoadBalancer.
    private static Dictionary<string, object> Traefik(IngressControllerSpec spec)
    {
        var values = Map(
            ("deployment", Map(("kind", "Deployment"), ("replicas", spec.Replicas))),
            ("ingressClass", Map(
                ("enabled", true),
                ("isDefaultClass", spec.Default),
                ("name", spec.EffectiveClassName))),
            ("podDisruptionBudget", HasPdb(spec)
                ? Map(("enabled", true), ("maxUnavailable", 1))
                : Map(("enabled", false))),
            ("service", Map(("spec", Map(("type", ServiceType(spec.Exposure)))))));

        if (spec.Exposure == IngressExposure.HostPort)
        {
            // The entry points keep listening on 8000/8443 as a non-root user; the node's 80/443 map onto them.
            values["ports"] = Map(
                ("web", Map(("hostPort", 80))),
                ("websecure", Map(("hostPort", 443))));
        }

        values["resources"] = Requests("100m", "128Mi");
        values["podSecurityContext"] = RestrictedSecurityContext.Pod(65532, 65532, seccomp: false);
        // Prometheus metrics are on by default on the internal "metrics" entry point (9100), which is not exposed.
        values["metrics"] = Map(("prometheus", Map(("entryPoint", "metrics"))));
        return values;
    }

    // ingress-nginx chart: controller.{replicaCount,ingressClass,ingressClassResource,service.type,hostPort.enabled,
    // minAvailable,resources,metrics.enabled}. The chart renders its PodDisruptionBudget when replicaCount > 1.
    private static Dictionary<string, object> IngressNginx(IngressControllerSpec spec)
    {
        var controller = Map(
            ("replicaCount", spec.Replicas),
            ("ingressClass", spec.EffectiveClassName),
            ("ingressClassResource", Map(
                ("name", spec.EffectiveClassName),
                ("enabled", true),
                ("default", spec.Default),
                ("controllerValue", "k8s.io/ingress-nginx"))),
            ("service", Map(("type", ServiceType(spec.Exposure)))),
            ("hostPort", Map(("enabled", spec.Exposure == IngressExposure.HostPort))));
        if (HasPdb(spec))
            controller["minAvailable"] = 1;
        controller["resources"] = Requests("100m", "90Mi");
        controller["metrics"] = Map(("enabled", true));
        return Map(("controller", controller));
    }

    // contour chart (projectcontour/helm-charts): contour.{manageCRDs,replicaCount,ingressClass,pdb,resources} and
    // envoy.{kind,replicaCount,service,useHostPort,pdb,resources}. Containers run as uid 1001 by the chart's default.
    // manageCRDs is written out: the CRDs are templates of the release, so each upgrade upgrades them (HelmCharts.Contour).
    private static Dictionary<string, object> Contour(IngressControllerSpec spec)
    {
        var contour = Map(
            ("manageCRDs", true),
            ("replicaCount", spec.Replicas),
            ("ingressClass", Map(
                ("name", spec.EffectiveClassName),
                ("create", true),
                ("default", spec.Default))),
            ("pdb", Pdb(spec)),
            ("resources", Requests("50m", "128Mi")));

        var service = Map(("type", ServiceType(spec.Exposure)));
        if (spec.Exposure == IngressExposure.LoadBalancer)
            service["externalTrafficPolicy"] = "Local";
        else if (spec.Exposure == IngressExposure.NodePort)
            service["externalTrafficPolicy"] = "Cluster";

        var hostPorts = spec.Exposure == IngressExposure.HostPort;
        var envoy = Map(
            // A Deployment rather than the chart's default DaemonSet, so Replicas means what it says.
            ("kind", "deployment"),
            ("replicaCount", spec.Replicas),
            ("service", service),
            ("useHostPort", Map(("http", hostPorts), ("https", hostPorts), ("metrics", false))),
            ("pdb", Pdb(spec)),
            ("resources", Requests("100m", "128Mi")));

        return Map(("contour", contour), ("envoy", envoy));

        static Dictionary<string, object> Pdb(IngressControllerSpec spec) => HasPdb(spec)
            ? Map(("create", true), ("maxUnavailable", 1))
            : Map(("create", false));
    }

    // kubernetes-ingress chart (haproxytech): controller.{kind,replicaCount,ingressClass,ingressClassResource,
    // unprivileged,allowPrivilegeEscalation,prometheus,pprof,service,deployment.useHostPort,PodDisruptionBudget,resources}.
    private static Dictionary<string, object> HAProxy(IngressControllerSpec spec)
    {
        var controller = Map(
            ("kind", "Deployment"),
            ("replicaCount", spec.Replicas),
            ("ingressClass", spec.EffectiveClassName),
            ("ingressClassResource", Map(("name", spec.EffectiveClassName), ("default", spec.Default))),
            ("unprivileged", true),
            ("allowPrivilegeEscalation", false),
            // Metrics are served on the stat port (1024) at /metrics; pprof debugging endpoints are switched off.
            ("prometheus", Map(("enabled", true))),
            ("pprof", Map(("enabled", false))),
            ("service", Map(
                ("type", ServiceType(spec.Exposure)),
                // Only HTTP, HTTPS and QUIC on the public Service; stats and admin stay pod-internal.
                ("enablePorts", Map(("stat", false), ("admin", false))))),
            ("deployment", Map(("useHostPort", spec.Exposure == IngressExposure.HostPort))),
            ("PodDisruptionBudget", HasPdb(spec)
                ? Map(("enable", true), ("maxUnavailable", 1))
                : Map(("enable", false))),
            ("resources", Requests("100m", "128Mi")));
        return Map(("controller", controller));
    }

    // emissary-ingress chart (v4): replicaCount, ingressClassResource, service.{type,ports}, podDisruptionBudget,
    // resources, security, createDefaultListeners. Not installable through the catalog yet (OCI-only, CRD step first).
    private static Dictionary<string, object> Emissary(IngressControllerSpec spec)
    {
        var hostPorts = spec.Exposure == IngressExposure.HostPort;
        return Map(
            ("replicaCount", spec.Replicas),
            ("ingressClassResource", Map(
                ("enabled", true),
                ("name", spec.EffectiveClassName),
                ("default", spec.Default),
                ("controllerValue", "getambassador.io/ingress-controller"))),
            ("service", Map(
                ("type", ServiceType(spec.Exposure)),
                ("ports", new object[] { Port("http", 80, 8080, hostPorts), Port("https", 443, 8443, hostPorts) }))),
            ("podDisruptionBudget", HasPdb(spec) ? Map(("maxUnavailable", 1)) : Map()),
            ("resources", Requests("200m", "300Mi")),
            // Pod Security "restricted", which every platform namespace audits and warns at: non-root, no privilege
            // escalation, every capability dropped (Emissary listens on 8080/8443, so it needs none), the runtime's
            // default seccomp profile.
            ("security", Map(
                ("podSecurityContext", RestrictedSecurityContext.Pod(user: 8888)),
                ("containerSecurityContext", RestrictedSecurityContext.Container(readOnlyRootFilesystem: null, seccomp: true)))),
            // Emissary 2+ serves nothing until Listeners exist; the chart's defaults listen on 8080 and 8443.
            ("createDefaultListeners", true),
            // Installed without legacy CRD versions, so there is no conversion webhook (emissary-apiext) to wait for.
            ("waitForApiext", Map(("enabled", false))));

        static Dictionary<string, object> Port(string name, int port, int targetPort, bool hostPort)
        {
            var map = Map(("name", name), ("port", port), ("targetPort", targetPort));
            if (hostPort)
                map["hostPort"] = port;
            return map;
        }
    }
}
