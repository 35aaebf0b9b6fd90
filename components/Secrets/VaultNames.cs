namespace Platform.Components.Secrets;

/// <summary>The names of the Vault (or OpenBao) release's objects, the same for both servers (the chart's
/// <c>fullnameOverride</c> is <see cref="Fullname"/>), and the paths inside their image.</summary>
internal static class VaultNames
{
    /// <summary>The release's fullname: the StatefulSet, its pods <c>vault-N</c> and the Services' prefix.</summary>
    public const string Fullname = "vault";

    /// <summary>The headless Service that gives every pod its DNS name <c>vault-N.vault-internal</c>.</summary>
    public const string InternalService = Fullname + "-internal";

    /// <summary>The Service that selects the active (leader) server.</summary>
    public const string ActiveService = Fullname + "-active";

    /// <summary>The Service that selects the standby servers.</summary>
    public const string StandbyService = Fullname + "-standby";

    /// <summary>The Secret holding the server certificate (<c>tls.crt</c>, <c>tls.key</c>) and the cluster CA (<c>ca.crt</c>).</summary>
    public const string TlsSecret = "vault-tls";

    /// <summary>The Secret holding the transit seal's token (<c>token</c>) and its CA (<c>ca.crt</c>).</summary>
    public const string TransitSecret = "vault-transit";

    /// <summary>The ConfigMap with the cluster CA (<c>ca.crt</c>) for clients in the namespace (the init Job).</summary>
    public const string CaConfigMap = "vault-ca";

    /// <summary>The ConfigMap with the key holders' PGP public keys (<c>key-1</c> ...), read by the init Job.</summary>
    public const string PgpKeysConfigMap = "vault-init-pgp-keys";

    /// <summary>The API port.</summary>
    public const int ApiPort = 8200;

    /// <summary>The Raft and request-forwarding port between the servers.</summary>
    public const int ClusterPort = 8201;

    /// <summary>The image's data and configuration root: <c>/vault</c> or <c>/openbao</c>.</summary>
    public static string Root(VaultDistribution server) => server == VaultDistribution.OpenBao ? "/openbao" : "/vault";

    /// <summary>Where the chart mounts an <c>extraVolumes</c> entry named <paramref name="name"/>.</summary>
    public static string UserConfig(VaultDistribution server, string name) => $"{Root(server)}/userconfig/{name}";

    /// <summary>The CLI: <c>vault</c> or <c>bao</c>.</summary>
    public static string Cli(VaultDistribution server) => server == VaultDistribution.OpenBao ? "bao" : "vault";

    /// <summary>The CLI's environment prefix: <c>VAULT</c> or <c>BAO</c> (OpenBao's CLI reads <c>BAO_ADDR</c>, ...).</summary>
    public static string EnvPrefix(VaultDistribution server) => server == VaultDistribution.OpenBao ? "BAO" : "VAULT";

    /// <summary>The DNS name of pod <paramref name="ordinal"/> inside the namespace.</summary>
    public static string Pod(int ordinal) => $"{Fullname}-{ordinal}.{InternalService}";

    /// <summary>Every name the server certificate carries: each Service's short, namespaced and cluster names, every
    /// pod's, and <c>localhost</c> (the CLI inside a pod talks to 127.0.0.1, an IP SAN of its own).</summary>
    public static IReadOnlyList<string> DnsNames(string ns, string clusterDomain, int replicas)
    {
        var names = new List<string> { "localhost" };
        foreach (var service in new[] { Fullname, ActiveService, StandbyService, InternalService })
            names.AddRange([service, $"{service}.{ns}", $"{service}.{ns}.svc", $"{service}.{ns}.svc.{clusterDomain}"]);
        for (var i = 0; i < replicas; i++)
            names.AddRange([Pod(i), $"{Pod(i)}.{ns}", $"{Pod(i)}.{ns}.svc", $"{Pod(i)}.{ns}.svc.{clusterDomain}"]);
        return names;
    }
}
