using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Identity;

/// <summary>The dex chart's values (<see cref="Catalog.HelmCharts.Dex"/>): Dex's configuration
/// (<see cref="DexConfiguration"/>, no secret in it), its secrets from the layer's Secret by <c>envFrom</c>, the issuer
/// on the default IngressClass with cert-manager's certificate, restricted Pod Security, and the ServiceMonitor with
/// monitoring on. The chart's own NetworkPolicy stays off: the platform namespace carries the policies.</summary>
public static class DexValues
{
    /// <summary>The Secret with the connectors' and the static clients' secrets, one environment variable per key.</summary>
    public const string SecretsName = "dex-secrets";

    /// <summary>The Secret cert-manager writes the issuer's certificate to.</summary>
    public const string TlsSecret = "dex-tls";

    /// <summary>The labels of Dex's pods (the chart's selector labels, release name <c>dex</c>).</summary>
    public static IReadOnlyDictionary<string, string> PodLabels { get; } = new Dictionary<string, string>
    {
        ["app.kubernetes.io/name"] = "dex",
        ["app.kubernetes.io/instance"] = "dex",
    };

    /// <summary>The values for <paramref name="options"/> and <paramref name="inputs"/>.</summary>
    public static Dictionary<string, object> Render(AuthenticationOptions options, DexInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Replicas is < 1 or > 5)
            throw new ArgumentException($"Dex runs 1 to 5 replicas, not {inputs.Replicas}.", nameof(inputs));
        var values = new Dictionary<string, object>
        {
            ["replicaCount"] = inputs.Replicas,
            ["config"] = DexConfiguration.Render(options, inputs.Clients),
            ["envFrom"] = new object[] { Map(("secretRef", Map(("name", SecretsName)))) },
            ["podSecurityContext"] = Map(("runAsNonRoot", true), ("seccompProfile", Map(("type", "RuntimeDefault")))),
            // The image runs as 1001:1001 (dexidp/dex Dockerfile USER); nothing is written to its file system.
            ["securityContext"] = Map(
                ("allowPrivilegeEscalation", false),
                ("readOnlyRootFilesystem", true),
                ("runAsNonRoot", true),
                ("runAsUser", 1001),
                ("runAsGroup", 1001),
                ("capabilities", Map(("drop", new object[] { "ALL" })))),
            ["resources"] = Map(
                ("requests", Map(("cpu", "50m"), ("memory", "64Mi"))),
                ("limits", Map(("memory", "256Mi")))),
            ["ingress"] = Map(
                ("enabled", true),
                ("className", inputs.IngressClass),
                ("annotations", Map(("cert-manager.io/cluster-issuer", inputs.ClusterIssuer))),
                ("hosts", new object[] { Map(("host", options.Host), ("paths", new object[] { Map(("path", "/"), ("pathType", "Prefix")) })) }),
                ("tls", new object[] { Map(("secretName", TlsSecret), ("hosts", new object[] { options.Host })) })),
            ["serviceMonitor"] = Map(("enabled", inputs.ServiceMonitor), ("interval", "30s")),
            ["networkPolicy"] = Map(("enabled", false)),
        };
        if (inputs.Replicas > 1)
        {
            values["podDisruptionBudget"] = Map(("enabled", true), ("maxUnavailable", 1));
            values["topologySpreadConstraints"] = new object[]
            {
                Map(("maxSkew", 1), ("topologyKey", "kubernetes.io/hostname"), ("whenUnsatisfiable", "ScheduleAnyway"),
                    ("labelSelector", Map(("matchLabels", PodLabels.ToDictionary(kv => kv.Key, kv => (object)kv.Value))))),
            };
        }
        return values;
    }
}
