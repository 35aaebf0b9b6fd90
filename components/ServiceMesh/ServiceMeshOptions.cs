using System.Text.RegularExpressions;

namespace Platform.Components.ServiceMesh;

/// <summary>The service mesh as configured (<c>platform:serviceMesh</c>). <see cref="Validate"/> reports what cannot
/// work together.</summary>
public sealed partial record ServiceMeshOptions
{
    /// <summary>The mesh. Default <see cref="MeshProvider.Istio"/>.</summary>
    public MeshProvider Provider { get; init; } = MeshProvider.Istio;

    /// <summary>Istio's dataplane. Default <see cref="IstioDataplaneMode.Ambient"/>. Istio only.</summary>
    public IstioDataplaneMode Mode { get; init; } = IstioDataplaneMode.Ambient;

    /// <summary>What meshed workloads accept. Default <see cref="MeshMtlsMode.Strict"/>. Consul's proxies always require
    /// mTLS, so with Consul only <see cref="MeshMtlsMode.Strict"/> is valid.</summary>
    public MeshMtlsMode Mtls { get; init; } = MeshMtlsMode.Strict;

    /// <summary>The namespaces in the mesh: teams' namespaces of <c>platform:tenants</c>, by name. Default none (the
    /// mesh runs, and nothing is in it until a team opts in).</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>The Consul servers' replicas (Raft needs an odd number; 3 survive the loss of one). Default 1; the
    /// composition sets the tier's. Consul only.</summary>
    public int ConsulServerReplicas { get; init; } = 1;

    /// <summary>Each Consul server's data volume, a Kubernetes quantity. Default 10Gi (the chart's). Consul only.</summary>
    public string ConsulStorageSize { get; init; } = "10Gi";

    /// <summary>The problems with these options, each starting with the field it is about; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Provider)) problems.Add("provider is not a known mesh. Use istio or consul.");
        if (!Enum.IsDefined(Mode)) problems.Add("mode is not a known Istio dataplane mode. Use ambient or sidecar.");
        if (!Enum.IsDefined(Mtls)) problems.Add("mtls is not a known mode. Use permissive or strict.");
        foreach (var ns in Namespaces.Where(n => !Label().IsMatch(n ?? "")))
            problems.Add($"namespaces has '{ns}', which is not a namespace name (a DNS-1123 label).");
        foreach (var ns in Namespaces.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"namespaces lists '{ns.Key}' more than once. List each namespace once.");
        if (Provider == MeshProvider.Consul)
        {
            if (Mtls == MeshMtlsMode.Permissive)
                problems.Add("mtls permissive is Istio's: Consul's Connect proxies accept mTLS only. Use strict, or provider istio.");
            if (ConsulServerReplicas is < 1 or > 7 || ConsulServerReplicas % 2 == 0)
                problems.Add($"consul.serverReplicas is {ConsulServerReplicas}; Raft needs an odd number of servers from 1 to 7. Use 1, 3 or 5.");
            if (!Quantity().IsMatch(ConsulStorageSize ?? ""))
                problems.Add($"consul.storageSize '{ConsulStorageSize}' is not a size such as 10Gi.");
        }
        return problems;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[1-9][0-9]*(Mi|Gi|Ti)$")]
    private static partial Regex Quantity();
}
