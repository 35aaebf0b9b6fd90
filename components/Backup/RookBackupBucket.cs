using Platform.Components.Storage;

namespace Platform.Components.Backup;

/// <summary>The in-cluster target: a bucket of the Rook-Ceph object store, claimed for Velero by an ObjectBucketClaim in
/// Velero's namespace on the <see cref="RookCephValues.BucketClass"/> class. Rook creates the bucket and a Ceph user,
/// and writes the user's key into a Secret (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) and the endpoint into a ConfigMap
/// (BUCKET_HOST, BUCKET_NAME, BUCKET_PORT), both named after the claim, in the claim's namespace: the key never passes
/// through Pulumi.</summary>
public static class RookBackupBucket
{
    /// <summary>The ObjectBucketClaim's name, and so the name of the Secret and ConfigMap Rook writes.</summary>
    public const string ClaimName = "velero-bucket";

    /// <summary>The bucket's name, fixed (not generated) so that the backup storage location can name it before the
    /// claim is bound.</summary>
    public const string BucketName = "platform-velero";

    /// <summary>The region the requests are signed for: Rook's object store serves one zone group, which accepts the AWS
    /// clients' default region.</summary>
    public const string Region = "us-east-1";

    /// <summary>The target: the object store's gateway Service inside the cluster, plain http on port 80 (traffic that
    /// stays on the pod network), path-style.</summary>
    public static BackupTarget Target { get; } = new()
    {
        Endpoint = new Uri($"http://{RookCephValues.ObjectGatewayService}.{RookCephValues.Namespace}.svc"),
        Bucket = BucketName,
        Region = Region,
        ForcePathStyle = true,
        InCluster = true,
    };
}
