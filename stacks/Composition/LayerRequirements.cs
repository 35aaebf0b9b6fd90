using Platform.Components.Networking.Certificates;
using Platform.Components.Networking.ExternalDns;
using Platform.Components.Storage;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Configuration;

namespace Platform.Stacks.Composition;

/// <summary>What a switched-on capability, and the core's add-ons on the cluster, need from the configuration, checked
/// with everything else before any resource.</summary>
internal static class LayerRequirements
{
    public static void Check(PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions, IPlatformConfigSource source)
    {
        var on = decisions.Where(d => d.Enabled).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var problems = new ProblemCollector();
        if (!on.Contains(CapabilityIds.Cni))
        {
            // The cluster the installation builds needs a network plugin; bringing your own is not supported.
            problems.Add(ConfigSyntax.PathSegment(PlatformConfigKeys.Capabilities.Name, CapabilityIds.Cni),
                "cni cannot be switched off: the cluster needs a network plugin (without one no pod gets a network and the " +
                "nodes stay NotReady), and on a running cluster removing it takes down all pod networking (and every " +
                "Service when Cilium replaces kube-proxy). Bringing your own CNI is not supported in this version of " +
                "Platform. Remove the override, and choose the plugin and its options with platform:cni.");
        }
        if (on.Contains(CapabilityIds.Certificates))
        {
            var certificates = settings.Certificates ?? new CertificateOptions();
            if (settings.Certificates is null)
            {
                foreach (var problem in certificates.Validate())
                    problems.Add(PlatformConfigKeys.Certificates.Name, $"{problem} The certificates capability is on; set e.g. `pulumi config set --path platform:certificates.acmeEmail platform@example.com`.");
            }
            if (certificates.LetsEncrypt && certificates.Challenge == AcmeChallenge.Dns01Rfc2136 && !source.IsSet(PlatformConfigKeys.Rfc2136TsigSecret.Name))
                problems.Add(PlatformConfigKeys.Rfc2136TsigSecret.Name, $"is required for DNS-01 through RFC 2136. Set it with `{PlatformConfigKeys.Rfc2136TsigSecret.SetCommand}`.");
            if (certificates.LetsEncrypt && certificates.Challenge == AcmeChallenge.Http01 && !on.Contains(CapabilityIds.Ingress))
                problems.Add(PlatformConfigKeys.Certificates.Name, "HTTP-01 challenges are answered through the default IngressClass, but the ingress capability is off. Switch it on, or use challenge dns01.");
        }
        if (on.Contains(CapabilityIds.ExternalDns))
        {
            if (settings.ExternalDns is not { } externalDns)
                problems.Add(PlatformConfigKeys.ExternalDns.Name, $"is required when the externalDns capability is on: set at least a provider and the zones, e.g. `{PlatformConfigKeys.ExternalDns.Example}`.");
            else if (ExternalDnsValues.CredentialKeys(externalDns.Provider).Count > 0 && !source.IsSet(PlatformConfigKeys.ExternalDnsCredentials.Name))
                problems.Add(PlatformConfigKeys.ExternalDnsCredentials.Name,
                    $"is required for {externalDns.Provider}: a secret JSON object with {string.Join(", ", ExternalDnsValues.CredentialKeys(externalDns.Provider))}. Set it with `{PlatformConfigKeys.ExternalDnsCredentials.SetCommand}`.");
        }
        if (on.Contains(CapabilityIds.ClusterMetrics) && !HardeningSwitches.Apply(settings.HardeningExceptions.Keys).KubeletServingCertificates)
        {
            // metrics-server verifies every kubelet against the cluster CA; without serving certificates from it the
            // kubelets present self-signed ones, which only --kubelet-insecure-tls would accept.
            problems.Add(ConfigSyntax.PathSegment(PlatformConfigKeys.HardeningExceptions.Name, "kubeletServingCertificates"),
                "the clusterMetrics capability is on, and metrics-server verifies each kubelet's serving certificate against the " +
                "cluster CA, which signs them only with the hardening switch kubeletServingCertificates on (kubelets present " +
                "self-signed certificates otherwise, and Platform never runs metrics-server with --kubelet-insecure-tls). " +
                "Remove the exception, or switch the capability off with `pulumi config set --path 'platform:capabilities.clusterMetrics' false` " +
                "(kubectl top and HorizontalPodAutoscalers then have no metrics).");
        }
        if (on.Contains(CapabilityIds.Monitoring))
            CheckMonitoring(settings, on, source, problems);
        if (on.Contains(CapabilityIds.ImageScanning))
            CheckImageScanning(settings, on, problems);
        if (on.Contains(CapabilityIds.Tracing))
            CheckTracing(settings, on, problems);
        if (on.Contains(CapabilityIds.GitOps))
            CheckGitOps(settings, on, source, problems);
        else if (source.IsSet(PlatformConfigKeys.GitOpsRepositoryCredentials.Name))
            problems.Add(PlatformConfigKeys.GitOpsRepositoryCredentials.Name, $"is set, but the gitOps capability is off, so it would be ignored. Remove it (`pulumi config rm {PlatformConfigKeys.GitOpsRepositoryCredentials.FullName}`), or switch gitOps on.");
        if (on.Contains(CapabilityIds.UserInterface))
            CheckUserInterface(settings, on, problems);
        if (on.Contains(CapabilityIds.Authentication))
            CheckAuthentication(settings, on, source, problems);
        if (on.Contains(CapabilityIds.Storage) && settings.Storage.Provider == StorageProvider.RookCeph)
            CheckRookCeph(settings, problems);
        if (on.Contains(CapabilityIds.ServiceMesh))
            CheckServiceMesh(settings, problems);
        var storage = PlatformStorage.From(settings, decisions);
        if (on.Contains(CapabilityIds.Backup))
            CheckBackup(settings, storage, source, problems);
        CheckStatefulLayers(storage, PlatformLayers.StatefulLayers.Where(l => on.Contains(l.Key)).Select(l => l.Value(settings)), problems);
        if (HardeningSwitches.Apply(settings.HardeningExceptions.Keys).KubeletServingCertificates)
        {
            // The core's serving-certificate approver admits the inventory's addresses only as IP prefixes; a kubelet
            // names its node's IP address in the request, and a DNS name gives none before the node runs.
            for (var i = 0; i < settings.Nodes.Count; i++)
            {
                if (ConfigSyntax.Ipv4OrNull(settings.Nodes[i].Address) is null)
                {
                    problems.Add($"{PlatformConfigKeys.Nodes.Name}[{i}].address",
                        $"'{settings.Nodes[i].Address}' is a DNS name, but kubelet serving certificates (signed by the cluster CA, " +
                        "hardening switch kubeletServingCertificates) are approved only for the IP addresses of platform:nodes: a " +
                        "kubelet's serving certificate names its node's IP address, which must be known before the node joins. " +
                        "Use the node's IPv4 address, or switch serving certificates off with a reason, e.g. `pulumi config set " +
                        "--path 'platform:hardeningExceptions.kubeletServingCertificates' 'nodes are reached by DNS name'`.");
                }
            }
        }
        ClusterPodSecurity.Check(settings, decisions, problems);
        problems.ThrowIfAny();
    }

    // Grafana's hostname behind the default IngressClass, and the receivers' secrets (present; what they hold is checked
    // once Pulumi has them, without ever printing them).
    private static void CheckMonitoring(PlatformSettings settings, IReadOnlySet<string> on, IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Monitoring;
        if (on.Contains(CapabilityIds.Ingress) && settings.Monitoring.GrafanaHost is null)
        {
            problems.Add($"{key.Name}.grafana.host",
                "is required when the monitoring and ingress capabilities are on: Grafana is exposed on the default IngressClass " +
                $"under that name. Set it, e.g. `pulumi config set --path '{key.FullName}.grafana.host' grafana.example.com` " +
                "(with the certificates capability on, cert-manager issues its certificate).");
        }
        var needing = settings.Monitoring.Receivers.Where(r => r.NeedsSecret).ToList();
        if (needing.Count > 0 && !source.IsSet(PlatformConfigKeys.MonitoringSecrets.Name))
        {
            problems.Add(PlatformConfigKeys.MonitoringSecrets.Name,
                $"is required for the receivers {string.Join(", ", needing.Select(r => $"{r.Name} ({r.SecretDescription})"))}: a secret JSON object of " +
                $"receiver name to secret. Set it with `pulumi config set --secret {PlatformConfigKeys.MonitoringSecrets.FullName} " +
                $"'{{{string.Join(", ", needing.Select(r => $"\"{r.Name}\": \"...\""))}}}'`.");
        }
    }

    // Argo CD's hostname is an Ingress on the default IngressClass; its bootstrap repository's credentials go with the
    // bootstrap, and an SSH repository always needs its key.
    private static void CheckGitOps(PlatformSettings settings, IReadOnlySet<string> on, IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.GitOps;
        var credentials = PlatformConfigKeys.GitOpsRepositoryCredentials;
        var options = settings.GitOps;
        if (options.Host is not null && !on.Contains(CapabilityIds.Ingress))
            problems.Add($"{key.Name}.host", $"Argo CD is exposed on the default IngressClass under that name, but the ingress capability is off. Switch it on (`pulumi config set --path 'platform:capabilities.ingress' true`), or remove the host (reach Argo CD with kubectl port-forward).");
        var hasCredentials = source.IsSet(credentials.Name);
        if (options.Bootstrap is null && hasCredentials)
            problems.Add(credentials.Name, $"is set, but {key.FullName} has no bootstrap repository, so it would be ignored. Remove it (`pulumi config rm {credentials.FullName}`), or set {key.FullName}.bootstrap.");
        if (options.Bootstrap is { Ssh: true } bootstrap && !hasCredentials)
            problems.Add(credentials.Name, $"is required for the SSH repository {bootstrap.RepoUrl}: its private key as a secret JSON object {{\"sshPrivateKey\": ...}}. Set it with `{credentials.SetCommand}`, or use the repository's https URL.");
    }

    // Harbor is served on the default IngressClass with a certificate from cert-manager (its volumes are a stateful
    // claim, checked with the others).
    private static void CheckImageScanning(PlatformSettings settings, IReadOnlySet<string> on, ProblemCollector problems)
    {
        if (settings.ImageScanning.Registry != Components.Security.Scanning.ImageRegistry.Harbor) return;
        var registry = $"{PlatformConfigKeys.ImageScanning.Name}.registry";
        var without = $"or run without Harbor (`pulumi config set --path '{PlatformConfigKeys.ImageScanning.FullName}.registry' none`)";
        if (!on.Contains(CapabilityIds.Ingress))
            problems.Add(registry, $"harbor is served on the default IngressClass, but the ingress capability is off. Switch it on (`pulumi config set --path 'platform:capabilities.ingress' true`), {without}.");
        if (!on.Contains(CapabilityIds.Certificates))
            problems.Add(registry, $"harbor's TLS certificate comes from cert-manager, but the certificates capability is off. Switch it on (`pulumi config set --path 'platform:capabilities.certificates' true` with platform:certificates), {without}.");
    }

    // Dex's issuer is https on the default IngressClass with a certificate from cert-manager: the API servers and
    // kubelogin refuse a plain-http issuer. Its connectors' secrets are present (what they hold is checked once Pulumi has
    // them, without ever printing them).
    private static void CheckAuthentication(PlatformSettings settings, IReadOnlySet<string> on, IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Authentication;
        var off = "or switch authentication off with `pulumi config set --path 'platform:capabilities.authentication' false` " +
            "(then only the admin kubeconfig's certificate logs in)";
        if (settings.Authentication is not { } authentication)
        {
            problems.Add(key.Name,
                "is required: the authentication capability is mandatory in every tier (users log in through Dex with kubelogin " +
                "instead of sharing the admin kubeconfig). Set Dex's host and at least one connector to the organisation's " +
                $"identity provider, e.g. `pulumi config set --path '{key.FullName}.host' dex.example.com` and " +
                $"`pulumi config set --path '{key.FullName}.connectors[0].type' github` (README \"Logging in\"), {off}.");
            return;
        }
        if (!on.Contains(CapabilityIds.Ingress))
            problems.Add($"{key.Name}.host", $"Dex's issuer is served on the default IngressClass, but the ingress capability is off. Switch it on (`pulumi config set --path 'platform:capabilities.ingress' true`), {off}.");
        var certificates = settings.Certificates ?? new Components.Networking.Certificates.CertificateOptions();
        if (!on.Contains(CapabilityIds.Certificates))
        {
            problems.Add($"{key.Name}.host",
                "Dex's issuer must be https (the API servers and kubelogin accept no other) and its certificate comes from cert-manager, " +
                "but the certificates capability is off. Switch it on with `pulumi config set --path 'platform:capabilities.certificates' true` " +
                $"(and platform:certificates: Let's Encrypt, or the internal CA alone with letsEncrypt false), {off}.");
        }
        else if (!certificates.LetsEncrypt && !certificates.InternalCa)
        {
            problems.Add($"{key.Name}.host", $"Dex's certificate needs a ClusterIssuer, but {PlatformConfigKeys.Certificates.FullName} has neither letsEncrypt nor internalCa on. Switch one on, {off}.");
        }
        var needing = authentication.Connectors.Where(c => Components.Identity.DexConnectors.SecretField(c.Type) is not null).ToList();
        if (needing.Count > 0 && !source.IsSet(PlatformConfigKeys.AuthenticationSecrets.Name))
        {
            problems.Add(PlatformConfigKeys.AuthenticationSecrets.Name,
                $"is required for the connectors {string.Join(", ", needing.Select(c => $"{c.Id} ({Components.Identity.DexConnectors.SecretField(c.Type)})"))}: " +
                $"a secret JSON object of connector id to secret. Set it with `pulumi config set --secret {PlatformConfigKeys.AuthenticationSecrets.FullName} " +
                $"'{{{string.Join(", ", needing.Select(c => $"\"{c.Id}\": \"...\""))}}}'`.");
        }
    }

    // Without logging Jaeger keeps traces in its own memory: a second replica would hold other traces, and the UI would
    // show whichever replica it reached.
    private static void CheckTracing(PlatformSettings settings, IReadOnlySet<string> on, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Tracing;
        if (!on.Contains(CapabilityIds.Logging) && settings.Tracing.Replicas is > 1)
        {
            problems.Add($"{key.Name}.replicas",
                $"is {settings.Tracing.Replicas}, but without the logging capability Jaeger keeps traces in each replica's memory, so " +
                $"replicas would hold different traces. Remove it (one replica), or switch logging on so traces go to OpenSearch: " +
                "`pulumi config set --path 'platform:capabilities.logging' true`.");
        }
    }

    // Headlamp is served on the default IngressClass under its host (without ingress, through kubectl port-forward).
    private static void CheckUserInterface(PlatformSettings settings, IReadOnlySet<string> on, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.UserInterface;
        var off = "or switch the capability off with `pulumi config set --path 'platform:capabilities.userInterface' false` (Lens or kubectl still work)";
        if (on.Contains(CapabilityIds.Ingress) && settings.UserInterface.Host is null)
            problems.Add($"{key.Name}.host", "is required when the userInterface capability is on: Headlamp is served on the default IngressClass under " +
                $"that name. Set it, e.g. `pulumi config set --path '{key.FullName}.host' headlamp.example.com` (with the certificates capability on, " +
                $"cert-manager issues its certificate), {off}.");
    }

    /// <summary>Adds the problems of the backup capability's target: one must be decided, a Rook target needs the
    /// platform's Rook-Ceph object store, and an S3 target needs its credentials, which a Rook target must not be
    /// given.</summary>
    internal static void CheckBackup(PlatformSettings settings, PlatformStorage storage, IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Backup;
        var credentials = PlatformConfigKeys.BackupCredentials;
        var s3Example = "`pulumi config set --path platform:backup.target s3` with s3.endpoint, s3.bucket and s3.region, and the secret " +
            $"{credentials.FullName}";
        var storageWhy = !storage.CapabilityOn
            ? "the storage capability is off, so there is no Rook object store"
            : $"{PlatformConfigKeys.Storage.FullName} has provider {StorageOptions.ProviderText(storage.Provider)}, so the platform deploys no Rook object store";
        switch (PlatformBackup.TargetKind(settings, storage))
        {
            case null:
                problems.Add($"{key.Name}.target",
                    $"the backup capability is on but has no target: {storageWhy} to hold the backups. Give an external S3 endpoint ({s3Example}), " +
                    "switch the storage capability on with Rook-Ceph, or switch backup off with `pulumi config set --path 'platform:capabilities.backup' false`.");
                break;
            case Components.Backup.BackupTargetKind.Rook:
                if (!storage.DeployedByThePlatform)
                    problems.Add($"{key.Name}.target", $"target rook keeps the backups in the platform's Rook object store, but {storageWhy}. Use an external S3 endpoint ({s3Example}), or give the platform Rook-Ceph storage.");
                if (source.IsSet(credentials.Name))
                    problems.Add(credentials.Name, $"is set, but target rook takes the bucket's key from its ObjectBucketClaim inside the cluster, so it would be ignored. Remove it (`pulumi config rm {credentials.FullName}`), or set target s3.");
                break;
            case Components.Backup.BackupTargetKind.S3:
                if (!source.IsSet(credentials.Name))
                    problems.Add(credentials.Name, $"is required for target s3: the bucket's access key as a secret JSON object {{\"accessKeyId\": ..., \"secretAccessKey\": ...}}. Set it with `{credentials.SetCommand}`.");
                break;
        }
    }

    /// <summary>The mesh's namespaces are teams' namespaces (the platform's own stay out of the mesh: their policies and
    /// Pod Security levels are set for their pods as they are), and none of those teams sets the mesh's label itself.</summary>
    internal static void CheckServiceMesh(PlatformSettings settings, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.ServiceMesh;
        var mesh = settings.ServiceMesh;
        var tenants = settings.Tenants.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var labels = Platform.Components.ServiceMesh.MeshMembership.Labels(mesh);
        for (var i = 0; i < mesh.Namespaces.Count; i++)
        {
            var name = mesh.Namespaces[i];
            if (!tenants.TryGetValue(name, out var tenant))
            {
                var known = tenants.Count == 0 ? "none is configured" : $"configured: {string.Join(", ", tenants.Keys)}";
                problems.Add($"{key.Name}.namespaces[{i}]", $"'{name}' is not a team's namespace of {PlatformConfigKeys.Tenants.FullName} ({known}). Add the team there, or remove it from the list.");
                continue;
            }
            foreach (var label in labels.Keys.Where(tenant.Labels.ContainsKey))
                problems.Add($"{key.Name}.namespaces[{i}]", $"the team '{name}' sets the label {label} itself, which the mesh sets on its namespace. Remove it from the team's labels.");
        }
    }

    /// <summary>Adds a problem for every claim of a layer that is on but can get no volumes from
    /// <paramref name="storage"/>.</summary>
    internal static void CheckStatefulLayers(PlatformStorage storage, IEnumerable<StatefulClaim> claims, ProblemCollector problems)
    {
        foreach (var claim in claims)
        {
            if (storage.Problem(claim) is { } problem)
                problems.Add(claim.ConfigKey, problem);
        }
    }

    /// <summary>The warning for a Rook-Ceph cluster on fewer than three storage nodes: a single monitor, whose loss
    /// stops all I/O until it is back; null otherwise.</summary>
    internal static string? StorageWarning(PlatformSettings settings, PlatformStorage storage)
    {
        if (!storage.DeployedByThePlatform) return null;
        var nodes = RookCephPlan.StorageNodes(settings.Storage, settings.Nodes);
        if (nodes.Count is 0 or >= 3) return null;
        return $"{PlatformConfigKeys.Storage.FullName}: Ceph runs one monitor on {nodes.Count} storage node{(nodes.Count == 1 ? "" : "s")} " +
            $"({string.Join(", ", nodes.Select(n => n.Name))}): while that node is down (a reboot, an upgrade's drain) every volume " +
            $"stops, and losing its disk loses the cluster. Label three nodes {settings.Storage.NodeLabel} for three monitors.";
    }

    // The storage nodes the Rook-Ceph cluster needs: some at all, as many as the pools have copies (each copy on its own
    // node), and explicit devices only on them.
    private static void CheckRookCeph(PlatformSettings settings, ProblemCollector problems)
    {
        var options = settings.Storage;
        var key = PlatformConfigKeys.Storage.Name;
        var nodes = RookCephPlan.StorageNodes(options, settings.Nodes);
        var labelCommand = $"add \"labels\": {{\"{options.NodeLabel}\": \"\"}} to them in {PlatformConfigKeys.Nodes.FullName}";
        if (nodes.Count == 0)
        {
            problems.Add($"{key}.nodeLabel",
                $"no node of {PlatformConfigKeys.Nodes.FullName} has the label {options.NodeLabel}, so Rook-Ceph has no node to store data on. " +
                $"Label the storage nodes ({labelCommand}; usually with a taint such as dedicated=storage:NoSchedule), set " +
                $"{key}.nodeLabel to the label your storage nodes carry, or choose provider existing or none.");
            return;
        }
        if (nodes.Count < options.Replicas)
        {
            var isDefault = options.Replicas == StorageOptions.DefaultReplicas ? " (the default)" : "";
            problems.Add($"{key}.replicas",
                $"{options.Replicas} replicas{isDefault} keep every copy on its own storage node, but only {nodes.Count} node" +
                $"{(nodes.Count == 1 ? " has" : "s have")} the label {options.NodeLabel} ({string.Join(", ", nodes.Select(n => n.Name))}). " +
                $"Label at least {options.Replicas} nodes, or set {key}.replicas to {nodes.Count} (fewer copies: a lost disk loses data).");
        }
        foreach (var name in options.Devices.Keys.Where(n => !nodes.Any(node => node.Name == n)))
        {
            var known = settings.Nodes.Any(n => n.Name == name);
            problems.Add($"{key}.devices.{name}", known
                ? $"{name} is not a storage node (it lacks the label {options.NodeLabel}). Label it, or remove its devices."
                : $"{name} is not a node of {PlatformConfigKeys.Nodes.FullName}. Use the name of a storage node: {string.Join(", ", nodes.Select(n => n.Name))}.");
        }
    }
}
