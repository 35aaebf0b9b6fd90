namespace Platform.Components.Cluster;

/// <summary>What a node taint does to pods that do not tolerate it. The names are Kubernetes' own spelling.</summary>
public enum TaintEffect
{
    /// <summary>New pods without a matching toleration are not scheduled on the node.</summary>
    NoSchedule,

    /// <summary>The scheduler tries to avoid the node for pods without a matching toleration.</summary>
    PreferNoSchedule,

    /// <summary>Pods without a matching toleration are not scheduled and running ones are evicted.</summary>
    NoExecute,
}
