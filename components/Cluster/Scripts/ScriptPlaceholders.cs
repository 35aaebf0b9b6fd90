namespace Platform.Components.Cluster.Scripts;

/// <summary>
/// Every placeholder the node script templates may use, with its kind: how its value is written and where it may
/// stand. A template that uses a name not listed here does not render (<see cref="ScriptTemplate.Render"/>).
/// </summary>
internal static class ScriptPlaceholders
{
    /// <summary>The kind of each placeholder, by name.</summary>
    public static IReadOnlyDictionary<string, PlaceholderKind> Kinds { get; } = new Dictionary<string, PlaceholderKind>(StringComparer.Ordinal)
    {
        // Words: values checked to need no quoting.
        ["KUBERNETES_VERSION"] = PlaceholderKind.Word, // MAJOR.MINOR.PATCH
        ["NODE"] = PlaceholderKind.Word, // the node's name, a DNS-1123 label
        ["ADMIN_KUBECONFIG"] = PlaceholderKind.Word, // NodeScripts.AdminKubeconfig
        ["NODE_KUBECONFIG"] = PlaceholderKind.Word, // the kubeconfig a node's upgrade reads its Node with
        ["KUBEADM_CONFIG"] = PlaceholderKind.Word, // NodeScripts.KubeadmConfigPath
        ["INITIALISED_MARKER"] = PlaceholderKind.Word, // NodeScripts.InitialisedMarker
        ["JOINED_MARKER"] = PlaceholderKind.Word, // NodeScripts.JoinedMarker
        ["LEGACY_INITIALISED_MARKER"] = PlaceholderKind.Word, // NodeScripts.LegacyInitialisedMarker
        ["LEGACY_JOINED_MARKER"] = PlaceholderKind.Word, // NodeScripts.LegacyJoinedMarker
        ["PLATFORM_DIR"] = PlaceholderKind.Word, // NodeScripts.PlatformDir
        ["STATE_DIR"] = PlaceholderKind.Word, // NodeScripts.StateDir
        ["UPGRADE_MARKER"] = PlaceholderKind.Word, // NodeScripts.UpgradeMarker
        ["KUBE_VIP_ADDRESS"] = PlaceholderKind.Word, // the API's virtual IPv4 address
        ["KUBE_VIP_TEMPLATE"] = PlaceholderKind.Word, // NodeScripts.KubeVipTemplatePath
        ["MANAGED_LABELS_ANNOTATION"] = PlaceholderKind.Word, // NodeScripts.ManagedLabelsAnnotation
        ["CORDONED_ANNOTATION"] = PlaceholderKind.Word, // NodeScripts.CordonedForUpgradeAnnotation
        ["REBOOT_LOCK_NAMESPACE"] = PlaceholderKind.Word, // KuredValues.Namespace
        ["REBOOT_LOCK_DAEMONSET"] = PlaceholderKind.Word, // KuredValues.DaemonSetName
        ["REBOOT_LOCK_ANNOTATION"] = PlaceholderKind.Word, // KuredValues.LockAnnotation
        ["REBOOT_LOCK_HOLDER"] = PlaceholderKind.Word, // NodeScripts.RebootLockHolder
        ["REBOOT_LOCK_TTL_NANOSECONDS"] = PlaceholderKind.Word, // NodeScripts.RebootLockTtl
        ["NODE_IP"] = PlaceholderKind.Word, // kubelet's node IP, the inventory address
        ["ETCD_SNAPSHOT_DIR"] = PlaceholderKind.Word, // NodeScripts.EtcdSnapshotDir
        ["ETCD_SNAPSHOTS_KEPT"] = PlaceholderKind.Word, // NodeScripts.EtcdSnapshotsKept
        ["ETCD_PEER_URL"] = PlaceholderKind.Word, // a control-plane node's etcd peer URL, https://<address>:2380
        ["UPLOADED_CONFIGURATION_ANNOTATION"] = PlaceholderKind.Word, // NodeScripts.UploadedConfigurationAnnotation
        ["MANIFEST_BACKUP_DIR"] = PlaceholderKind.Word, // NodeScripts.ManifestBackupDir
        ["MANIFEST_BACKUPS_KEPT"] = PlaceholderKind.Word, // NodeScripts.ManifestBackupsKept
        ["KUBELET_CONFIG"] = PlaceholderKind.Word, // KubeadmPaths.KubeletConfig
        ["KUBELET_CONFIG_BACKUP_DIR"] = PlaceholderKind.Word, // NodeScripts.KubeletConfigBackupDir
        ["KUBELET_CONFIG_BACKUPS_KEPT"] = PlaceholderKind.Word, // NodeScripts.KubeletConfigBackupsKept
        ["SECRETS_WRITER"] = PlaceholderKind.Word, // KubeadmConfigRenderer.SecretsWriter: identity, aescbc or secretbox
        ["SECRETS_WRITER_VARIABLE"] = PlaceholderKind.Word, // KubeadmConfigRenderer.SecretsWriterVariable
        ["ENCRYPTION_KEY_NAME"] = PlaceholderKind.Word, // KubeadmConfigRenderer.EncryptionKeyName
        ["CONTROL_PLANE_LABEL"] = PlaceholderKind.Word, // NodeScripts.ControlPlaneLabel
        ["MANAGED_TAINTS_ANNOTATION"] = PlaceholderKind.Word, // NodeScripts.ManagedTaintsAnnotation
        ["RENEW_WITHIN_DAYS"] = PlaceholderKind.Word, // NodeScripts.CertificateRenewalDays
        ["RENEWAL_STATE_DIR"] = PlaceholderKind.Word, // NodeScripts.CertificateRenewalStateDir
        ["RENEWAL_SCRIPT_PATH"] = PlaceholderKind.Word, // NodeScripts.CertificateRenewalScript
        ["RENEWAL_SERVICE_PATH"] = PlaceholderKind.Word, // CertificateRenewalUnits.ServicePath
        ["RENEWAL_TIMER_PATH"] = PlaceholderKind.Word, // CertificateRenewalUnits.TimerPath
        ["RENEWAL_TIMER_UNIT"] = PlaceholderKind.Word, // the timer unit's name
        ["UNIT_FOLDER"] = PlaceholderKind.Word, // CertificateRenewalUnits.Folder
        ["ETCD_BACKUP_STATE_DIR"] = PlaceholderKind.Word, // EtcdBackupScripts.StateDir
        ["ETCD_BACKUP_CONFIG_DIR"] = PlaceholderKind.Word, // EtcdBackupScripts.ConfigDir
        ["ETCD_BACKUP_SCRIPT_PATH"] = PlaceholderKind.Word, // EtcdBackupScripts.BackupScriptPath
        ["ETCD_BACKUP_RECIPIENT_PATH"] = PlaceholderKind.Word, // EtcdBackupScripts.RecipientPath
        ["ETCD_BACKUP_CREDENTIALS_PATH"] = PlaceholderKind.Word, // EtcdBackupScripts.CredentialsPath
        ["ETCD_BACKUP_CA_PATH"] = PlaceholderKind.Word, // EtcdBackupScripts.CaPath
        ["ETCD_BACKUP_SERVICE_PATH"] = PlaceholderKind.Word, // EtcdBackupUnits.ServicePath
        ["ETCD_BACKUP_TIMER_PATH"] = PlaceholderKind.Word, // EtcdBackupUnits.TimerPath
        ["ETCD_BACKUP_TIMER_UNIT"] = PlaceholderKind.Word, // the backup timer unit's name
        ["ETCD_BACKUP_RETENTION_DAYS"] = PlaceholderKind.Word, // EtcdBackupArgs.RetentionDays
        ["ETCD_RESTORE_SCRIPT_PATH"] = PlaceholderKind.Word, // EtcdBackupScripts.RestoreScriptPath
        ["ETCD_RESTORE_HOLD_DIR"] = PlaceholderKind.Word, // EtcdBackupScripts.RestoreHoldDir
        ["S3_REGION"] = PlaceholderKind.Word, // BackupTarget.Region
        ["BUCKET_CLAIM_NAMESPACE"] = PlaceholderKind.Word, // EtcdBackupArgs.BucketClaimNamespace
        ["BUCKET_CLAIM_NAME"] = PlaceholderKind.Word, // EtcdBackupArgs.BucketClaimName
        ["AUTHENTICATION_CONFIG_DIR"] = PlaceholderKind.Word, // KubeadmPaths.AuthenticationConfigDir
        ["AUTHENTICATION_CONFIG"] = PlaceholderKind.Word, // KubeadmPaths.AuthenticationConfig
        ["API_SERVER_MANIFEST"] = PlaceholderKind.Word, // NodeScripts.ApiServerManifest
        ["LOCAL_API_SERVER"] = PlaceholderKind.Word, // the node's own API server on the loopback address

        // Data, quoted.
        ["MANAGED_LABELS"] = PlaceholderKind.Quoted, // the inventory's label keys, comma-separated
        ["LABELS"] = PlaceholderKind.QuotedWords, // the inventory's labels, key=value each
        ["MANAGED_TAINTS"] = PlaceholderKind.Quoted, // the node's taints, key:Effect each, comma-separated
        ["ALWAYS_MANAGED_TAINTS"] = PlaceholderKind.Quoted, // taints the platform alone decides (the control-plane taint)
        ["TAINTS"] = PlaceholderKind.QuotedWords, // the node's taints in kubectl notation, key=value:Effect each
        ["CONTAINERD_MINIMUMS"] = PlaceholderKind.Quoted, // ContainerRuntime.SupportedContainerd, space-separated
        ["CONTAINERD_CONFIG_V2"] = PlaceholderKind.Quoted, // ContainerdConfiguration for containerd 1.7
        ["CONTAINERD_CONFIG_V3"] = PlaceholderKind.Quoted, // ContainerdConfiguration for containerd 2
        ["RENEWAL_SCRIPT"] = PlaceholderKind.Quoted, // NodeScripts.RenewCertificates, the script the renewal service runs
        ["RENEWAL_SERVICE"] = PlaceholderKind.Quoted, // CertificateRenewalUnits.Service
        ["RENEWAL_TIMER"] = PlaceholderKind.Quoted, // CertificateRenewalUnits.Timer
        ["ETCD_BACKUP_SCRIPT"] = PlaceholderKind.Quoted, // EtcdBackupScripts.BackupEtcd
        ["ETCD_BACKUP_SERVICE"] = PlaceholderKind.Quoted, // EtcdBackupUnits.Service
        ["ETCD_BACKUP_TIMER"] = PlaceholderKind.Quoted, // EtcdBackupUnits.Timer
        ["ETCD_BACKUP_RECIPIENT"] = PlaceholderKind.Quoted, // EtcdBackupKey.RecipientCertificatePem
        ["ETCD_BACKUP_CA_BUNDLE"] = PlaceholderKind.Quoted, // BackupTarget.CaBundlePem, or empty
        ["ETCD_RESTORE_SCRIPT"] = PlaceholderKind.Quoted, // EtcdBackupScripts.RestoreEtcd
        ["ETCD_INITIAL_CLUSTER"] = PlaceholderKind.Quoted, // every etcd member, name=peer URL, comma-separated
        ["ETCD_MEMBER_PEER_URL"] = PlaceholderKind.Quoted, // EtcdMember.PeerUrl (IPv6 in brackets)
        ["S3_URL"] = PlaceholderKind.Quoted, // EtcdBackupScripts.S3Url
        ["S3_KEY_PREFIX"] = PlaceholderKind.Quoted, // EtcdBackupScripts.KeyPrefix, or empty
        ["AUTHENTICATION_CONFIGURATION"] = PlaceholderKind.Quoted, // AuthenticationConfigRenderer.Render

        // Flags that are there or not.
        ["KUBEADM_INIT_FLAGS"] = PlaceholderKind.Flags,
        ["SKIP_PHASES"] = PlaceholderKind.Flags,
        ["NODE_SELECTOR"] = PlaceholderKind.Flags, // the control-plane label selector, for a control-plane join
        ["DELETE_NODE_FLAGS"] = PlaceholderKind.Flags, // kubectl delete node's force flags, for a dead node

        // Comment text.
        ["OS_NAME"] = PlaceholderKind.Comment,
        ["JOIN_ROLE"] = PlaceholderKind.Comment,
        ["STEP"] = PlaceholderKind.Comment,
        ["REASON"] = PlaceholderKind.Comment,
        ["LEAVE_HOW"] = PlaceholderKind.Comment,

        // Parts (Templates/parts), some of them optional.
        ["KERNEL_SETTINGS"] = PlaceholderKind.Lines,
        ["KERNEL_BTF_CHECK"] = PlaceholderKind.Lines,
        ["KUBERNETES_PACKAGES"] = PlaceholderKind.Lines,
        ["APT"] = PlaceholderKind.Lines,
        ["CONTAINERD_SUPPORT"] = PlaceholderKind.Lines,
        ["CONTAINERD_UBUNTU"] = PlaceholderKind.Lines,
        ["CONTAINERD_FLATCAR"] = PlaceholderKind.Lines,
        ["KUBEADM_CONFIG_AT_RUNNING_VERSION"] = PlaceholderKind.Lines,
        ["UPGRADE_CORDON"] = PlaceholderKind.Lines,
        ["KUBELET_NODE_IP_CHECK"] = PlaceholderKind.Lines,
        ["KUBELET_NODE_IP_PIN"] = PlaceholderKind.Lines,
        ["KUBERNETES_SYSEXT"] = PlaceholderKind.Lines,
        ["VERSION_GUARD"] = PlaceholderKind.Lines,
        ["KUBEADM_UPGRADE"] = PlaceholderKind.Lines,
        ["KUBELET_FILE_PERMISSIONS"] = PlaceholderKind.Lines,
        ["CONTROL_PLANE_CERTIFICATE_PERMISSIONS"] = PlaceholderKind.Lines,
        ["ETCD_DATA_OWNERSHIP"] = PlaceholderKind.Lines,
        ["ETCD_SNAPSHOT"] = PlaceholderKind.Lines,
        ["KUBELET_SERVICE_DROP_IN"] = PlaceholderKind.Lines,
        ["KUBE_VIP_FUNCTION"] = PlaceholderKind.Lines,
        ["KUBE_VIP_BEFORE_INIT"] = PlaceholderKind.Lines,
        ["KUBE_VIP_AFTER_INIT"] = PlaceholderKind.Lines,
        ["KUBE_VIP_AFTER_JOIN"] = PlaceholderKind.Lines,
        ["SET_LABELS"] = PlaceholderKind.Lines,
        ["DRAIN"] = PlaceholderKind.Lines,
        ["SET_TAINTS"] = PlaceholderKind.Lines,
        ["REBOOT_LOCK"] = PlaceholderKind.Lines,
        ["CONFIGURATION_DIGEST"] = PlaceholderKind.Lines,
        ["UPLOAD_CONFIGURATION"] = PlaceholderKind.Lines,
        ["LOCAL_ETCD"] = PlaceholderKind.Lines,
        ["KUBEADM_CERTIFICATES"] = PlaceholderKind.Lines,
        ["CERTIFICATE_RENEWAL_REMOVAL"] = PlaceholderKind.Lines,
        ["ETCD_BACKUP"] = PlaceholderKind.Lines,
        ["WRITE_FILE"] = PlaceholderKind.Lines,
        ["ETCD_BACKUP_REMOVAL"] = PlaceholderKind.Lines,
        ["S3_TARGET"] = PlaceholderKind.Lines,
        ["S3"] = PlaceholderKind.Lines,
    };
}
