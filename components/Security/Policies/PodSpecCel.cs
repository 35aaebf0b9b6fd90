namespace Platform.Components.Security.Policies;

/// <summary>The CEL the container policies share: the kinds that carry a pod spec, where the spec sits in each, and
/// the containers the checks look at. Pods are checked as well as their controllers: a Pod created by a Deployment is
/// checked when the ReplicaSet controller creates it, and the Deployment itself is checked when it is applied, so
/// <c>kubectl apply</c> gets the answer and not only the ReplicaSet's events.</summary>
internal static class PodSpecCel
{
    /// <summary>(API group, kind) of every kind with a pod spec.</summary>
    public static IReadOnlyList<(string Group, string Kind)> Kinds { get; } =
    [
        ("", "Pod"), ("", "ReplicationController"),
        ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("apps", "ReplicaSet"),
        ("batch", "Job"), ("batch", "CronJob"),
    ];

    /// <summary><c>podSpec</c>: the pod spec of a Pod, of a CronJob's job template, or of any other kind's pod template;
    /// <c>containers</c>: its containers, init containers and ephemeral containers; <c>checkedContainers</c>: those
    /// whose image no exemption names.</summary>
    public static IReadOnlyList<CelVariable> Variables { get; } =
    [
        new("podSpec", "variables.anyObject.kind == 'Pod' ? variables.anyObject.spec : "
            + "(variables.anyObject.kind == 'CronJob' ? variables.anyObject.spec.jobTemplate.spec.template.spec : variables.anyObject.spec.template.spec)"),
        new("containers", "(has(variables.podSpec.containers) ? variables.podSpec.containers : []) + "
            + "(has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : []) + "
            + "(has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])"),
        new("checkedContainers", "variables.containers.filter(c, !variables.params.exemptImages.exists(p, c.image.startsWith(p)))"),
    ];
}
