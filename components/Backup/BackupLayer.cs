using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Storage;
using Pulumi;
using Pulumi.Kubernetes.ApiExtensions;
using CustomResource = Pulumi.Kubernetes.ApiExtensions.CustomResource;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Platform.Components.Backup;

/// <summary>
/// The backup capability: Velero in the privileged platform namespace <c>velero</c> (its node agent reads every pod's
/// volumes from the kubelet's host directory) with the AWS plugin, one backup storage location on the target's bucket,
/// file-system backup of volumes with Kopia, and the schedules as Velero Schedule objects. With the in-cluster target,
/// the bucket is claimed from the Rook object store (the claim is protected: deleting it would delete the bucket and
/// every backup) and its key reaches Velero from the claim's Secret; with an external one, the key is a Secret whose
/// data stays secret in the state. The key is never in the chart's values.
/// </summary>
public sealed class BackupLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:backup:Backup";

    /// <summary>Installs Velero and its schedules.</summary>
    public BackupLayer(string name, BackupLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = Problems(args);
        if (problems.Count > 0)
            throw new ArgumentException($"Backup: {string.Join(" ", problems)}", nameof(args));

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = BackupNamespaces.Velero,
            // The node agent mounts /var/lib/kubelet/pods (a host path, with mount propagation) and runs as root.
            Enforce = PodSecurityLevel.Privileged,
            Allowances = [NetworkAllowance.ToApiServer(), TargetAllowance(args.Target)],
            MetricsPorts = [(VeleroValues.MetricsPort, "TCP")],
            // With the in-cluster bucket, the namespace holds its claim: deleting the namespace would delete the claim,
            // and with it the bucket and every backup, so it is protected and kept like the claim.
            Protect = args.Target.InCluster,
            RetainOnDelete = args.Target.InCluster,
        }, new ComponentResourceOptions { Parent = this });

        Resource credentials;
        if (args.Target.InCluster)
        {
            // Deleting the claim deletes the bucket (the bucket class reclaims with Delete), and with it every backup:
            // protected, and kept in the cluster when it leaves the stack.
            credentials = BucketClaim = new CustomResource($"{name}-bucket", new ObjectBucketClaimArgs
            {
                Metadata = new ObjectMetaArgs
                {
                    Name = RookBackupBucket.ClaimName,
                    Namespace = ns.NamespaceName,
                    // Velero's pods read the claim's Secret, which Rook writes once the bucket exists: the release waits
                    // until the claim is bound (the Kubernetes provider's waitFor annotation), not just created.
                    Annotations = { { "pulumi.com/waitFor", "jsonpath={.status.phase}=Bound" } },
                },
                Spec = new InputMap<object>
                {
                    ["bucketName"] = args.Target.Bucket,
                    ["storageClassName"] = RookCephValues.BucketClass,
                },
            }, new CustomResourceOptions { Parent = this, DependsOn = args.StorageReady.ToArray(), Protect = true, RetainOnDelete = true });
        }
        else
        {
            var file = Output.Tuple(args.Credentials!.AccessKeyId, args.Credentials.SecretAccessKey)
                .Apply(c => VeleroValues.CredentialsFile(c.Item1, c.Item2));
            credentials = CredentialsSecret = SecretObjects.Create(this, $"{name}-s3-credentials", VeleroValues.CredentialsSecretName, ns.NamespaceName, "Opaque",
                new InputMap<string> { [VeleroValues.CredentialsKey] = Output.CreateSecret(file) });
        }

        Release = HelmInstall.Chart($"{name}-velero", HelmCharts.Velero, ns.NamespaceName,
            VeleroValues.Render(args.Target, args.Volumes, monitoring: args.Metrics is not null),
            new CustomResourceOptions { Parent = this, DependsOn = args.Metrics is null ? [credentials] : [credentials, args.Metrics.CrdsReady] });

        Schedules = [.. args.Schedules.Select(schedule => new CustomResource($"{name}-schedule-{schedule.Name}",
            new CustomObjectArgs(VeleroSchedules.ApiVersion, VeleroSchedules.Kind)
            {
                Metadata = new ObjectMetaArgs { Name = schedule.Name, Namespace = ns.NamespaceName },
                Spec = VeleroSchedules.Spec(schedule, args.IncludedNamespaces, args.ExcludedNamespaces, args.Volumes)
                    .ToDictionary(kv => kv.Key, kv => kv.Value),
            }, new CustomResourceOptions { Parent = this, DependsOn = { Release } }))];

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["bucket"] = args.Target.Bucket,
            ["endpoint"] = args.Target.Endpoint.ToString(),
            ["schedules"] = args.Schedules.Select(s => s.Name).ToList(),
        });
    }

    /// <summary>Velero's Helm release (with its CRDs registered first).</summary>
    public Release Release { get; }

    /// <summary>The Velero Schedule objects, one per schedule, after the release.</summary>
    public IReadOnlyList<CustomResource> Schedules { get; }

    /// <summary>The ObjectBucketClaim of the in-cluster bucket (null with an external target).</summary>
    public CustomResource? BucketClaim { get; }

    /// <summary>The Secret with an external target's key (null with the in-cluster target).</summary>
    public Pulumi.Kubernetes.Core.V1.Secret? CredentialsSecret { get; }

    private static List<string> Problems(BackupLayerArgs args)
    {
        var problems = new List<string>();
        if (args.Target.InCluster && args.Credentials is not null)
            problems.Add("the in-cluster bucket's key comes from its ObjectBucketClaim; credentials are for an external target only.");
        if (!args.Target.InCluster && args.Credentials is null)
            problems.Add("an external target needs credentials (its S3 access key).");
        if (args.Schedules.Count == 0)
            problems.Add("at least one schedule is needed.");
        if (args.Volumes == BackupVolumes.Snapshot)
            problems.Add("CSI snapshot data movement needs the CSI snapshot CRDs and controller, which the platform does not deploy.");
        return problems;
    }

    /// <summary>Egress to the target: the Rook gateway's pods (port 8080, behind the Service's port 80) in the storage
    /// namespace; an external endpoint on its port, only its address when it is an IPv4 literal.</summary>
    private static NetworkAllowance TargetAllowance(BackupTarget target)
    {
        if (target.InCluster)
            return new NetworkAllowance { Name = "allow-backup-target", Direction = TrafficDirection.Egress, Namespace = RookCephValues.Namespace, Ports = [(8080, "TCP")] };
        var literal = System.Net.IPAddress.TryParse(target.Endpoint.Host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        return new NetworkAllowance
        {
            Name = "allow-backup-target",
            Direction = TrafficDirection.Egress,
            Cidr = literal ? $"{address}/32" : null,
            AnyPeer = !literal,
            Ports = [(target.Endpoint.Port, "TCP")],
        };
    }

    /// <summary>Args of an ObjectBucketClaim (<c>objectbucket.io/v1alpha1</c>, Rook's bucket provisioner).</summary>
    private sealed class ObjectBucketClaimArgs : CustomResourceArgs
    {
        public ObjectBucketClaimArgs() : base("objectbucket.io/v1alpha1", "ObjectBucketClaim")
        {
        }

        [Input("spec")]
        public InputMap<object>? Spec { get; set; }
    }
}
