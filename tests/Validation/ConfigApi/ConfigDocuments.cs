using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>
/// Decodes the configuration documents the platform writes (kubeadm, kubelet, kube-proxy, API server and admission
/// plugin files) strictly into the records of this folder, choosing the record by <c>apiVersion</c> and <c>kind</c>.
/// An unknown <c>apiVersion</c>/<c>kind</c>, one that the given Kubernetes minor does not accept, an unknown field, a
/// missing required field, a wrong scalar type or a value outside a closed set all throw <see cref="JsonException"/>
/// (a duplicate key already fails reading the YAML, with <see cref="YamlDotNet.Core.YamlException"/>). The records hold only the fields the platform writes, each checked against the upstream
/// Go type: a field the platform starts to write fails here until its record gains it (after checking upstream).
/// </summary>
public static class ConfigDocuments
{
    /// <summary>The oldest minor (1.x) the upstream sources were checked for: tag v1.30.0.</summary>
    public const int CheckedFromMinor = 30;

    /// <summary>The newest minor (1.x) the upstream sources were checked for: v1.36.0, and v1.37.0-beta.0 (a
    /// pre-release) where the staging repositories carry it. A supported minor beyond it needs the records
    /// re-checked.</summary>
    public const int CheckedThroughMinor = 37;

    private const string Kubeadm = "kubeadm.k8s.io/";

    /// <summary>Every kind the platform writes, with the record it is decoded into.</summary>
    public static IReadOnlyList<ConfigApiKind> Kinds { get; } =
    [
        KubeadmV1Beta3("InitConfiguration", typeof(KubeadmV1Beta3InitConfiguration)),
        KubeadmV1Beta3("ClusterConfiguration", typeof(KubeadmV1Beta3ClusterConfiguration)),
        KubeadmV1Beta3("JoinConfiguration", typeof(KubeadmV1Beta3JoinConfiguration)),
        KubeadmV1Beta4("InitConfiguration", typeof(KubeadmV1Beta4InitConfiguration)),
        KubeadmV1Beta4("ClusterConfiguration", typeof(KubeadmV1Beta4ClusterConfiguration)),
        KubeadmV1Beta4("JoinConfiguration", typeof(KubeadmV1Beta4JoinConfiguration)),
        new("kubelet.config.k8s.io/v1beta1", "KubeletConfiguration", typeof(KubeletConfiguration),
            "staging/src/k8s.io/kubelet/config/v1beta1/types.go"),
        new("kubeproxy.config.k8s.io/v1alpha1", "KubeProxyConfiguration", typeof(KubeProxyConfiguration),
            "staging/src/k8s.io/kube-proxy/config/v1alpha1/types.go"),
        new("apiserver.config.k8s.io/v1", "EncryptionConfiguration", typeof(EncryptionConfiguration),
            "staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types_encryption.go"),
        new("apiserver.config.k8s.io/v1", "AdmissionConfiguration", typeof(AdmissionConfiguration),
            "staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go"),
        // v1 from 1.34 (structured authentication configuration GA, KEP-3331: kubernetes/enhancements#3331, stable in
        // v1.34); v1beta1 served 1.30 to 1.33, which the platform does not write.
        new("apiserver.config.k8s.io/v1", "AuthenticationConfiguration", typeof(AuthenticationConfiguration),
            "staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go") { ServedFromMinor = 34 },
        new("pod-security.admission.config.k8s.io/v1", "PodSecurityConfiguration", typeof(PodSecurityConfiguration),
            "staging/src/k8s.io/pod-security-admission/admission/api/v1/types.go"),
        new("eventratelimit.admission.k8s.io/v1alpha1", "Configuration", typeof(EventRateLimitConfiguration),
            "plugin/pkg/admission/eventratelimit/apis/eventratelimit/v1alpha1/types.go"),
        new("audit.k8s.io/v1", "Policy", typeof(AuditPolicy), "staging/src/k8s.io/apiserver/pkg/apis/audit/v1/types.go"),
    ];

    /// <summary>The embedded configuration kinds each admission plugin reads from its <c>configuration</c>
    /// field.</summary>
    public static IReadOnlyDictionary<string, Type> AdmissionPluginConfigurations { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["PodSecurity"] = typeof(PodSecurityConfiguration),
        ["EventRateLimit"] = typeof(EventRateLimitConfiguration),
    };

    /// <summary>Decodes every document of a YAML stream (read as Kubernetes reads YAML, <see cref="KubeYaml"/>) for
    /// Kubernetes <paramref name="minor"/> (<c>1.34</c>).</summary>
    /// <exception cref="JsonException">A document is empty, unknown, not accepted by that minor, or does not decode
    /// strictly.</exception>
    public static IReadOnlyList<ConfigTypeMeta> DecodeStream(string yaml, string minor) =>
        KubeYaml.Documents(yaml).Select(node => Decode(node, minor)).ToList();

    /// <summary>Decodes the only document of <paramref name="yaml"/> as <typeparamref name="T"/> for Kubernetes
    /// <paramref name="minor"/>.</summary>
    /// <exception cref="JsonException">See <see cref="DecodeStream"/>; also when the document is not a <typeparamref
    /// name="T"/>.</exception>
    public static T DecodeSingle<T>(string yaml, string minor)
        where T : ConfigTypeMeta
    {
        var documents = DecodeStream(yaml, minor);
        if (documents.Count != 1)
            throw new JsonException($"Expected one document, found {documents.Count}.");
        return documents[0] as T ?? throw new JsonException($"Expected a {typeof(T).Name}, found a {documents[0].GetType().Name}.");
    }

    /// <summary>Decodes one document for Kubernetes <paramref name="minor"/> (<c>1.34</c>): its kind must be known and
    /// accepted by that minor, and so must the kind of every embedded admission plugin configuration.</summary>
    /// <exception cref="JsonException">See <see cref="DecodeStream"/>.</exception>
    public static ConfigTypeMeta Decode(JsonNode? node, string minor)
    {
        var minorNumber = MinorNumber(minor);
        var document = Decode(node);
        RequireServed(document, minorNumber);
        if (document is AdmissionConfiguration admission)
            foreach (var plugin in admission.Plugins ?? [])
                if (plugin.Configuration is { } embedded)
                {
                    RequireServed(embedded, minorNumber);
                    if (!AdmissionPluginConfigurations.TryGetValue(plugin.Name, out var expected) || embedded.GetType() != expected)
                        throw new JsonException($"Admission plugin '{plugin.Name}' does not read a {embedded.ApiVersion} {embedded.Kind}.");
                }
        return document;
    }

    /// <summary>Decodes one document of any kind in <see cref="Kinds"/>, whatever the Kubernetes version.</summary>
    /// <exception cref="JsonException">The document is not an object, its kind is unknown, or it does not decode
    /// strictly.</exception>
    public static ConfigTypeMeta Decode(JsonNode? node)
    {
        if (node is not JsonObject document)
            throw new JsonException($"A configuration document must be a mapping, found {node?.GetValueKind().ToString() ?? "an empty document"}.");
        var apiVersion = TypeField(document, "apiVersion");
        var kind = TypeField(document, "kind");
        var entry = Kinds.SingleOrDefault(k => k.ApiVersion == apiVersion && k.Kind == kind)
            ?? throw new JsonException($"Unknown configuration document apiVersion '{apiVersion}', kind '{kind}': no record for it in tests/Validation/ConfigApi.");
        return (ConfigTypeMeta)StrictJson.Decode(document, entry.RecordType);
    }

    /// <summary>The kind for a decoded document.</summary>
    public static ConfigApiKind KindOf(ConfigTypeMeta document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Kinds.Single(k => k.ApiVersion == document.ApiVersion && k.Kind == document.Kind);
    }

    /// <summary>The minor number of <c>1.34</c> (34).</summary>
    /// <exception cref="ArgumentException">Not <c>1.N</c>.</exception>
    public static int MinorNumber(string minor)
    {
        ArgumentNullException.ThrowIfNull(minor);
        var parts = minor.Split('.');
        return parts.Length == 2 && parts[0] == "1" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"'{minor}' is not a Kubernetes minor version like 1.34.", nameof(minor));
    }

    private static void RequireServed(ConfigTypeMeta document, int minor)
    {
        var entry = KindOf(document);
        if (!entry.IsServedIn(minor))
            throw new JsonException($"Kubernetes 1.{minor} does not accept {entry.ApiVersion} {entry.Kind} "
                + $"(accepted from 1.{entry.ServedFromMinor?.ToString(CultureInfo.InvariantCulture) ?? "?"} "
                + $"through 1.{entry.ServedThroughMinor?.ToString(CultureInfo.InvariantCulture) ?? "latest"}).");
    }

    private static string TypeField(JsonObject document, string name) =>
        document[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new JsonException($"The document has no string '{name}'.");

    // kubeadm's configuration loader (cmd/kubeadm/app/util/config/common.go, validateSupportedVersion): v1beta3 from
    // 1.22, deprecated (accepted with a warning) from 1.31 when v1beta4 arrived (kubernetes/kubernetes#125029, "v1beta3 is
    // now marked as deprecated but will continue to be supported until version 1.34 or later"), removed in 1.37
    // (CHANGELOG/CHANGELOG-1.37.md, v1.37.0-alpha.1: "Kubeadm: removed the v1beta3 API", kubernetes/kubernetes#136016).
    private static ConfigApiKind KubeadmV1Beta3(string kind, Type type) =>
        new(Kubeadm + "v1beta3", kind, type, "cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go")
        {
            ServedThroughMinor = 36,
            DeprecatedFromMinor = 31,
        };

    // v1beta4: enabled in 1.31 (kubernetes/kubernetes#125029; v1beta4/doc.go: "kubeadm v1.31.x and newer can be used to
    // migrate from v1beta3 to v1beta4"); the only kubeadm API from 1.37 (a v1 placeholder exists there but is experimental).
    private static ConfigApiKind KubeadmV1Beta4(string kind, Type type) =>
        new(Kubeadm + "v1beta4", kind, type, "cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go") { ServedFromMinor = 31 };
}
