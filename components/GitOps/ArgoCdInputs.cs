namespace Platform.Components.GitOps;

/// <summary>The facts of the stack that Argo CD's values depend on, besides <see cref="GitOpsOptions"/>.</summary>
public sealed record ArgoCdInputs
{
    /// <summary>The default IngressClass the server is exposed through when <see cref="GitOpsOptions.Host"/> is set; null
    /// without the ingress capability (no Ingress then). Default null.</summary>
    public string? IngressClass { get; init; }

    /// <summary>The cert-manager ClusterIssuer of the server's certificate; null without the certificates capability
    /// (the Ingress then serves plain HTTP). Default null.</summary>
    public string? ClusterIssuer { get; init; }

    /// <summary>Whether Argo CD runs highly available: Redis HA (three Redis servers with Sentinel behind HAProxy), two
    /// replicas of the API server, repo server and ApplicationSet controller, each with a PodDisruptionBudget. Default
    /// false: one of each.</summary>
    public bool HighAvailability { get; init; }

    /// <summary>Whether Redis HA's servers and HAProxies must each run on a node of their own (hard anti-affinity); false
    /// spreads them where it can (fewer than three schedulable nodes). Default true.</summary>
    public bool RedisHardAntiAffinity { get; init; } = true;

    /// <summary>Whether the monitoring capability is on: each component's metrics Service gets a ServiceMonitor.
    /// Default false.</summary>
    public bool Metrics { get; init; }

    /// <summary>Alertmanager's <c>host:port</c> inside the cluster when notifications go there; null runs no
    /// notifications controller. Default null.</summary>
    public string? AlertmanagerHostPort { get; init; }

    /// <summary>The groups and claims of single sign-on through the platform's identity provider; null keeps the local
    /// admin. Default null.</summary>
    public ArgoCdSso? Sso { get; init; }
}
