namespace Platform.Components.Networking.Cni;

/// <summary>The cluster-wide Felix settings Calico's WireGuard needs: the object <see cref="ApiVersion"/>
/// <see cref="Kind"/> named <see cref="Name"/>, applied after the tigera-operator chart (whose CRDs define it) when
/// encryption is on.</summary>
/// <remarks>The Tigera operator (and calico-node at start-up) create and update this same object with their own
/// defaults, so it must be applied as a patch of the fields below (server-side apply), not created: a plain create
/// fails once the operator has written it, and a full replace would wipe the operator's fields.
/// WireGuard listens on UDP 51820 on every node; that port must be open between nodes.</remarks>
public static class CalicoFelixConfiguration
{
    /// <summary>The API version of Calico's CRD-backed resources, served as soon as the chart's CRDs exist (the
    /// <c>projectcalico.org/v3</c> API needs the Calico API server to be running).</summary>
    public const string ApiVersion = "crd.projectcalico.org/v1";

    /// <summary>The resource kind.</summary>
    public const string Kind = "FelixConfiguration";

    /// <summary>The name of the cluster-wide FelixConfiguration; per-node ones are named <c>node.&lt;node&gt;</c>.</summary>
    public const string Name = "default";

    /// <summary>Whether <paramref name="options"/> need the FelixConfiguration at all: only when they encrypt.</summary>
    /// <param name="options">The CNI choices.</param>
    public static bool IsNeeded(CniOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Plugin == CniPlugin.Calico && options.Encryption != CniEncryption.None;
    }

    /// <summary>The spec fields to apply: <c>wireguardEnabled</c>, true when the options encrypt pod traffic and false
    /// otherwise (so switching encryption off is also a patch).</summary>
    /// <param name="options">The CNI choices; <see cref="CniOptions.Plugin"/> must be <see cref="CniPlugin.Calico"/>.</param>
    /// <exception cref="ArgumentException">The options are not valid Calico options (e.g. encryption AllTraffic); the
    /// message lists every problem.</exception>
    public static IReadOnlyDictionary<string, object> Spec(CniOptions options)
    {
        CniRenderGuard.CheckOptions(CniPlugin.Calico, nameof(CalicoFelixConfiguration), options);

        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["wireguardEnabled"] = options.Encryption == CniEncryption.PodTraffic,
        };
    }
}
