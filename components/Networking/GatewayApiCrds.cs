using Platform.Components.Catalog;
using Pulumi;

namespace Platform.Components.Networking;

/// <summary>The cluster's one install of the Gateway API CRDs (<see cref="GatewayApi"/>): one resource per CRD, each kept
/// in the cluster when it leaves the stack (deleting a CRD deletes every Gateway and route of its kind). Every layer that
/// creates Gateway API objects, or installs a controller that reads them, waits for <see cref="Crds"/>; no chart of the
/// platform installs its own copy.</summary>
public sealed class GatewayApiCrds : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:networking:GatewayApiCrds";

    /// <summary>Registers the CRDs of <see cref="GatewayApi.Version"/>.</summary>
    public GatewayApiCrds(string name, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        var child = new CustomResourceOptions { Parent = this };
        Crds = [.. GatewayApi.Crds.Select(crd => (Resource)HelmInstall.Crd(name, crd, child))];
        RegisterOutputs(new Dictionary<string, object?> { ["version"] = GatewayApi.Version });
    }

    /// <summary>The CRD resources, what a consumer waits for.</summary>
    public IReadOnlyList<Resource> Crds { get; }
}
