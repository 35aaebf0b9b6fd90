namespace Platform.Components.Backup;

/// <summary>The images the platform names for Velero itself (the server and node agent images are the chart's
/// <c>image</c>, Velero 1.18.1, its appVersion, left to the chart). One place, so an upgrade is one diff.</summary>
public static class VeleroImages
{
    /// <summary>The AWS object store plugin (S3 for the backup storage location), copied into Velero's plugin folder by an
    /// init container: <c>velero/velero-plugin-for-aws:v1.14.3</c>. The chart's values.yaml still names v1.13.1, the line
    /// for Velero 1.17; the plugin's compatibility matrix pairs plugin 1.14.x with Velero 1.18.x (velero-plugin-for-aws
    /// pull request #301, "updating compatibility matrix for latest plugin and velero versions"), and v1.14.3 is the
    /// newest patch seen released (<c>https://github.com/vmware-tanzu/velero-plugin-for-aws/releases/tag/v1.14.3</c>:
    /// CVE fixes, and "prevent amz-checksum encapsulation when checksumAlgorithm=\"\"", which the Ceph target relies
    /// on).</summary>
    public const string AwsPlugin = "docker.io/velero/velero-plugin-for-aws:v1.14.3";
}
