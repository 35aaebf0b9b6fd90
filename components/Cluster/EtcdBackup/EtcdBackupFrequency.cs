namespace Platform.Components.Cluster.EtcdBackup;

/// <summary>How often every control-plane node snapshots etcd and uploads the snapshot (<see cref="EtcdBackupUnits"/>).</summary>
public enum EtcdBackupFrequency
{
    /// <summary>Once a day, from 01:00 UTC plus a random delay: at most a day of changes is lost.</summary>
    Daily,

    /// <summary>Every hour, plus a random delay: at most an hour of changes is lost (the enterprise tier's).</summary>
    Hourly,
}
