using Pulumi;

namespace Platform.Components.Networking;

/// <summary>Args of an object of a custom resource type that has a <c>spec</c> (ClusterIssuer, IPAddressPool, ...).</summary>
internal sealed class CustomObjectArgs : Pulumi.Kubernetes.ApiExtensions.CustomResourceArgs
{
    public CustomObjectArgs(string apiVersion, string kind) : base(apiVersion, kind)
    {
    }

    [Input("spec")]
    public InputMap<object>? Spec { get; set; }
}
