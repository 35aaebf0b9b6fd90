using System.Collections.Immutable;
using Platform.Components.Cluster;
using Platform.Components.Cluster.Certificates;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Composition;
using Platform.Stacks.Configuration;
using Pulumi;

namespace Platform.Stacks;

/// <summary>
/// One environment's platform. It loads and validates the <c>platform:</c> configuration before registering
/// anything, decides every capability from the tier matrix and the overrides, builds the cluster (installation: hosts
/// prepared over SSH, kubeadm control plane and workers, PKI, admin kubeconfig, Kubernetes provider) and then the
/// layer of each capability that is on, in order.
/// </summary>
public class PlatformStack : Stack
{
    /// <summary>Builds the stack from the running deployment's configuration.</summary>
    public PlatformStack() : this(null)
    {
    }

    /// <summary>Builds the stack with stack options (for derived stacks and tests).</summary>
    protected PlatformStack(StackOptions? options) : this(options, TimeProvider.System)
    {
    }

    /// <summary>Builds the stack with stack options and the clock that dates the run (for derived stacks and tests:
    /// the day of the certificate expiry steps, and the time the certificate warning counts from).</summary>
    protected PlatformStack(StackOptions? options, TimeProvider clock) : base(options)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var (settings, decisions) = LoadConfiguration();
        var storage = PlatformStorage.From(settings, decisions);
        // One backup target for Velero and for the control planes' etcd snapshots.
        var backupTarget = PlatformBackup.Target(settings, decisions, storage);
        var backupCredentials = PlatformBackup.Credentials(backupTarget, new Config(PlatformConfigKeys.Namespace).GetSecret(PlatformConfigKeys.BackupCredentials.Name));
        var cluster = new Cluster(settings.ClusterName, new ClusterArgs
        {
            ClusterName = settings.ClusterName,
            KubernetesVersion = settings.KubernetesVersion.ToString(),
            ContainerRuntime = KubernetesVersions.ContainerRuntimeFor(settings.KubernetesVersion),
            Nodes = settings.Nodes,
            ApiEndpointHost = settings.ApiEndpoint.Host,
            ApiEndpointPort = settings.ApiEndpoint.Port,
            ApiEndpointMode = settings.ApiLoadBalancer,
            PodCidr = settings.PodCidr.ToString(),
            ServiceCidr = settings.ServiceCidr.ToString(),
            DnsDomain = settings.ClusterDomain,
            SshPrivateKey = new Config(PlatformConfigKeys.Namespace).RequireSecret(PlatformConfigKeys.SshPrivateKey.Name),
            Hardening = HardeningSwitches.Apply(settings.HardeningExceptions.Keys) with { PodSecurity = ClusterPodSecurity.Admission(settings, decisions) },
            // Cilium's kube-proxy replacement takes over Services, so kubeadm installs no kube-proxy.
            KubeProxy = !(settings.Cni.Plugin == Platform.Components.Networking.Cni.CniPlugin.Cilium && settings.Cni.KubeProxyReplacement),
            SecretsEncryptionMigration = settings.SecretsEncryptionMigration,
            MaxUnavailableWorkers = settings.MaxUnavailableWorkers,
            Clock = clock,
            // The metrics proxy verifies the controller manager and the scheduler against the cluster CA.
            ControlPlaneServingCertificates = decisions.Any(d => d.Id == CapabilityIds.Monitoring && d.Enabled),
            EtcdBackup = PlatformBackup.EtcdBackup(settings, backupTarget, backupCredentials),
        });
        var warnings = new List<string>();
        if (SshHostKey.UnpinnedWarning(settings.Nodes) is { } hostKeys)
            warnings.Add(hostKeys);
        if (settings.Nodes.Where(n => n.Dead).Select(n => n.Name).ToList() is { Count: > 0 } dead)
        {
            warnings.Add($"{PlatformConfigKeys.Nodes.FullName} marks {string.Join(", ", dead)} dead: nothing runs on them, and this update " +
                "removes a dead control-plane node's etcd member. Once it is done, remove them from the list and run pulumi up again " +
                "(README: Adding and removing nodes).");
        }
        if (settings.SecretsEncryptionMigration)
        {
            warnings.Add($"{PlatformConfigKeys.SecretsEncryptionMigration.FullName} is true: Secrets are still written with aescbc, whose key " +
                "is readable in the stack's state. Once this update has restarted every API server (their reconfigure steps), set it " +
                "to false and run pulumi up again: secretbox writes and every Secret is rewritten (README: Secrets encryption at rest).");
        }
        if (ClusterPodSecurity.Warning(settings, decisions) is { } podSecurityWarning)
            warnings.Add(podSecurityWarning);
        if (LayerRequirements.StorageWarning(settings, storage) is { } storageWarning)
            warnings.Add(storageWarning);
        if (PlatformBackup.Warning(settings, backupTarget) is { } backupWarning)
            warnings.Add(backupWarning);
        if (PlatformBackup.EtcdUploadWarning(settings, backupTarget) is { } uploadWarning)
            warnings.Add(uploadWarning);
        if (SecurityAuditsCoverage.Warning(settings, decisions) is { } auditsWarning)
            warnings.Add(auditsWarning);
        warnings.AddRange(SecretManagementWarnings.For(settings, decisions));
        Warnings = warnings;
        foreach (var warning in warnings)
            Log.Warn(warning, cluster);
        // The Prometheus Operator's CRDs before every layer, the CNI's included: their charts create ServiceMonitors.
        var monitoring = PlatformLayers.MonitoringCrds(settings, decisions, cluster);
        var context = new PlatformContext
        {
            Settings = settings,
            Capabilities = decisions,
            Cluster = cluster,
            Storage = storage,
            Monitoring = monitoring,
            BackupTarget = backupTarget,
            BackupCredentials = backupCredentials,
        };
        var enabled = decisions.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, deploy) in PlatformLayers.InOrder)
        {
            if (!enabled.Contains(id)) continue;
            context.Layers[id] = deploy(context);
            // The core's own pods (the kubelet serving-certificate approver) need the pod network: right after the CNI.
            if (id == CapabilityIds.Cni) context.CoreOnCluster.AddRange(PlatformLayers.CoreOnCluster(context));
            // Fluent Bit ships to the OpenSearch the logging layer has just set (context.Logging).
            if (id == CapabilityIds.Logging) PlatformLayers.LogShipping(context);
        }
        // Grafana's OpenSearch data source, once both the monitoring and the logging layer are there.
        PlatformLayers.Integrations(context);
        // The OIDC issuers every API server trusts for user logins, once the layers they need are there: Dex's, after its
        // release; none with authentication off (a trust given before is then taken back).
        var authentication = context.Layers.GetValueOrDefault(CapabilityIds.Authentication) as Platform.Components.Identity.AuthenticationLayer;
        cluster.TrustIssuers(authentication is null ? [] : [PlatformLayers.ApiServerIssuer(context, authentication)],
            authentication is null ? [] : [authentication.Release]);

        var monitoringLayer = context.Layers.GetValueOrDefault(CapabilityIds.Monitoring) as Platform.Components.Observability.MonitoringLayer;
        GrafanaUrl = monitoringLayer?.GrafanaUrl ?? Output.Create("");
        GrafanaAdminPassword = monitoringLayer?.GrafanaAdminPassword ?? Output.CreateSecret("");
        var loggingLayer = context.Layers.GetValueOrDefault(CapabilityIds.Logging) as Platform.Components.Observability.LoggingLayer;
        OpenSearchDashboardsUrl = loggingLayer?.DashboardsUrl ?? Output.Create("");
        OpenSearchAdminPassword = loggingLayer?.AdminPassword ?? Output.CreateSecret("");
        var scanningLayer = context.Layers.GetValueOrDefault(CapabilityIds.ImageScanning) as Platform.Components.Security.ImageScanningLayer;
        HarborUrl = scanningLayer?.HarborUrl ?? Output.Create("");
        HarborAdminPassword = scanningLayer?.HarborAdminPassword ?? Output.CreateSecret("");
        var tracingLayer = context.Layers.GetValueOrDefault(CapabilityIds.Tracing) as Platform.Components.Observability.TracingLayer;
        TracingOtlpGrpc = tracingLayer?.OtlpGrpcEndpoint ?? Output.Create("");
        TracingOtlpHttp = tracingLayer?.OtlpHttpEndpoint ?? Output.Create("");
        var gitOpsLayer = context.Layers.GetValueOrDefault(CapabilityIds.GitOps) as Platform.Components.GitOps.GitOpsLayer;
        ArgoCdUrl = gitOpsLayer?.Url ?? Output.Create("");
        ArgoCdAdminPassword = gitOpsLayer?.AdminPassword ?? Output.CreateSecret("");
        var authenticationLayer = context.Layers.GetValueOrDefault(CapabilityIds.Authentication) as Platform.Components.Identity.AuthenticationLayer;
        OidcIssuerUrl = Output.Create(authenticationLayer?.IssuerUrl ?? "");
        UserKubeconfig = authenticationLayer is null ? Output.Create("") : UserKubeconfigOutput(settings, cluster, authenticationLayer);
        var sopsLayer = context.Layers.GetValueOrDefault(CapabilityIds.SecretManagement) as Platform.Components.Secrets.SopsLayer;
        SopsAgeRecipient = sopsLayer?.Recipient ?? Output.Create("");
        SopsAgeRecipients = sopsLayer?.Recipients ?? Output.Create("");
        VaultAddress = Output.Create(context.Vault?.Address ?? "");
        ClusterName = Output.Create(settings.ClusterName);
        Tier = Output.Create(PlatformTierText.Name(settings.Tier));
        Environment = Output.Create(settings.Environment);
        KubernetesVersion = Output.Create(settings.KubernetesVersion.ToString());
        ApiServerUrl = cluster.Access.ServerUrl;
        Kubeconfig = cluster.Access.Kubeconfig;
        Capabilities = Output.Create(CapabilityReport.ToOutputValue(decisions));
        BackupTarget = Output.Create(BackupTargetOutput(backupTarget));
        EtcdBackupDecryptionKey = cluster.EtcdBackupKey.DecryptionKeyPem;
        var now = clock.GetUtcNow();
        // The cluster's certificates and those the layers keep in the stack's state (OpenSearch's, Vault's, the metrics
        // proxies', the internal CA).
        var holders = context.CoreOnCluster.Concat(context.Layers.Values).OfType<Platform.Components.Cluster.Certificates.IStateCertificates>();
        var earliest = Output.Tuple(cluster.EarliestCertificateExpiry,
                Output.All(holders.Select(h => (Input<IReadOnlyList<Platform.Components.Cluster.Certificates.CertificateExpiry>>)h.CertificateExpiries)))
            .Apply(t => Platform.Components.Cluster.Certificates.CertificateExpiry.Earliest(
                t.Item2.SelectMany(e => e).Concat(t.Item1 is null ? [] : [t.Item1])));
        CertificateWarning = earliest.Apply(e => CertificateExpiryWarning.For(e, now) ?? "");
        EarliestCertificateExpiry = Output.Tuple(earliest, CertificateWarning).Apply(t =>
        {
            // Given once the nodes' expiry steps have run, so on every `pulumi up` (not on a preview that runs them again).
            if (t.Item2.Length > 0) Log.Warn(t.Item2, cluster);
            return ExpiryOutput(t.Item1);
        });
    }

    /// <summary>The certificate warning of this run (<see cref="Platform.Components.Cluster.Certificates.CertificateExpiryWarning"/>),
    /// also a Pulumi warning; empty when the earliest certificate expires in 90 days or more. Known only once the
    /// control-plane nodes' expiry steps have run, so it is apart from <see cref="Warnings"/>.</summary>
    public Output<string> CertificateWarning { get; }

    /// <summary>What the person running the stack is warned about on every run (each also a Pulumi warning): nodes and
    /// bastions whose SSH host key is not pinned, an unfinished Secrets encryption migration, Pod Security defaults switched
    /// off while nonRootContainers is on, a Ceph cluster with a single monitor, an enterprise stack whose backups stay in
    /// the cluster, control planes on Ubuntu 22.04 that cannot upload their etcd snapshots. Empty when there is nothing.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Grafana's URL on the default IngressClass; empty when Grafana is not exposed (monitoring off, no ingress:
    /// reach it with <c>kubectl port-forward</c>).</summary>
    [Output("grafanaUrl")]
    public Output<string> GrafanaUrl { get; }

    /// <summary>Grafana's admin password (user <c>admin</c>), a secret (<c>pulumi stack output --show-secrets
    /// grafanaAdminPassword</c>); empty with monitoring off.</summary>
    [Output("grafanaAdminPassword")]
    public Output<string> GrafanaAdminPassword { get; }

    /// <summary>OpenSearch Dashboards' URL on the default IngressClass; empty when Dashboards is not exposed (logging
    /// off, no <c>platform:logging.dashboards.host</c> or no ingress: reach it with <c>kubectl port-forward</c>).</summary>
    [Output("openSearchDashboardsUrl")]
    public Output<string> OpenSearchDashboardsUrl { get; }

    /// <summary>OpenSearch's admin password (user <c>admin</c>, also Dashboards' login), a secret (<c>pulumi stack output
    /// --show-secrets openSearchAdminPassword</c>); empty with logging off.</summary>
    [Output("openSearchAdminPassword")]
    public Output<string> OpenSearchAdminPassword { get; }

    /// <summary>Harbor's URL (<c>platform:imageScanning.registry</c> harbor); empty without Harbor.</summary>
    [Output("harborUrl")]
    public Output<string> HarborUrl { get; }

    /// <summary>Harbor's admin password (user <c>admin</c>), a secret (<c>pulumi stack output --show-secrets
    /// harborAdminPassword</c>); empty without Harbor.</summary>
    [Output("harborAdminPassword")]
    public Output<string> HarborAdminPassword { get; }

    /// <summary>Where applications send traces over OTLP/gRPC (<c>jaeger.tracing.svc:4317</c>, inside the cluster); empty
    /// with tracing off.</summary>
    [Output("tracingOtlpGrpc")]
    public Output<string> TracingOtlpGrpc { get; }

    /// <summary>Where applications send traces over OTLP/HTTP (<c>http://jaeger.tracing.svc:4318</c>, inside the cluster);
    /// empty with tracing off.</summary>
    [Output("tracingOtlpHttp")]
    public Output<string> TracingOtlpHttp { get; }

    /// <summary>Argo CD's URL (<c>https://&lt;platform:gitOps.host&gt;</c>, or <c>http://localhost:8080</c> through
    /// <c>kubectl -n argocd port-forward svc/argocd-server 8080:80</c> without a hostname); empty with gitOps off.</summary>
    [Output("argoCdUrl")]
    public Output<string> ArgoCdUrl { get; }

    /// <summary>Argo CD's local admin password (user <c>admin</c>), a secret (<c>pulumi stack output --show-secrets
    /// argoCdAdminPassword</c>); empty with gitOps off or with single sign-on (the local admin is off then).</summary>
    [Output("argoCdAdminPassword")]
    public Output<string> ArgoCdAdminPassword { get; }

    /// <summary>Dex's issuer URL (<c>https://&lt;platform:authentication.host&gt;</c>); empty with authentication off.</summary>
    [Output("oidcIssuerUrl")]
    public Output<string> OidcIssuerUrl { get; }

    /// <summary>The kubeconfig a user logs in with (<c>pulumi stack output userKubeconfig &gt; ~/.kube/config</c>): the
    /// cluster with its CA, and kubelogin's exec plugin against Dex (a browser opens on the first kubectl command); not a
    /// secret, it holds no credential. Empty with authentication off.</summary>
    [Output("userKubeconfig")]
    public Output<string> UserKubeconfig { get; }

    /// <summary>The cluster's name.</summary>
    [Output("clusterName")]
    public Output<string> ClusterName { get; }

    /// <summary>The organisation tier: small, medium or enterprise.</summary>
    [Output("tier")]
    public Output<string> Tier { get; }

    /// <summary>The environment's name.</summary>
    [Output("environment")]
    public Output<string> Environment { get; }

    /// <summary>The Kubernetes version.</summary>
    [Output("kubernetesVersion")]
    public Output<string> KubernetesVersion { get; }

    /// <summary>The API server URL.</summary>
    [Output("apiServerUrl")]
    public Output<string> ApiServerUrl { get; }

    /// <summary>The SOPS operator's age recipient (<c>age1...</c>), not secret: what files the cluster decrypts are
    /// encrypted to (<c>sops --encrypt --age "$(pulumi stack output sopsAgeRecipients)"</c>); empty without SOPS.</summary>
    [Output("sopsAgeRecipient")]
    public Output<string> SopsAgeRecipient { get; }

    /// <summary>Every SOPS recipient, comma-separated (the operator's, then the editors' of
    /// <c>platform:secretManagement.sops.recipients</c>): the argument of <c>sops --age</c>; empty without SOPS.</summary>
    [Output("sopsAgeRecipients")]
    public Output<string> SopsAgeRecipients { get; }

    /// <summary>The Vault (or OpenBao) server's address inside the cluster (its active server's Service, TLS from the
    /// cluster CA); empty without the vault provider.</summary>
    [Output("vaultAddress")]
    public Output<string> VaultAddress { get; }

    /// <summary>The admin kubeconfig; a secret (<c>pulumi stack output --show-secrets kubeconfig</c>).</summary>
    [Output("kubeconfig")]
    public Output<string> Kubeconfig { get; }

    /// <summary>The platform's certificate that expires first, the cluster's or one a layer keeps in the stack's state
    /// (<see cref="Platform.Components.Cluster.Certificates.IStateCertificates"/>): <c>certificate</c> (kubeadm's name,
    /// <c>platform-admin</c>, or the layer's name for it), <c>location</c> (the control-plane node, or <c>stack state</c>) and <c>expiresAt</c>
    /// (RFC 3339, UTC); empty while none is known.</summary>
    [Output("earliestCertificateExpiry")]
    public Output<ImmutableDictionary<string, object>> EarliestCertificateExpiry { get; }

    /// <summary>The private key (PEM) that decrypts the control-plane nodes' uploaded etcd snapshots; a secret
    /// (<c>pulumi stack output --show-secrets etcdBackupDecryptionKey</c>), for a restore.</summary>
    [Output("etcdBackupDecryptionKey")]
    public Output<string> EtcdBackupDecryptionKey { get; }

    /// <summary>Every capability, on or off, and why.</summary>
    [Output("capabilities")]
    public Output<ImmutableDictionary<string, object>> Capabilities { get; }

    /// <summary>Where backups go: <c>endpoint</c>, <c>bucket</c>, <c>prefix</c> and <c>inCluster</c> (true for the
    /// Rook object store's bucket); empty when the backup capability is off. Nothing secret.</summary>
    [Output("backupTarget")]
    public Output<ImmutableDictionary<string, object>> BackupTarget { get; }

    // Nothing in it is secret (the CAs' certificates, URLs and kubelogin's arguments): unsecret, so a user reads it with a
    // plain `pulumi stack output`.
    private static Output<string> UserKubeconfigOutput(PlatformSettings settings, Cluster cluster, Platform.Components.Identity.AuthenticationLayer layer)
    {
        var issuerCa = layer.Identity.CertificateAuthorityPem ?? Output.Create("");
        return Output.Unsecret(Output.Tuple(cluster.Access.ServerUrl, cluster.Pki.ClusterCa.CertPem, issuerCa).Apply(t =>
            Platform.Components.Identity.UserKubeconfig.Render(settings.ClusterName, t.Item1, t.Item2, layer.IssuerUrl, t.Item3.Length > 0 ? t.Item3 : null)));
    }

    private static ImmutableDictionary<string, object> BackupTargetOutput(Platform.Components.Backup.BackupTarget? target) => target is null
        ? ImmutableDictionary<string, object>.Empty
        : ImmutableDictionary<string, object>.Empty
            .Add("endpoint", target.Endpoint.ToString())
            .Add("bucket", target.Bucket)
            .Add("prefix", target.Prefix)
            .Add("inCluster", target.InCluster);

    private static ImmutableDictionary<string, object> ExpiryOutput(CertificateExpiry? earliest) => earliest is null
        ? ImmutableDictionary<string, object>.Empty
        : ImmutableDictionary<string, object>.Empty
            .Add("certificate", earliest.Certificate)
            .Add("location", earliest.Location)
            .Add("expiresAt", earliest.ExpiresAtText);

    /// <summary>Loads and validates everything first; a problem ends the run before any resource is registered.</summary>
    private static (PlatformSettings Settings, IReadOnlyList<CapabilityDecision> Decisions) LoadConfiguration()
    {
        try
        {
            var source = new PulumiConfigSource();
            var settings = PlatformSettingsLoader.Load(source);
            var decisions = CapabilityResolver.Resolve(CapabilityMatrix.Default, settings);
            LayerRequirements.Check(settings, decisions, source);
            return (settings, decisions);
        }
        catch (PlatformConfigException e)
        {
            // A RunException is shown to the person running `pulumi up` as its message alone, without a stack trace.
            throw new RunException(e.Message, e);
        }
    }
}
