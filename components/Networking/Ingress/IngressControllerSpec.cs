namespace Platform.Components.Networking.Ingress;

/// <summary>One ingress controller to install, with its own IngressClass.</summary>
public sealed record IngressControllerSpec
{
    /// <summary>Which controller. Required.</summary>
    public required IngressControllerKind Kind { get; init; }

    /// <summary>The IngressClass name; <c>null</c> (the default) means the kind's usual name, see
    /// <see cref="IngressControllerCharts.DefaultClassName"/>. Must be a DNS-1123 label.</summary>
    public string? ClassName { get; init; }

    /// <summary>Whether this controller's IngressClass is the cluster default (annotation
    /// <c>ingressclass.kubernetes.io/is-default-class: "true"</c>, set through the chart's own option). Exactly one
    /// controller must be the default. Default <c>false</c>.</summary>
    public bool Default { get; init; }

    /// <summary>Controller (proxy) replicas, 1 to 10. Default 2, so a node drain keeps one serving; a
    /// PodDisruptionBudget is rendered when there is more than one.</summary>
    public int Replicas { get; init; } = 2;

    /// <summary>How the controller is reached from outside. Default <see cref="IngressExposure.LoadBalancer"/>.</summary>
    public IngressExposure Exposure { get; init; } = IngressExposure.LoadBalancer;

    /// <summary>The IngressClass name in effect: <see cref="ClassName"/> or the kind's default name.</summary>
    public string EffectiveClassName => ClassName ?? IngressControllerCharts.DefaultClassName(Kind);
}
