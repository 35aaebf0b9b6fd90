namespace Platform.Components.Security.Audits;

/// <summary>What the platform's Falco rules are rendered from (<see cref="PlatformRules.Render"/>).</summary>
public sealed record PlatformRulesInputs
{
    /// <summary>The platform's own namespaces (Kubernetes' and every layer's): a shell started in a running container
    /// there is raised. Default none.</summary>
    public IReadOnlyList<string> PlatformNamespaces { get; init; } = [];

    /// <summary>The platform namespaces whose pods never connect to a public address by design (everything but the
    /// ones that reach ACME, DNS providers, S3, SMTP or upstream resolvers): a connection from one to an address
    /// outside 127.0.0.0/8 and the RFC 1918 ranges is raised. Default none.</summary>
    public IReadOnlyList<string> ClusterOnlyNamespaces { get; init; } = [];

    /// <summary>The IPv4 addresses pods reach on purpose even where they are public (the API endpoint): the outbound rule
    /// leaves them out. Not the nodes' addresses: those change with the inventory, and adding a node must not restart
    /// Falco everywhere (nodes on public addresses are rare on premises; their traffic is tuned with exceptions).
    /// Default none.</summary>
    public IReadOnlyList<string> ClusterAddresses { get; init; } = [];

    /// <summary>The tuned false positives, rendered as rule exceptions. Default none.</summary>
    public IReadOnlyList<AuditException> Exceptions { get; init; } = [];
}
