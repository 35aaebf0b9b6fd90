using Platform.Components.Networking;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Secrets.ExternalSecrets;

/// <summary>Helm values for the External Secrets Operator (<see cref="Catalog.HelmCharts.ExternalSecrets"/>). Every key is
/// one the chart of the pinned version reads (checked against its values-paths by the tests and chart-check). The tree
/// holds only string, bool, int and nested <see cref="Dictionary{TKey, TValue}"/>, never null, and nothing secret.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>The CRDs are the program's (<c>installCRDs</c> false, <see cref="Catalog.CrdInstall.Manifests"/>), without a
/// conversion webhook (only v1 is served).</item>
/// <item>The controller, the webhook and the cert controller run as a non-root user with no privilege escalation, no
/// capabilities, a read-only root filesystem and the runtime's seccomp profile (the restricted level), with bounded
/// resources. One replica each: the webhook only validates the operator's own kinds, and a restarted controller catches
/// up on every ExternalSecret at its next refresh.</item>
/// <item>With monitoring, the chart's three ServiceMonitors (controller, webhook, cert controller) are rendered or the
/// release fails (<c>renderMode: failIfMissing</c>): the release waits for the Prometheus Operator's CRDs, so a missing
/// CRD is an error, never silently no metrics.</item>
/// <item>Nothing but Vault is a provider on this platform, but the operator is not limited to one: teams may add stores of
/// other providers, whose egress their platform team then allows (the namespace allows Vault only).</item>
/// </list></remarks>
public static class ExternalSecretsValues
{
    /// <summary>The port every component serves metrics on (controller, webhook and cert controller).</summary>
    public const int MetricsPort = 8080;

    /// <summary>The webhook's container port, which the API server calls.</summary>
    public const int WebhookPort = 10250;

    /// <summary>The controller's ServiceAccount (the release's full name, <c>external-secrets</c>), which the platform's
    /// ClusterSecretStore logs in to Vault as.</summary>
    public const string ControllerServiceAccount = "external-secrets";

    /// <summary>The values; <paramref name="monitoring"/> adds the ServiceMonitors (they need the Prometheus Operator's
    /// CRDs).</summary>
    public static IReadOnlyDictionary<string, object> Render(bool monitoring)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["installCRDs"] = false,
            ["crds"] = Map(("conversion", Map(("enabled", false)))),
            ["replicaCount"] = 1,
            ["serviceAccount"] = Map(("create", true), ("name", ControllerServiceAccount)),
            ["securityContext"] = ContainerSecurityContext(),
            ["resources"] = Resources("50m", "64Mi", "256Mi"),
            ["serviceMonitor"] = ServiceMonitor(monitoring),
            ["metrics"] = Map(("listen", Map(("port", MetricsPort)))),
            ["webhook"] = Map(
                ("create", true),
                ("replicaCount", 1),
                ("port", WebhookPort),
                ("failurePolicy", "Fail"),
                ("securityContext", ContainerSecurityContext()),
                ("resources", Resources("10m", "32Mi", "128Mi")),
                ("metrics", Map(("listen", Map(("port", MetricsPort)))))),
            ["certController"] = Map(
                ("create", true),
                ("replicaCount", 1),
                ("securityContext", ContainerSecurityContext()),
                ("resources", Resources("10m", "32Mi", "128Mi")),
                ("metrics", Map(("listen", Map(("port", MetricsPort)))))),
        };
        return values;
    }

    private static Dictionary<string, object> ServiceMonitor(bool monitoring) => monitoring
        ? Map(("enabled", true), ("renderMode", "failIfMissing"))
        : Map(("enabled", false));

    // The chart's own defaults, pinned here so the restricted level does not hang on them: every container runs as a
    // non-root user (1000) with no privilege escalation, no capabilities, a read-only root filesystem and the runtime's
    // seccomp profile. The pod-level contexts stay the chart's (nothing but "enabled", so none is rendered): the
    // container-level one carries everything the restricted level asks for.
    private static IReadOnlyDictionary<string, object> ContainerSecurityContext() =>
        Merge(Map(("enabled", true)), RestrictedSecurityContext.Container(runAsNonRoot: true, user: 1000, seccomp: true));

    private static Dictionary<string, object> Resources(string cpu, string memory, string memoryLimit) => Map(
        ("requests", Map(("cpu", cpu), ("memory", memory))),
        ("limits", Map(("memory", memoryLimit))));
}
