using Platform.Stacks.Capabilities;

namespace Platform.Stacks.Configuration;

/// <summary>Every <c>platform:</c> configuration key with its type, default and description: the source for the
/// configuration reference in the README and for the <c>config:</c> schema in Pulumi.yaml.</summary>
public static class PlatformConfigKeys
{
    /// <summary>The Pulumi configuration namespace: <c>platform</c>.</summary>
    public const string Namespace = "platform";

    /// <summary>The namespace as it prefixes full keys: <c>platform:</c>.</summary>
    public const string Prefix = Namespace + ":";

    /// <summary>A node list that parses, used in examples: one control-plane node.</summary>
    public const string NodesExample = """[{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"}]""";

    /// <summary><c>platform:tier</c>: which capabilities are on by default.</summary>
    public static PlatformConfigKey Tier { get; } = new()
    {
        Name = "tier",
        Type = PlatformConfigValueType.String,
        Required = true,
        Example = "medium",
        Description = "Organisation tier; selects the capabilities that are on by default: small (very small companies " +
            "or basic needs), medium (medium businesses) or enterprise (big companies with many policies and regulations). " +
            "Case-insensitive; the seed's abbreviations sup, mbu and ent are accepted.",
    };

    /// <summary><c>platform:environment</c>: the environment this stack deploys.</summary>
    public static PlatformConfigKey Environment { get; } = new()
    {
        Name = "environment",
        Type = PlatformConfigValueType.String,
        Required = true,
        Example = "prod",
        Description = "Environment name (a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters), " +
            "e.g. dev, staging or prod. One Pulumi stack per environment.",
    };

    /// <summary><c>platform:clusterName</c>: the Kubernetes cluster name.</summary>
    public static PlatformConfigKey ClusterName { get; } = new()
    {
        Name = "clusterName",
        Type = PlatformConfigValueType.String,
        Required = true,
        Example = "platform-prod",
        Description = "Kubernetes cluster name (a DNS-1123 label of at most 40 characters); used in the kubeconfig and resource names.",
    };

    /// <summary><c>platform:kubernetesVersion</c>: the Kubernetes version to install. Required, with no default: a
    /// Platform release that changed a default would upgrade every stack that relied on it.</summary>
    public static PlatformConfigKey KubernetesVersion { get; } = new()
    {
        Name = "kubernetesVersion",
        Type = PlatformConfigValueType.String,
        Required = true,
        Example = KubernetesVersions.ExampleVersion.ToString(),
        Description = "Kubernetes version to install, MAJOR.MINOR.PATCH (a leading v is accepted); required, so that a " +
            "new Platform release never upgrades the cluster. Supported minor versions: " +
            string.Join(", ", KubernetesVersions.SupportedMinors) + ".",
    };

    /// <summary><c>platform:apiEndpoint</c>: where the Kubernetes API is reached.</summary>
    public static PlatformConfigKey ApiEndpoint { get; } = new()
    {
        Name = "apiEndpoint",
        Type = PlatformConfigValueType.String,
        Required = true,
        Example = "10.0.0.10:6443",
        Description = "Address of the Kubernetes API for clients and joining nodes (kubeadm's controlPlaneEndpoint): host or " +
            "host:port, where host is an IPv4 address or DNS name (usually a VIP or load balancer in front of the " +
            "control-plane nodes) and port defaults to 6443.",
    };

    /// <summary><c>platform:podCidr</c>: the pod address range.</summary>
    public static PlatformConfigKey PodCidr { get; } = new()
    {
        Name = "podCidr",
        Type = PlatformConfigValueType.String,
        Default = PlatformSettings.DefaultPodCidr,
        Example = PlatformSettings.DefaultPodCidr,
        Description = "IPv4 range for pod addresses, /8 to /24 (each node gets a /24 of it); must not overlap " +
            "serviceCidr, node addresses or the API endpoint. IPv6 and dual-stack are not supported yet.",
    };

    /// <summary><c>platform:serviceCidr</c>: the Service cluster IP range.</summary>
    public static PlatformConfigKey ServiceCidr { get; } = new()
    {
        Name = "serviceCidr",
        Type = PlatformConfigValueType.String,
        Default = PlatformSettings.DefaultServiceCidr,
        Example = PlatformSettings.DefaultServiceCidr,
        Description = "IPv4 range for Service cluster IPs, /12 to /24; must not overlap podCidr, node addresses or " +
            "the API endpoint. IPv6 and dual-stack are not supported yet.",
    };

    /// <summary><c>platform:clusterDomain</c>: the in-cluster DNS domain.</summary>
    public static PlatformConfigKey ClusterDomain { get; } = new()
    {
        Name = "clusterDomain",
        Type = PlatformConfigValueType.String,
        Default = PlatformSettings.DefaultClusterDomain,
        Example = PlatformSettings.DefaultClusterDomain,
        Description = "DNS domain of in-cluster Services (lowercase DNS name).",
    };

    /// <summary><c>platform:nodes</c>: the host inventory.</summary>
    public static PlatformConfigKey Nodes { get; } = new()
    {
        Name = "nodes",
        Type = PlatformConfigValueType.Array,
        Required = true,
        Example = NodesExample,
        Description = "Host inventory: a list of objects with name (DNS-1123 label, unique), address (IPv4 or DNS name, " +
            "unique), role (control-plane or worker) and optionally os (ubuntu-22.04, ubuntu-24.04 (default), ubuntu-26.04 or flatcar), " +
            "sshUser (default ubuntu, or core on Flatcar), sshPort (default 22), hostKey (the host's SSH public key, pinned: " +
            "a line of `ssh-keyscan -t ed25519 <address>`; unset, any key is accepted, with a warning), labels (map), taints " +
            "(list of {key, value, effect}), bastion ({host, user, port, hostKey}, or null for a direct connection) and dead " +
            "(true for a host that is gone for good: nothing runs on it again, a control-plane node's etcd member is removed, and " +
            "removing it from the list then skips its drain and reset; default false). " +
            "The number of control-plane nodes must be odd (1, 3, 5) for etcd quorum, and fewer than half of them may be dead.",
    };

    /// <summary><c>platform:bastion</c>: the default SSH jump host.</summary>
    public static PlatformConfigKey Bastion { get; } = new()
    {
        Name = "bastion",
        Type = PlatformConfigValueType.Object,
        Example = """{"host": "bastion.example.internal"}""",
        Description = "Default SSH jump host for every node without its own bastion: {host, user, port, hostKey}; user defaults " +
            "to the node's sshUser and port to 22; hostKey pins the bastion's SSH public key as a node's does. Unset: nodes are " +
            "reached directly.",
    };

    /// <summary><c>platform:sshPrivateKey</c>: the SSH key for nodes and bastions (secret).</summary>
    public static PlatformConfigKey SshPrivateKey { get; } = new()
    {
        Name = "sshPrivateKey",
        Type = PlatformConfigValueType.String,
        Required = true,
        Secret = true,
        Example = "~/.ssh/id_ed25519",
        Description = "SSH private key (PEM/OpenSSH text) for the nodes and bastions; a secret. Set it from the key " +
            "file: pulumi config set --secret platform:sshPrivateKey < ~/.ssh/id_ed25519",
    };

    /// <summary><c>platform:statefulWorkloads</c>: whether stateful workloads are planned.</summary>
    public static PlatformConfigKey StatefulWorkloads { get; } = new()
    {
        Name = "statefulWorkloads",
        Type = PlatformConfigValueType.Boolean,
        Default = "false",
        Example = "true",
        Description = "Whether stateful applications are planned; turns on the capabilities needed only then " +
            "(in-cluster storage).",
    };

    /// <summary><c>platform:secretsEncryptionMigration</c>: the first phase of moving a cluster deployed by an earlier
    /// version from aescbc to secretbox.</summary>
    public static PlatformConfigKey SecretsEncryptionMigration { get; } = new()
    {
        Name = "secretsEncryptionMigration",
        Type = PlatformConfigValueType.Boolean,
        Default = "false",
        Example = "true",
        Description = "Set true on a cluster deployed by a Platform version that encrypted Secrets with aescbc, for its " +
            "first update with this version: Secrets are still written with aescbc while every API server learns to read " +
            "secretbox (the update restarts every API server with it); then set it back to false and update again: secretbox " +
            "writes and every Secret is rewritten. New clusters leave it false.",
    };

    /// <summary><c>platform:capabilities</c>: per-capability overrides of the tier defaults.</summary>
    public static PlatformConfigKey Capabilities { get; } = new()
    {
        Name = "capabilities",
        Type = PlatformConfigValueType.Object,
        Default = "{}",
        Example = """{"tracing": true}""",
        Description = "Switches capabilities on or off regardless of the tier default: a map of capability id to " +
            "true/false, e.g. pulumi config set --path platform:capabilities.tracing true. Capability ids: " +
            string.Join(", ", CapabilityMatrix.Default.All.Select(capability => capability.Id)) + ".",
    };

    /// <summary><c>platform:apiLoadBalancer</c>: how the API endpoint is served.</summary>
    public static PlatformConfigKey ApiLoadBalancer { get; } = new()
    {
        Name = "apiLoadBalancer",
        Type = PlatformConfigValueType.String,
        Example = "kube-vip",
        Description = "How platform:apiEndpoint is served: kube-vip (a virtual IP held by a kube-vip static pod on the " +
            "control-plane nodes; the endpoint must be a free IPv4 address in their network), external (a load balancer " +
            "you run forwards it to port 6443 of every control-plane node) or none (the endpoint is the only " +
            "control-plane node). Unset: none when the endpoint is the only control-plane node's address, kube-vip for " +
            "another IPv4 address, external for a DNS name.",
    };

    /// <summary><c>platform:cni</c>: the CNI plugin and its options.</summary>
    public static PlatformConfigKey Cni { get; } = new()
    {
        Name = "cni",
        Type = PlatformConfigValueType.Object,
        Default = """{"plugin": "cilium"}""",
        Example = """{"plugin": "cilium", "encryption": "all", "kubeProxyReplacement": true, "hubble": true}""",
        Description = "The network plugin: plugin cilium (default) or calico (through the Tigera operator); encryption " +
            "none (default), pod (WireGuard between pods) or all (pod and node traffic, Cilium only); kubeProxyReplacement " +
            "(Cilium only, default false; switching it on a running cluster removes or re-adds kube-proxy, Services served " +
            "throughout); hubble (Cilium's flow observability, default false). Both plugins enforce " +
            "NetworkPolicy. The plugin cannot be changed once the cluster runs.",
    };

    /// <summary><c>platform:ingress</c>: the ingress controllers.</summary>
    public static PlatformConfigKey Ingress { get; } = new()
    {
        Name = "ingress",
        Type = PlatformConfigValueType.Object,
        Default = """{"controllers": [{"kind": "traefik", "default": true}]}""",
        Example = """{"controllers": [{"kind": "traefik", "default": true}, {"kind": "contour"}]}""",
        Description = "The ingress controllers, each with its own IngressClass and exactly one the default: controllers, a list of " +
            "{kind (traefik, ingress-nginx (retired upstream: a warning), contour, haproxy or emissary (the seed's Ambassador)), className (default: " +
            "the kind's usual name), default (true for exactly one), replicas (default 2), exposure (loadBalancer, nodePort " +
            "or hostPort; default loadBalancer when platform:loadBalancer hands out addresses, nodePort otherwise)}.",
    };

    /// <summary><c>platform:loadBalancer</c>: what hands out LoadBalancer addresses on bare metal.</summary>
    public static PlatformConfigKey LoadBalancer { get; } = new()
    {
        Name = "loadBalancer",
        Type = PlatformConfigValueType.Object,
        Default = """{"provider": "none"}""",
        Example = """{"provider": "metallb", "pools": [{"name": "default", "addresses": ["192.168.10.200-192.168.10.220"]}]}""",
        Description = "What hands out LoadBalancer addresses on bare metal: provider metallb, cilium-l2 (Cilium's LB IPAM with " +
            "L2 announcements; needs Cilium with kubeProxyReplacement) or none (ingress controllers use NodePort or host " +
            "ports); pools, a list of {name, addresses: [CIDR or first-last range]} from the nodes' network, outside podCidr and " +
            "serviceCidr, apart from the nodes' and the API endpoint's addresses and from each other.",
    };

    /// <summary><c>platform:certificates</c>: cert-manager's issuers.</summary>
    public static PlatformConfigKey Certificates { get; } = new()
    {
        Name = "certificates",
        Type = PlatformConfigValueType.Object,
        Example = """{"acmeEmail": "platform@example.com"}""",
        Description = "For the certificates capability (cert-manager): acmeEmail (the Let's Encrypt account, required with " +
            "letsEncrypt), challenge http01 (through the default IngressClass, default) or dns01 (RFC 2136, with rfc2136: " +
            "{nameserver host[:port], tsigKeyName, tsigAlgorithm HMACSHA256 or HMACSHA512} and the secret " +
            "platform:rfc2136TsigSecret), letsEncrypt (staging and production issuers, default true), internalCa (an issuer " +
            "with a CA the platform owns, default true).",
    };

    /// <summary><c>platform:rfc2136TsigSecret</c>: the TSIG secret for DNS-01 through RFC 2136.</summary>
    public static PlatformConfigKey Rfc2136TsigSecret { get; } = new()
    {
        Name = "rfc2136TsigSecret",
        Type = PlatformConfigValueType.String,
        Secret = true,
        Example = "base64-tsig-secret",
        Description = "The TSIG secret (base64) cert-manager signs RFC 2136 updates with for DNS-01; a secret. Needed only with " +
            "platform:certificates.challenge dns01.",
    };

    /// <summary><c>platform:externalDns</c>: the external-dns provider and zones.</summary>
    public static PlatformConfigKey ExternalDns { get; } = new()
    {
        Name = "externalDns",
        Type = PlatformConfigValueType.Object,
        Example = """{"provider": "cloudflare", "domainFilters": ["apps.example.com"]}""",
        Description = "For the externalDns capability: provider (rfc2136, aws, azure, google or cloudflare), domainFilters (the " +
            "zones it may change, at least one), rfc2136 ({nameserver, zone, tsigKeyName, tsigAlgorithm}), awsRegion, " +
            "azureResourceGroup, azureSubscriptionId, googleProject, sync (also delete records, default false: upsert only). " +
            "Credentials go in the secret platform:externalDnsCredentials.",
    };

    /// <summary><c>platform:externalDnsCredentials</c>: the DNS provider's credentials.</summary>
    public static PlatformConfigKey ExternalDnsCredentials { get; } = new()
    {
        Name = "externalDnsCredentials",
        Type = PlatformConfigValueType.String,
        Secret = true,
        Example = """{"cloudflare-api-token": "..."}""",
        Description = "The DNS provider's credentials as a JSON object; a secret. Keys: rfc2136 tsig-secret; aws " +
            "aws-access-key-id and aws-secret-access-key; azure azure.json; google credentials.json; cloudflare " +
            "cloudflare-api-token.",
    };

    /// <summary><c>platform:storage</c>: where the platform's volumes come from.</summary>
    public static PlatformConfigKey Storage { get; } = new()
    {
        Name = "storage",
        Type = PlatformConfigValueType.Object,
        Default = """{"provider": "rook-ceph"}""",
        Example = """{"provider": "rook-ceph", "deviceFilter": "^sd[b-z]"}""",
        Description = "For the storage capability (on when platform:statefulWorkloads is true): provider rook-ceph (default: " +
            "Ceph on the nodes of platform:nodes labelled nodeLabel, default node-role.kubernetes.io/storage, tolerating their " +
            "taints; StorageClasses ceph-block (RBD, the default class), ceph-filesystem (CephFS) and ceph-bucket (RGW " +
            "buckets)), existing (className: a StorageClass the cluster already has) or none (every stateful layer must " +
            "then be ephemeral). Rook-Ceph options: deviceFilter (a regular expression of device names; default every unused " +
            "device), devices (explicit devices by node name, e.g. {\"storage-1\": [\"sdb\"]}), replicas (copies per pool " +
            "on different storage nodes, default 3, so at least 3 storage nodes), destroyDataOnDelete (default false: deleting " +
            "the CephCluster never wipes data; true sets Rook's cleanupPolicy to wipe the hosts, to decommission the storage).",
    };

    /// <summary><c>platform:monitoring</c>: the monitoring capability's sizing, storage, alert receivers and Grafana.</summary>
    public static PlatformConfigKey Monitoring { get; } = new()
    {
        Name = "monitoring",
        Type = PlatformConfigValueType.Object,
        Example = """{"grafana": {"host": "grafana.example.com"}, "alertmanager": {"receivers": [{"name": "ops-mail", "type": "email", "to": "ops@example.com", "from": "alertmanager@example.com", "smarthost": "smtp.example.com:587"}]}}""",
        Description = "For the monitoring capability (kube-prometheus-stack: Prometheus, Alertmanager, Grafana, node-exporter; " +
            "README \"Monitoring\"). prometheus and alertmanager: replicas, retention (e.g. \"15d\", \"72h\", \"2w\"), " +
            "storageSize (e.g. \"50Gi\"), cpuRequest, memoryRequest, memoryLimit, each defaulting to the tier's sizing; " +
            "ephemeral (default false: the data lives on the platform's StorageClass, and a stack without storage is refused; " +
            "true keeps it in emptyDir volumes, lost when a pod moves); alertmanager.receivers: a list of {name, type} with type " +
            "email (to, from, smarthost host:port, optional username), slack (optional channel), teams, pagerduty or watchdog " +
            "(a heartbeat URL that gets the always-firing Watchdog alert every minute), each with optional severities (default " +
            "[\"critical\", \"warning\"]); their secrets go in platform:monitoringSecrets. grafana.host: Grafana's hostname on " +
            "the default IngressClass, required when the ingress capability is on.",
    };

    /// <summary><c>platform:logging</c>: the logging capability's OpenSearch sizing, retention, storage and Dashboards.</summary>
    public static PlatformConfigKey Logging { get; } = new()
    {
        Name = "logging",
        Type = PlatformConfigValueType.Object,
        Example = """{"retentionDays": 14, "dashboards": {"host": "logs.example.com"}}""",
        Description = "For the logging capability (OpenSearch with its security plugin and OpenSearch Dashboards; README " +
            "\"Logging\"). replicas (OpenSearch nodes: 1, or 3 to 9), storageSize (each node's volume, e.g. \"100Gi\"), " +
            "retentionDays (1 to 3650: logs-*, jaeger-* and falco-* indices are deleted that many days after their creation), " +
            "cpuRequest, memoryRequest, memoryLimit (1Gi to 64Gi; the JVM heap is half of it), each defaulting to the tier's " +
            "(small 1 node, 30Gi, 7 days; medium 3 nodes, 100Gi, 14 days; enterprise 3 nodes, 300Gi, 30 days); ephemeral " +
            "(default false: the data lives on the platform's StorageClass, and a stack without storage is refused; true keeps " +
            "it in emptyDir volumes, lost when a pod moves); dashboards.host: OpenSearch Dashboards' hostname on the default " +
            "IngressClass (no Ingress without it); dashboards.replicas (1 to 5; small 1, otherwise 2).",
    };

    /// <summary><c>platform:monitoringSecrets</c>: the alert receivers' secrets.</summary>
    public static PlatformConfigKey MonitoringSecrets { get; } = new()
    {
        Name = "monitoringSecrets",
        Type = PlatformConfigValueType.String,
        Secret = true,
        Example = """{"ops-slack": "https://hooks.slack.com/services/..."}""",
        Description = "The alert receivers' secrets as a JSON object of receiver name to secret; a secret. email with a username: " +
            "the SMTP password; slack, teams and watchdog: the https webhook URL; pagerduty: the Events API v2 routing key.",
    };

    /// <summary><c>platform:tracing</c>: the tracing capability's sampling, sizing, retention and UI host.</summary>
    public static PlatformConfigKey Tracing { get; } = new()
    {
        Name = "tracing",
        Type = PlatformConfigValueType.Object,
        Example = """{"samplingRate": 0.05, "host": "jaeger.example.com"}""",
        Description = "For the tracing capability (Jaeger v2; README \"Traces\"). samplingRate: the share of traces the remote " +
            "sampling endpoint tells SDKs to record (above 0, at most 1; default small 0.1, medium 0.05, enterprise 0.01); " +
            "replicas (default 1 without the logging capability, which is the only value then; with logging small 1, medium " +
            "and enterprise 2); cpuRequest, memoryRequest, memoryLimit (Mi or Gi); retentionDays (days of traces kept in " +
            "OpenSearch, 1 to 90; default small 3, medium 7, enterprise 14); maxTraces (traces the memory storage keeps " +
            "without logging, 1000 to 1000000); host: the Jaeger UI's hostname on the default IngressClass (optional).",
    };

    /// <summary><c>platform:gitOps</c>: Argo CD's hostname, notifications and app-of-apps bootstrap.</summary>
    public static PlatformConfigKey GitOps { get; } = new()
    {
        Name = "gitOps",
        Type = PlatformConfigValueType.Object,
        Example = """{"host": "argocd.example.com", "bootstrap": {"repoUrl": "https://git.example.com/platform/apps.git", "path": "clusters/prod"}}""",
        Description = "For the gitOps capability (Argo CD; README \"GitOps with Argo CD\"). host: Argo CD's hostname on the default " +
            "IngressClass, also its single sign-on callback (optional: without it no Ingress and no single sign-on, reach it " +
            "with kubectl port-forward as the local admin); notifications (default true: failed syncs and degraded " +
            "applications go to the monitoring layer's Alertmanager, which routes them to its receivers; nothing without the " +
            "monitoring capability); bootstrap: {repoUrl (https://host/path, ssh://user@host/path or user@host:path), path (a " +
            "folder relative to the repository's root), targetRevision (default HEAD)}, an app-of-apps Application Argo CD " +
            "syncs automatically, with the credentials of the secret platform:gitOpsRepositoryCredentials when the repository needs them.",
    };

    /// <summary><c>platform:gitOpsRepositoryCredentials</c>: the bootstrap repository's credentials.</summary>
    public static PlatformConfigKey GitOpsRepositoryCredentials { get; } = new()
    {
        Name = "gitOpsRepositoryCredentials",
        Type = PlatformConfigValueType.String,
        Secret = true,
        Example = "gitops-repository-credentials.json",
        Description = "The credentials of platform:gitOps.bootstrap's repository as a JSON object; a secret. https: username and " +
            "password (or an access token); SSH: sshPrivateKey (the PEM or OpenSSH private key). Not needed for a public https repository.",
    };

    /// <summary><c>platform:userInterface</c>: Headlamp's host, replicas, session length and plugins.</summary>
    public static PlatformConfigKey UserInterface { get; } = new()
    {
        Name = "userInterface",
        Type = PlatformConfigValueType.Object,
        Example = """{"host": "headlamp.example.com"}""",
        Description = "For the userInterface capability (Headlamp; README \"Headlamp\"). host: Headlamp's hostname on the default " +
            "IngressClass (required when the capability is on); replicas (1 to 10; default small 1, medium and enterprise 2, 1 " +
            "where workloads have one node); sessionTtlSeconds (how long a session lasts, 300 to 604800; default 86400); " +
            "plugins (whether Headlamp serves its bundled plugins, the Prometheus plugin among them; default true).",
    };

    /// <summary><c>platform:backup</c>: where Velero's backups go, when they run and what they hold.</summary>
    public static PlatformConfigKey Backup { get; } = new()
    {
        Name = "backup",
        Type = PlatformConfigValueType.Object,
        Example = """{"target": "s3", "s3": {"endpoint": "https://s3.example.internal:9000", "bucket": "platform-backups", "region": "us-east-1"}}""",
        Description = "For the backup capability (Velero): target rook (a bucket of the platform's Rook-Ceph object store, the " +
            "default when the platform deploys Rook-Ceph; protects against mistakes, not against losing the cluster) or s3 (an " +
            "external endpoint, with s3: {endpoint https://host[:port], bucket, region, prefix (default none), forcePathStyle " +
            "(default true), caBundle (PEM of a private CA), allowHttp (default false)} and the secret platform:backupCredentials); " +
            "schedules, a list of {name, cron (five fields, UTC), ttl (a Go duration such as 168h)}, default per tier (small: " +
            "daily kept 7 days; medium: daily kept 14 days; enterprise: hourly kept 48 h and daily kept 30 days); " +
            "includeNamespaces (default all); excludeNamespaces (default the platform's own namespaces that hold no state); " +
            "volumes fileSystem (Kopia file-system backup of every pod volume, default) or none (objects only).",
    };

    /// <summary><c>platform:backupCredentials</c>: the S3 access key of an external backup target.</summary>
    public static PlatformConfigKey BackupCredentials { get; } = new()
    {
        Name = "backupCredentials",
        Type = PlatformConfigValueType.String,
        Secret = true,
        Example = "backup-credentials.json",
        Description = "The S3 access key of platform:backup's s3 target as a JSON object {\"accessKeyId\": ..., \"secretAccessKey\": ...}; " +
            "a secret. Not set with target rook (the bucket's key comes from its ObjectBucketClaim, inside the cluster).",
    };

    /// <summary><c>platform:imageScanning</c>: the Trivy operator's reports and the optional Harbor registry.</summary>
    public static PlatformConfigKey ImageScanning { get; } = new()
    {
        Name = "imageScanning",
        Type = PlatformConfigValueType.Object,
        Example = """{"registry": "harbor", "harbor": {"host": "harbor.example.com", "storageSize": "200Gi"}}""",
        Description = "For the imageScanning capability (the Trivy operator; README \"Image scanning\"): severities (the " +
            "vulnerability severities reported, of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL; default all), concurrency (scan jobs " +
            "at once, at least 1; default small 1, medium 3, enterprise 5), dbRepository and javaDbRepository (the OCI " +
            "repositories of Trivy's databases, registry[:port]/path, e.g. an internal mirror; default " +
            "mirror.gcr.io/aquasec/trivy-db and mirror.gcr.io/aquasec/trivy-java-db), registry none (default) or harbor " +
            "(Harbor with its Trivy scanner, on the default IngressClass with a cert-manager certificate and volumes on the " +
            "platform's StorageClass: needs the ingress, certificates and storage capabilities) with harbor: {host " +
            "(required), storageSize (the registry's volume, default 50Gi), projects (a list of {name, public (default " +
            "false), proxyCache (a pull-through cache of Docker Hub, default false), preventSeverity (low, medium, high, " +
            "critical or none; default critical)}; default dockerhub, a public Docker Hub cache, and platform)}.",
    };

    /// <summary><c>platform:securityAudits</c>: Falco's priorities, outputs, tuned exceptions and sizing.</summary>
    public static PlatformConfigKey SecurityAudits { get; } = new()
    {
        Name = "securityAudits",
        Type = PlatformConfigValueType.Object,
        Example = """{"exceptions": [{"rule": "Terminal shell in container", "namespace": "ops-tools", "reason": "the on-call debug pods"}]}""",
        Description = "For the security audits capability (Falco and Falcosidekick; README \"Security audits\"). minimumPriority: " +
            "the lowest priority of the rules Falco loads (emergency, alert, critical, error, warning, notice, informational or " +
            "debug; default notice); outputs.alertmanager.minimumPriority (default warning) and outputs.opensearch.minimumPriority " +
            "(default notice): what Falcosidekick forwards, when the monitoring and logging capabilities are on; exceptions: a list " +
            "of {rule (a default Falco rule or a platform rule), namespace and/or image (an image repository without tag), reason " +
            "(required)}: the rule's events from that namespace, image or both are not raised; cpuRequest, memoryRequest, " +
            "memoryLimit: Falco's resources on each node, defaulting to the tier's.",
    };

    /// <summary><c>platform:serviceMesh</c>: the service mesh (Istio or Consul) and the teams' namespaces in it.</summary>
    public static PlatformConfigKey ServiceMesh { get; } = new()
    {
        Name = "serviceMesh",
        Type = PlatformConfigValueType.Object,
        Example = """{"provider": "istio", "mode": "ambient", "mtls": "strict", "namespaces": ["payments"]}""",
        Description = "For the serviceMesh capability (README \"Service mesh\"). provider: istio (default) or consul (Consul is " +
            "under the BSL 1.1); mode (Istio only): ambient (default; ztunnel on every node, no sidecars) or sidecar (Envoy " +
            "injected into each pod); mtls: strict (default; meshed workloads accept mTLS only) or permissive (Istio only: " +
            "plain text accepted too); namespaces: the teams' namespaces of platform:tenants in the mesh (each opts in by " +
            "being listed; default none); consul (Consul only): {serverReplicas (odd, 1 to 7; default small 1, medium and " +
            "enterprise 3), storageSize (each server's volume, default 10Gi; needs the platform's StorageClass)}.",
    };

    /// <summary><c>platform:hardeningExceptions</c>: hardening defaults switched off deliberately.</summary>
    public static PlatformConfigKey HardeningExceptions { get; } = new()
    {
        Name = "hardeningExceptions",
        Type = PlatformConfigValueType.Object,
        Default = "{}",
        Example = """{"auditLog": "audit events are collected by the SIEM agent instead"}""",
        Description = "Hardening defaults to switch off, each with the reason (a non-empty text), e.g. " +
            "pulumi config set --path 'platform:hardeningExceptions.auditLog' 'collected by the SIEM agent'. Switches: " +
            string.Join(", ", HardeningSwitches.Ids) + ". Everything is hardened when unset (see components/Cluster/Kubeadm/CIS.md).",
    };

    /// <summary><c>platform:upgrade</c>: how Kubernetes upgrades roll through the nodes.</summary>
    public static PlatformConfigKey Upgrade { get; } = new()
    {
        Name = "upgrade",
        Type = PlatformConfigValueType.Object,
        Default = """{"maxUnavailableWorkers": "10%"}""",
        Example = """{"maxUnavailableWorkers": 5}""",
        Description = "How a change of platform:kubernetesVersion rolls through the nodes. maxUnavailableWorkers: how many " +
            "workers are drained, upgraded and uncordoned at once, a count (e.g. 5) or a percentage of the workers rounded " +
            "down (e.g. \"25%\"), at least one; default \"10%\". Control-plane nodes always upgrade one at a time.",
    };

    /// <summary><c>platform:reboots</c>: when kured may drain and reboot the nodes that need it.</summary>
    public static PlatformConfigKey Reboots { get; } = new()
    {
        Name = "reboots",
        Type = PlatformConfigValueType.Object,
        Default = """{"enabled": true, "days": ["su", "mo", "tu", "we", "th", "fr", "sa"], "startTime": "00:00", "endTime": "23:59:59", "timeZone": "UTC", "drainTimeout": "15m"}""",
        Example = """{"days": ["sat", "sun"], "startTime": "02:00", "endTime": "06:00", "timeZone": "Europe/Berlin", "drainTimeout": "30m"}""",
        Description = "Coordinated node reboots (kured): a node that needs a reboot (a staged Flatcar update, an Ubuntu " +
            "package that asks for one) is drained and rebooted, one node at a time across the cluster, only inside the " +
            "window. enabled (default true; false: nothing reboots nodes, Flatcar's own reboots stay off); days (day names, " +
            "default every day); startTime and endTime (HH:MM or HH:MM:SS, default 00:00 to 23:59:59; an end before the start " +
            "runs over midnight); timeZone (IANA name, default UTC); drainTimeout (e.g. \"15m\", 1m to 24h, default 15m: a " +
            "drain that takes longer is given up and the node is not rebooted).",
    };

    /// <summary><c>platform:logShipping</c>: Fluent Bit's disk buffer, resources and excluded namespaces (the logging
    /// capability's shipper).</summary>
    public static PlatformConfigKey LogShipping { get; } = new()
    {
        Name = "logShipping",
        Type = PlatformConfigValueType.Object,
        Example = """{"bufferLimit": "5G", "memoryLimit": "512Mi", "excludeNamespaces": ["load-tests"]}""",
        Description = "For the logging capability's shipper (Fluent Bit on every node, README \"Logs\"). bufferLimit: the " +
            "most each output (containers, journal, audit) keeps on a node's disk while OpenSearch is unreachable, <n>M or " +
            "<n>G from 64M to 500G (tier default 1G, 2G, 5G; beyond it the oldest records are dropped); cpuRequest, " +
            "memoryRequest, memoryLimit (at least 128Mi) of each Fluent Bit pod, defaulting to the tier's; excludeNamespaces: " +
            "namespaces whose container logs are not shipped (default none); podLabels (default true: each record carries its " +
            "pod's labels; annotations never).",
    };

    /// <summary><c>platform:podSecurity</c>: the cluster-wide Pod Security level and its exemptions.</summary>
    public static PlatformConfigKey PodSecurity { get; } = new()
    {
        Name = "podSecurity",
        Type = PlatformConfigValueType.Object,
        Default = "{}",
        Example = """{"enforce": "restricted", "exemptions": {"namespaces": {"legacy-billing": "the vendor's image runs as root until release 5"}}}""",
        Description = "Pod Security admission for namespaces without their own level (hardening switch podSecurityDefaults): " +
            "enforce (privileged, baseline or restricted; default restricted for the medium and enterprise tiers and baseline " +
            "for small while the nonRootContainers capability is on, baseline when it is off; set only with it on); restricted " +
            "is always audited and warned. exemptions: usernames, runtimeClasses and namespaces, each a map of name to the " +
            "reason it is exempt (a non-empty text); kube-system is always exempt. Platform namespaces and teams' namespaces " +
            "carry their own level.",
    };

    /// <summary><c>platform:tenants</c>: the teams' namespaces.</summary>
    public static PlatformConfigKey Tenants { get; } = new()
    {
        Name = "tenants",
        Type = PlatformConfigValueType.Array,
        Default = "[]",
        Example = """[{"name": "payments", "team": "payments", "owner": "payments-oncall@example.com", "quota": {"requests.cpu": "8", "requests.memory": "16Gi", "limits.memory": "32Gi", "pods": "100"}}]""",
        Description = "Teams' namespaces, each {name (a DNS-1123 label, not default, kube-* or a platform namespace), team " +
            "(label platform/team), owner (contact, annotation platform/owner), group (bound to the ClusterRole edit; default " +
            "the team), podSecurity (privileged, baseline or restricted; default the cluster's level; a lower one needs " +
            "podSecurityReason), quota (ResourceQuota hard limits, required), limitRange ({defaultRequest, default, max, min} " +
            "for containers; default requests cpu 100m and memory 128Mi, limits cpu 1 and memory 512Mi for the resources whose " +
            "limits the quota counts), labels}. Each gets a " +
            "default-deny NetworkPolicy with DNS allowed. Removing one needs `pulumi state unprotect` of its Namespace first.",
    };

    /// <summary><c>platform:policies</c>: the policy enforcement capability's five typed policies.</summary>
    public static PlatformConfigKey Policies { get; } = new()
    {
        Name = "policies",
        Type = PlatformConfigValueType.Object,
        Default = """{"allowedRegistries": {}, "allowedImages": {}, "requiredLabels": {}, "reliabilityPractices": {}, "apiRestrictions": {}}""",
        Example = """{"allowedRegistries": {"enforcement": "deny", "registries": ["registry.example.com"]}, "requiredLabels": {"labels": [{"key": "owner"}, {"key": "project", "allowedRegex": "^[a-z][a-z0-9-]*$"}], "exemptions": [{"name": "legacy", "reason": "TICKET-42, until June", "namespaces": ["legacy-billing"]}]}}""",
        Description = "For the policy enforcement capability (OPA Gatekeeper; README \"Policies\"): the five policies by name, " +
            "each on with the tier's enforcement (dryrun for small and medium, deny for enterprise) and its defaults unless " +
            "given false or {\"enabled\": false}. Every policy takes enforcement (deny, warn or dryrun), namespaceSelector " +
            "(labels a namespace needs to be checked) and exemptions (a list of {name, reason, namespaces, images (prefixes), " +
            "objects ({kind, namespace, name}; a trailing * makes name a prefix)}). allowedRegistries: registries (default " +
            "registry.k8s.io, quay.io, ghcr.io, docker.io); allowedImages: repositories (default any), digestRequired (default " +
            "false), never latest; requiredLabels: labels ({key, allowedRegex}; default project and owner) on workloads; " +
            "reliabilityPractices: requests and limits (resources every container sets; default cpu and memory), maxLimits " +
            "(default {\"cpu\": \"4\", \"memory\": \"16Gi\"}), probes (default true); apiRestrictions: nodePortNamespaces and " +
            "loadBalancerNamespaces (default none), denyWildcardHosts and denyDuplicateHosts (Ingress; default true), rules " +
            "({name, groups, kinds (Kind or group/Kind), operations (CREATE, UPDATE, DELETE)}). kube-system and the platform's " +
            "namespaces are never checked.",
    };

    /// <summary><c>platform:authentication</c>: Dex, its upstream identity providers, claim mappings and group rights.</summary>
    public static PlatformConfigKey Authentication { get; } = new()
    {
        Name = "authentication",
        Type = PlatformConfigValueType.Object,
        Example = """{"host": "dex.example.com", "connectors": [{"id": "corp-ldap", "type": "ldap", "name": "Corporate directory", "config": {"host": "ldap.example.com:636", "bindDN": "cn=dex,ou=services,dc=example,dc=com", "userSearch": {"baseDN": "ou=people,dc=example,dc=com", "username": "uid", "idAttr": "uid", "emailAttr": "mail", "nameAttr": "cn"}, "groupSearch": {"baseDN": "ou=groups,dc=example,dc=com", "nameAttr": "cn", "userMatchers": [{"userAttr": "DN", "groupAttr": "member"}]}}}], "rbac": {"platform-admins": "cluster-admin"}}""",
        Description = "For the authentication capability (Dex and kubelogin; README \"Logging in\"), mandatory in every tier: " +
            "set it, or switch the capability off with platform:capabilities.authentication false. provider dex (the default; " +
            "keycloak is not available in this version); host: Dex's issuer hostname on the default IngressClass (required; the " +
            "issuer is https://<host>, its certificate from cert-manager, so the ingress and certificates capabilities must be on); " +
            "connectors: a list of {id, type (ldap, oidc, saml, github or gitlab), name, config (the connector's Dex settings " +
            "without its secret or redirectURI)}; their secrets go in platform:authenticationSecrets; claims: {username: {claim " +
            "(email, sub, name or preferred_username; default email), prefix (default oidc:)}, groups: {prefix (default oidc:)}}, " +
            "never system:; rbac: a map of group (as the identity provider names it) to cluster-admin, edit or view; replicas " +
            "(1 to 5; default small 1, otherwise 2). Each team's group of platform:tenants gets edit in its namespace.",
    };

    /// <summary><c>platform:authenticationSecrets</c>: the secrets of Dex's connectors.</summary>
    public static PlatformConfigKey AuthenticationSecrets { get; } = new()
    {
        Name = "authenticationSecrets",
        Type = PlatformConfigValueType.String,
        Secret = true,
        Example = """{"corp-ldap": "bind password"}""",
        Description = "The secrets of platform:authentication's connectors as a JSON object of connector id to secret; a secret. " +
            "ldap: the bind password (bindPW); oidc, github and gitlab: the OAuth client secret; saml needs none.",
    };

    /// <summary><c>platform:secretManagement</c>: SOPS with an age key, or a Vault/OpenBao server in HA.</summary>
    public static PlatformConfigKey SecretManagement { get; } = new()
    {
        Name = "secretManagement",
        Type = PlatformConfigValueType.Object,
        Example = """{"provider": "sops", "sops": {"recipients": ["age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"]}}""",
        Description = "For the secret management capability (README \"Secret management\"). provider: sops (secrets encrypted in " +
            "git with age, decrypted in the cluster by the sops-secrets-operator with a key generated in Pulumi state; default " +
            "for small and medium) or vault (a Vault API server in HA with Raft storage; default for enterprise). server: vault " +
            "(HashiCorp Vault, BSL 1.1, the default) or openbao (OpenBao, MPL 2.0). sops: {recipients: the editors' age public " +
            "keys (age1...), at least one}. vault: {replicas (3 or 5, default 3; 1 for a test install without HA), storageSize " +
            "(each server's Raft volume, Mi or Gi, default 10Gi), unseal (shamir, the default, or transit), pgpKeys (each key " +
            "holder's OpenPGP public key, base64 of `gpg --export`; one share each, required), threshold (shares needed, " +
            "default a majority), transit (with unseal transit: {address (https://host:port of the other server), keyName, " +
            "mountPath (default transit/), caCertificate (PEM, optional)}, its token the secret " +
            "platform:secretManagementTransitToken), unsealed (set true once every server is unsealed with Shamir; the setup " +
            "Jobs run only then)}.",
    };

    /// <summary><c>platform:secretManagementTransitToken</c>: the transit seal's token.</summary>
    public static PlatformConfigKey SecretManagementTransitToken { get; } = new()
    {
        Name = "secretManagementTransitToken",
        Type = PlatformConfigValueType.String,
        Secret = true,
        Example = "hvs.CAES...",
        Description = "The token of platform:secretManagement.vault.transit: a periodic token of the other server whose policy " +
            "allows only update on <mountPath>encrypt/<keyName> and <mountPath>decrypt/<keyName>; a secret. Required with " +
            "unseal transit.",
    };

    /// <summary>Every key, in documentation order.</summary>
    public static IReadOnlyList<PlatformConfigKey> All { get; } =
    [
        Tier,
        Environment,
        ClusterName,
        KubernetesVersion,
        ApiEndpoint,
        ApiLoadBalancer,
        PodCidr,
        ServiceCidr,
        ClusterDomain,
        Nodes,
        Bastion,
        SshPrivateKey,
        StatefulWorkloads,
        Capabilities,
        HardeningExceptions,
        SecretsEncryptionMigration,
        Upgrade,
        Reboots,
        Cni,
        LoadBalancer,
        Ingress,
        Certificates,
        Rfc2136TsigSecret,
        ExternalDns,
        ExternalDnsCredentials,
        Storage,
        Monitoring,
        MonitoringSecrets,
        Logging,
        LogShipping,
        Tracing,
        PodSecurity,
        Tenants,
        Backup,
        BackupCredentials,
        Policies,
        ImageScanning,
        SecurityAudits,
        GitOps,
        GitOpsRepositoryCredentials,
        UserInterface,
        Authentication,
        AuthenticationSecrets,
        SecretManagement,
        SecretManagementTransitToken,
        ServiceMesh,
    ];
}
