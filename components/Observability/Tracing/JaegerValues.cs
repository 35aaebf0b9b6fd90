using Platform.Components.Networking;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Observability.Tracing;

/// <summary>Helm values for the <c>jaeger</c> chart (<see cref="Catalog.HelmCharts.Jaeger"/>): one Deployment of the
/// Jaeger v2 binary with the platform's configuration (<see cref="JaegerConfiguration"/>) as <c>userconfig</c>, the
/// Service <see cref="ServiceName"/>, and with OpenSearch the chart's index cleaner. Every key is one the chart of the
/// pinned version reads (values-paths.txt); the tree holds only strings, booleans, numbers, nested maps and
/// <c>object[]</c>.</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>Pod Security <c>restricted</c>: a non-root user (the image's 10001), no privilege escalation, every capability
/// dropped, the RuntimeDefault seccomp profile, a read-only root filesystem (Jaeger writes nothing to disk with
/// either storage); no service account token (Jaeger never calls the API server).</item>
/// <item>With the memory storage there is one replica and the chart's <c>Recreate</c> strategy: each replica would
/// hold other traces. With OpenSearch the replicas roll one at a time (<c>maxUnavailable: 0</c>), spread over nodes
/// where they can be.</item>
/// <item>The OpenSearch user comes from the Secret <see cref="CredentialsSecret"/> (key <see cref="UsernameKey"/> as an
/// environment variable, key <see cref="PasswordKey"/> as a file), its CA from the ConfigMap <see cref="CaConfigMap"/>;
/// the values name them, never their contents.</item>
/// <item>Old indices: Jaeger's OpenSearch storage has no retention of its own (its <c>use_ilm</c> is Elasticsearch's
/// ILM, which OpenSearch does not have), so the chart's <c>esIndexCleaner</c> CronJob (jaeger-es-index-cleaner, the
/// tool Jaeger documents for this) deletes the daily indices older than <see cref="TracingOptions.RetentionDays"/> at
/// <see cref="CleanerSchedule"/> UTC, as the same <c>jaeger</c> user (which needs the right to delete its own
/// <c>jaeger-*</c> indices).</item>
/// </list></remarks>
public static class JaegerValues
{
    /// <summary>The chart's full name (<c>fullnameOverride</c>): the Deployment's, the ServiceAccount's and the
    /// Service's.</summary>
    public const string ServiceName = "jaeger";

    /// <summary>The Secret with the OpenSearch user (<see cref="UsernameKey"/>, <see cref="PasswordKey"/>).</summary>
    public const string CredentialsSecret = "jaeger-opensearch";

    /// <summary>The key of the user name in <see cref="CredentialsSecret"/>.</summary>
    public const string UsernameKey = "username";

    /// <summary>The key of the password in <see cref="CredentialsSecret"/>.</summary>
    public const string PasswordKey = "password";

    /// <summary>The ConfigMap with OpenSearch's CA certificate (key <see cref="CaKey"/>).</summary>
    public const string CaConfigMap = "opensearch-ca";

    /// <summary>The key of the CA certificate in <see cref="CaConfigMap"/>.</summary>
    public const string CaKey = "ca.crt";

    /// <summary>The Secret cert-manager writes the UI's certificate to.</summary>
    public const string TlsSecret = "jaeger-tls";

    /// <summary>When the index cleaner runs (cron, UTC): after midnight, when the previous day's index is complete.</summary>
    public const string CleanerSchedule = "15 0 * * *";

    /// <summary>The Service's name of the metrics port, for the ServiceMonitor.</summary>
    public const string MetricsPortName = "internal-metrics";

    /// <summary>The labels of the chart's Service (and pods): <c>jaeger.selectorLabels</c> plus the component.</summary>
    public static IReadOnlyDictionary<string, string> ServiceLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = "jaeger",
        ["app.kubernetes.io/instance"] = "jaeger",
        ["app.kubernetes.io/component"] = "all-in-one",
    };

    /// <summary>The replicas <paramref name="options"/> run: one unless set.</summary>
    public static int Replicas(TracingOptions options) => options.Replicas ?? 1;

    /// <summary>The pod label holding the first 16 hex digits of the SHA-256 of Jaeger's rendered configuration.</summary>
    public const string ConfigDigestLabel = "platform/config-digest";

    private static string ConfigDigest(object config) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(config)))[..16];

    /// <summary>The values for <paramref name="options"/> in a stack with <paramref name="inputs"/>.</summary>
    /// <exception cref="ArgumentException">The options are not valid, or ask for several replicas of the memory
    /// storage.</exception>
    public static IReadOnlyDictionary<string, object> Render(TracingOptions options, JaegerInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        var config = JaegerConfiguration.Render(options, inputs.OpenSearch);
        var replicas = Replicas(options);
        if (inputs.OpenSearch is null && replicas > 1)
            throw new ArgumentException($"Tracing options are not valid: replicas {replicas} need the OpenSearch storage (the logging capability); each replica's memory storage would hold other traces. Set replicas to 1, or switch logging on.", nameof(options));

        var jaeger = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["replicas"] = replicas,
            ["resources"] = Map(
                ("requests", Map(("cpu", options.CpuRequest), ("memory", options.MemoryRequest))),
                ("limits", Map(("memory", options.MemoryLimit)))),
            ["podSecurityContext"] = RestrictedSecurityContext.Pod(10001, 10001, 10001),
            ["securityContext"] = RestrictedContainer(),
            ["serviceAccount"] = Map(("automountServiceAccountToken", false)),
            // The chart mounts the configuration with subPath and its pod template carries no checksum of it, so a
            // changed configuration would reach no pod: its digest in a pod label rolls the pods when, and only when, it
            // changes.
            ["podLabels"] = Map((ConfigDigestLabel, ConfigDigest(config))),
            ["service"] = Map(("extraPorts", new object[]
            {
                Map(("name", "sampling-grpc"), ("port", JaegerConfiguration.SamplingGrpcPort), ("targetPort", JaegerConfiguration.SamplingGrpcPort), ("protocol", "TCP")),
            })),
        };
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["fullnameOverride"] = ServiceName,
            ["userconfig"] = config,
            ["jaeger"] = jaeger,
        };
        if (inputs.OpenSearch is { } openSearch)
        {
            jaeger["strategy"] = Map(("type", "RollingUpdate"), ("rollingUpdate", Map(("maxUnavailable", 0), ("maxSurge", 1))));
            jaeger["affinity"] = Map(("podAntiAffinity", Map(("preferredDuringSchedulingIgnoredDuringExecution", new object[]
            {
                Map(("weight", 100), ("podAffinityTerm", Map(
                    ("topologyKey", "kubernetes.io/hostname"),
                    ("labelSelector", Map(("matchLabels", ServiceLabels.ToDictionary(kv => kv.Key, kv => (object)kv.Value, StringComparer.Ordinal))))))),
            }))));
            jaeger["extraEnv"] = new object[] { SecretEnv(JaegerConfiguration.UsernameVariable, UsernameKey) };
            jaeger["extraVolumes"] = new object[]
            {
                Map(("name", "opensearch-credentials"), ("secret", Map(("secretName", CredentialsSecret),
                    ("items", new object[] { Map(("key", PasswordKey), ("path", Path.GetFileName(JaegerConfiguration.PasswordFile))) })))),
                Map(("name", "opensearch-ca"), ("configMap", Map(("name", CaConfigMap)))),
            };
            jaeger["extraVolumeMounts"] = new object[]
            {
                Map(("name", "opensearch-credentials"), ("mountPath", Path.GetDirectoryName(JaegerConfiguration.PasswordFile)!), ("readOnly", true)),
                Map(("name", "opensearch-ca"), ("mountPath", Path.GetDirectoryName(JaegerConfiguration.CaFile)!), ("readOnly", true)),
            };
            // The maintenance jobs read storage.elasticsearch.url (the cleaner's URL argument); no user or password there:
            // those come from the Secret through extraEnv.
            values["storage"] = Map(("type", "elasticsearch"), ("elasticsearch", Map(("url", openSearch.Endpoint))));
            values["esIndexCleaner"] = Map(
                ("enabled", true),
                ("numberOfDays", options.RetentionDays),
                ("schedule", CleanerSchedule),
                ("podSecurityContext", RestrictedSecurityContext.Pod(10001, 10001)),
                ("securityContext", RestrictedContainer()),
                ("resources", Map(("requests", Map(("cpu", "10m"), ("memory", "32Mi"))), ("limits", Map(("memory", "128Mi"))))),
                ("extraEnv", new object[]
                {
                    SecretEnv("ES_USERNAME", UsernameKey),
                    SecretEnv("ES_PASSWORD", PasswordKey),
                    Map(("name", "ES_TLS_ENABLED"), ("value", "true")),
                    Map(("name", "ES_TLS_CA"), ("value", JaegerConfiguration.CaFile)),
                    Map(("name", "INDEX_PREFIX"), ("value", JaegerConfiguration.IndexPrefix)),
                }),
                ("extraConfigmapMounts", new object[]
                {
                    Map(("name", "opensearch-ca"), ("mountPath", JaegerConfiguration.CaFile), ("subPath", CaKey), ("readOnly", true), ("configMap", CaConfigMap)),
                }));
        }
        if (UiUrl(options, inputs) is not null)
        {
            var host = options.Host!;
            var ingress = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["enabled"] = true,
                ["ingressClassName"] = inputs.IngressClass!,
                ["hosts"] = new object[] { host },
                ["pathType"] = "Prefix",
            };
            if (inputs.ClusterIssuer is { } issuer)
            {
                ingress["annotations"] = Map(("cert-manager.io/cluster-issuer", issuer));
                ingress["tls"] = new object[] { Map(("secretName", TlsSecret), ("hosts", new object[] { host })) };
            }
            jaeger["ingress"] = ingress;
        }
        return values;
    }

    /// <summary>The UI's URL: https with a cluster issuer, http without; null without a hostname or an ingress class.</summary>
    public static string? UiUrl(TracingOptions options, JaegerInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputs);
        if (options.Host is not { } host || inputs.IngressClass is null) return null;
        return $"{(inputs.ClusterIssuer is null ? "http" : "https")}://{host}/";
    }

    private static Dictionary<string, object> RestrictedContainer() => RestrictedSecurityContext.Container(runAsNonRoot: true, seccomp: true);

    private static Dictionary<string, object> SecretEnv(string name, string key) =>
        Map(("name", name), ("valueFrom", Map(("secretKeyRef", Map(("name", CredentialsSecret), ("key", key))))));
}
