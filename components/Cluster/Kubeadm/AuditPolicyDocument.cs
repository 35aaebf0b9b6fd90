using static Platform.Components.Cluster.Kubeadm.KubeadmYaml;

namespace Platform.Components.Cluster.Kubeadm;

/// <summary>The API server's audit policy. The first matching rule decides the level, so the order matters: drop
/// high-volume system traffic, keep secrets at metadata, record security-relevant changes in full, every other change
/// with its request, and everything else (reads) as metadata.</summary>
internal static class AuditPolicyDocument
{
    private static readonly string[] Writes = ["create", "update", "patch", "delete", "deletecollection"];

    public static Dictionary<string, object?> Build() => Map(
        ("apiVersion", "audit.k8s.io/v1"),
        ("kind", "Policy"),
        ("omitStages", new[] { "RequestReceived" }),
        ("rules", new object[]
        {
            // Probes and metrics scrapes carry nothing worth auditing.
            Map(("level", "None"), ("nonResourceURLs", new[] { "/healthz*", "/livez*", "/readyz*", "/version", "/version/*", "/metrics" })),
            // Events are high-volume and low-value; their creation is bounded by EventRateLimit.
            Map(("level", "None"), ("resources", new[] { Group("", "events"), Group("events.k8s.io", "events") })),
            // kube-proxy watching the service topology.
            Map(("level", "None"), ("users", new[] { "system:kube-proxy" }), ("verbs", new[] { "watch" }),
                ("resources", new[] { Group("", "endpoints", "services", "services/status"), Group("discovery.k8s.io", "endpointslices") })),
            // Kubelets reading their node objects and renewing their leases.
            Map(("level", "None"), ("userGroups", new[] { "system:nodes" }), ("verbs", new[] { "get" }),
                ("resources", new[] { Group("", "nodes", "nodes/status") })),
            Map(("level", "None"), ("userGroups", new[] { "system:nodes" }), ("verbs", new[] { "get", "update" }),
                ("resources", new[] { Group("coordination.k8s.io", "leases") })),
            // Leader election of the control-plane components.
            Map(("level", "None"), ("users", new[] { "system:kube-controller-manager", "system:kube-scheduler" }),
                ("verbs", new[] { "get", "update" }), ("namespaces", new[] { "kube-system" }),
                ("resources", new[] { Group("coordination.k8s.io", "leases") })),
            // The API server checking namespaces.
            Map(("level", "None"), ("users", new[] { "system:apiserver" }), ("verbs", new[] { "get" }),
                ("resources", new[] { Group("", "namespaces", "namespaces/status", "namespaces/finalize") })),
            // Secrets, config maps and tokens: metadata only, so no secret data is ever logged.
            Map(("level", "Metadata"), ("resources", new[]
            {
                Group("", "secrets", "configmaps", "serviceaccounts/token"),
                Group("authentication.k8s.io", "tokenreviews"),
            })),
            // Interactive access into pods, services and nodes (request bodies are streams).
            Map(("level", "Metadata"), ("resources", new[]
            {
                Group("", "pods/exec", "pods/attach", "pods/portforward", "pods/proxy", "services/proxy", "nodes/proxy"),
            })),
            // Who may do what, admission webhooks and certificates: request and response in full.
            Map(("level", "RequestResponse"), ("verbs", Writes), ("resources", new[]
            {
                Group("rbac.authorization.k8s.io"),
                Group("admissionregistration.k8s.io"),
                Group("certificates.k8s.io"),
            })),
            // Kubelets' frequent status updates: metadata.
            Map(("level", "Metadata"), ("userGroups", new[] { "system:nodes" }), ("verbs", new[] { "update", "patch" }),
                ("resources", new[] { Group("", "nodes/status", "pods/status") })),
            // Every other change (pods, deployments, ...): who sent what.
            Map(("level", "Request"), ("verbs", Writes)),
            // Everything else, reads included: metadata.
            Map(("level", "Metadata")),
        }));

    private static Dictionary<string, object?> Group(string group, params string[] resources) =>
        resources.Length == 0 ? Map(("group", group)) : Map(("group", group), ("resources", resources));
}
