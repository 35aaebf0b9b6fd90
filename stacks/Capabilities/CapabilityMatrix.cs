using Platform.Stacks.Configuration;
using static Platform.Stacks.Capabilities.CapabilityLevel;

namespace Platform.Stacks.Capabilities;

/// <summary>The capability matrix: which platform capabilities exist, which systems provide them and how much each
/// tier needs them (DESIGN.md's tier table as data). <see cref="Default"/> is the matrix Platform deploys from;
/// tests build their own, e.g. with <see cref="WithAvailability"/>.</summary>
public sealed class CapabilityMatrix
{
    /// <summary>The capabilities this version of Platform can deploy; every other row is
    /// <see cref="CapabilityAvailability.Planned"/>. When a layer lands, add its capability ids here.</summary>
    private static readonly string[] AvailableInThisVersion =
        [CapabilityIds.Installation, CapabilityIds.Cni, CapabilityIds.Ingress, CapabilityIds.Certificates, CapabilityIds.ExternalDns,
            CapabilityIds.ClusterMetrics, CapabilityIds.Storage, CapabilityIds.Monitoring, CapabilityIds.NonRootContainers, CapabilityIds.Backup,
            CapabilityIds.Logging, CapabilityIds.PolicyEnforcement, CapabilityIds.ImageScanning, CapabilityIds.Tracing, CapabilityIds.SecurityAudits,
            CapabilityIds.GitOps, CapabilityIds.UserInterface, CapabilityIds.Authentication, CapabilityIds.SecretManagement, CapabilityIds.ServiceMesh];

    private readonly Dictionary<string, CapabilityDefinition> byId;

    /// <summary>Creates a matrix from its rows, kept in the given order.</summary>
    /// <param name="capabilities">The rows; ids must be non-empty and unique.</param>
    /// <exception cref="ArgumentException">A row is null, has an empty id, or repeats an id.</exception>
    public CapabilityMatrix(IEnumerable<CapabilityDefinition> capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var rows = capabilities.ToList();
        byId = new Dictionary<string, CapabilityDefinition>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row is null || string.IsNullOrWhiteSpace(row.Id))
            {
                throw new ArgumentException("Every capability needs an id.", nameof(capabilities));
            }

            if (!byId.TryAdd(row.Id, row))
            {
                throw new ArgumentException($"Capability id '{row.Id}' appears more than once.", nameof(capabilities));
            }
        }

        All = rows.AsReadOnly();
        Ids = byId.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The matrix of this version of Platform: the 21 rows of DESIGN.md's tier table, in table order.</summary>
    public static CapabilityMatrix Default { get; } = new(DefaultRows().Select(row => row with
    {
        Availability = AvailableInThisVersion.Contains(row.Id, StringComparer.Ordinal)
            ? CapabilityAvailability.Available
            : CapabilityAvailability.Planned,
    }));

    /// <summary>Every capability, in matrix order.</summary>
    public IReadOnlyList<CapabilityDefinition> All { get; }

    /// <summary>The ids of all capabilities.</summary>
    public IReadOnlySet<string> Ids { get; }

    /// <summary>The capability with id <paramref name="id"/> (case-sensitive), or null.</summary>
    /// <param name="id">A capability id, e.g. <c>tracing</c>.</param>
    /// <returns>The capability, or null when there is none with that id.</returns>
    public CapabilityDefinition? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return byId.TryGetValue(id, out var capability) ? capability : null;
    }

    /// <summary>A copy of this matrix in which the capabilities <paramref name="ids"/> have <paramref name="availability"/>.</summary>
    /// <param name="availability">The availability to set.</param>
    /// <param name="ids">Capability ids of this matrix.</param>
    /// <returns>The new matrix.</returns>
    /// <exception cref="ArgumentException">An id is not in this matrix.</exception>
    public CapabilityMatrix WithAvailability(CapabilityAvailability availability, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var selected = ids.ToHashSet(StringComparer.Ordinal);
        if (selected.FirstOrDefault(id => !byId.ContainsKey(id)) is { } unknown)
        {
            throw new ArgumentException($"'{unknown}' is not a capability of this matrix.", nameof(ids));
        }

        return new CapabilityMatrix(All.Select(row => selected.Contains(row.Id) ? row with { Availability = availability } : row));
    }

    private static CapabilityDefinition Row(
        string id,
        string title,
        CapabilityLevel small,
        CapabilityLevel medium,
        CapabilityLevel enterprise,
        string purpose,
        params string[] systems) => new()
        {
            Id = id,
            Title = title,
            SmallLevel = small,
            MediumLevel = medium,
            EnterpriseLevel = enterprise,
            Purpose = purpose,
            Systems = systems,
        };

    /// <summary>DESIGN.md's tier table (M mandatory, R recommended, O optional, C when stateful), row by row.</summary>
    private static IEnumerable<CapabilityDefinition> DefaultRows() =>
    [
        Row(CapabilityIds.Installation, "Installation", Mandatory, Mandatory, Mandatory,
            "Have a robust and automated way of managing your clusters.",
            "kubeadm", "Ubuntu", "Flatcar Container Linux (successor of CoreOS)"),
        Row(CapabilityIds.ClusterAutoscaler, "Cluster autoscaler", Optional, Optional, Recommended,
            "Scale the platform up and down automatically.",
            "cluster-autoscaler (Cluster API provider)"),
        Row(CapabilityIds.Cni, "Network (CNI)", Mandatory, Mandatory, Mandatory,
            "Connect containers, with NetworkPolicy support and optional features such as encryption.",
            "Cilium", "Calico"),
        Row(CapabilityIds.Ingress, "Ingress", Mandatory, Mandatory, Mandatory,
            "Provide an easy and flexible way to expose web applications, with optional advanced features.",
            "Contour", "Traefik", "HAProxy Kubernetes Ingress Controller", "Emissary-ingress (Ambassador)",
            "ingress-nginx (retired in March 2026; selectable, not the default)"),
        Row(CapabilityIds.Monitoring, "Monitoring", Mandatory, Mandatory, Mandatory,
            "Provide insights on cluster state for operations teams.",
            "Prometheus Operator", "Grafana dashboards"),
        Row(CapabilityIds.Logging, "Logging", Mandatory, Mandatory, Mandatory,
            "Provide insights on cluster state for operations teams.",
            "OpenSearch (successor of Open Distro)", "Fluent Bit", "OpenSearch Dashboards (Kibana)"),
        Row(CapabilityIds.Tracing, "Tracing", Optional, Optional, Recommended,
            "Provide insights and additional metrics for application troubleshooting and performance tuning.",
            "Jaeger"),
        Row(CapabilityIds.Backup, "Backup", Optional, Optional, Mandatory,
            "Apply the \"redundancy is not a backup solution\" approach.",
            "Velero"),
        Row(CapabilityIds.Storage, "Storage", WhenStateful, WhenStateful, WhenStateful,
            "Provide flexible storage for stateful applications and services.",
            "Rook (Ceph)"),
        Row(CapabilityIds.NonRootContainers, "Non-root containers", Recommended, Mandatory, Mandatory,
            "Decrease the risk of exploits of vulnerabilities in applications or the operating system they use.",
            "Pod Security admission (successor of PodSecurityPolicy, removed in Kubernetes 1.25)"),
        Row(CapabilityIds.PolicyEnforcement, "Policy enforcement", Optional, Optional, Mandatory,
            "Enforce security and internal policies.",
            "OPA Gatekeeper"),
        Row(CapabilityIds.Authentication, "Authentication", Mandatory, Mandatory, Mandatory,
            "Provide a way for users to authenticate and authorize to the platform.",
            "Dex", "kubelogin (successor of Gangway)", "Keycloak"),
        Row(CapabilityIds.SecretManagement, "Secret management", Recommended, Recommended, Mandatory,
            "Provide a better and more secure way of handling confidential information on the platform.",
            "SOPS", "HashiCorp Vault") with
        {
            Variants = new Dictionary<PlatformTier, string>
            {
                [PlatformTier.Small] = "sops",
                [PlatformTier.Medium] = "sops",
                [PlatformTier.Enterprise] = "vault",
            }.AsReadOnly(),
        },
        Row(CapabilityIds.SecurityAudits, "Security audits", Optional, Mandatory, Mandatory,
            "Get more information on potential security breaches.",
            "Kubernetes API audit policy", "Falco"),
        Row(CapabilityIds.ImageScanning, "Image scanning", Mandatory, Mandatory, Mandatory,
            "Don't run containers with critical vulnerabilities.",
            "Trivy Operator (successor of Starboard)", "Trivy (CI)", "Harbor with Trivy"),
        Row(CapabilityIds.UserInterface, "User interface", Optional, Mandatory, Mandatory,
            "Allow less experienced users to use the platform.",
            "Headlamp (successor of Octant and the Kubernetes Dashboard)", "Lens (desktop client)"),
        Row(CapabilityIds.ServiceMesh, "Service mesh", Optional, Optional, Optional,
            "Enable advanced traffic management, more security and flexibility for the applications on the platform.",
            "Istio", "Consul service mesh (Consul Connect)"),
        Row(CapabilityIds.ExternalDns, "External DNS", Optional, Optional, Optional,
            "Decrease the operational work of managing new DNS entries.",
            "ExternalDNS (BIND via RFC2136, cloud DNS)"),
        Row(CapabilityIds.Certificates, "Certificates", Optional, Optional, Optional,
            "Get trusted TLS certificates for free.",
            "cert-manager", "Let's Encrypt"),
        Row(CapabilityIds.ClusterMetrics, "Cluster metrics", Mandatory, Mandatory, Mandatory,
            "Get more insights and enable autoscaling.",
            "metrics-server", "kube-state-metrics"),
        Row(CapabilityIds.GitOps, "GitOps", Optional, Optional, Recommended,
            "Decrease the operational work of cluster management.",
            "Argo CD"),
    ];
}
