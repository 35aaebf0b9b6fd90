using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.ServiceMesh;

/// <summary>Helm values for the <c>consul</c> chart (<see cref="Catalog.HelmCharts.Consul"/>): Consul servers with
/// Connect (the service mesh) and nothing else (no UI, no catalog sync, no clients: Consul on Kubernetes 1.x+ runs
/// consul-dataplane beside each proxy instead of client agents).</summary>
/// <remarks>Choices that are not options:
/// <list type="bullet">
/// <item>ACLs: <c>global.acls.manageSystemACLs</c>: the chart's server-acl-init Job bootstraps the ACL system and keeps
/// the bootstrap token in the Secret <c>consul-bootstrap-acl-token</c> of the namespace. The token never passes through
/// Pulumi (not in the values, not in the state): whoever may read Secrets in that namespace holds it.</item>
/// <item>TLS: <c>global.tls.enabled</c> with auto-encrypt and <c>httpsOnly</c>; the chart's tls-init Job generates the
/// CA into a Secret of the namespace. Gossip encryption: the chart generates the key (<c>autoGenerate</c>).</item>
/// <item>Transparent proxy for every pod of the allowed namespaces (<c>connectInject.default</c>,
/// <c>transparentProxy.defaultEnabled</c>), with the redirection set up by the Consul CNI plugin
/// (<c>connectInject.cni.enabled</c>, in <see cref="ServiceMeshLayer.ConsulCniNamespace"/>) instead of an init
/// container with NET_ADMIN, which the baseline and restricted Pod Security levels refuse.</item>
/// <item>The Gateway API CRDs are the cluster's shared install (<c>connectInject.apiGateway.manageExternalCRDs:
/// false</c>): the chart's own copies are of Gateway API v0.6.2 and would clash with them.</item>
/// </list></remarks>
public static class ConsulValues
{
    /// <summary>The values for <paramref name="options"/> (its server replicas and volume size) with the servers' volumes
    /// on <paramref name="storageClass"/>; <paramref name="metrics"/>: Consul's and the proxies' Prometheus metrics
    /// (<c>global.metrics</c>).</summary>
    /// <exception cref="ArgumentException">The options are not valid Consul options.</exception>
    public static IReadOnlyDictionary<string, object> Render(ServiceMeshOptions options, string storageClass, bool metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageClass);
        if (options.Provider != MeshProvider.Consul)
            throw new ArgumentException("Consul values need provider consul.", nameof(options));
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException($"Consul: {string.Join(" ", problems)}", nameof(options));

        var namespaces = options.Namespaces.Cast<object>().ToArray();
        return Map(
            ("global", Map(
                ("name", "consul"),
                ("datacenter", "dc1"),
                ("acls", Map(("manageSystemACLs", true))),
                ("tls", Map(("enabled", true), ("enableAutoEncrypt", true), ("httpsOnly", true), ("verify", true))),
                ("gossipEncryption", Map(("autoGenerate", true))),
                ("metrics", Map(("enabled", metrics))),
                // On by default, it makes the connect injector's gateway controller watch TCPRoute, whose CRD neither the
                // cluster's Gateway API bundle (standard channel) nor this chart (its CRD flags below are off) installs:
                // the watch would fail and the injector crash-loop (consul-k8s v2.0.3 connect-inject-deployment.yaml,
                // gateway_controller.go).
                ("crds", Map(("enableTcpRoute", false))))),
            ("server", Map(
                ("replicas", options.ConsulServerReplicas),
                ("bootstrapExpect", options.ConsulServerReplicas),
                ("storage", options.ConsulStorageSize),
                ("storageClass", storageClass))),
            ("ui", Map(("enabled", false))),
            ("connectInject", Map(
                ("enabled", true),
                ("default", true),
                ("k8sAllowNamespaces", namespaces),
                ("k8sDenyNamespaces", Array.Empty<object>()),
                ("transparentProxy", Map(("defaultEnabled", true))),
                ("cni", Map(("enabled", true), ("namespace", ServiceMeshLayer.ConsulCniNamespace))),
                ("metrics", Map(("defaultEnabled", metrics))),
                ("apiGateway", Map(("manageExternalCRDs", false), ("manageNonStandardCRDs", false))))));
    }
}
