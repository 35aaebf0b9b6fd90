namespace Platform.Components.ServiceMesh;

/// <summary>How Istio carries a meshed pod's traffic.</summary>
public enum IstioDataplaneMode
{
    /// <summary>Ambient: ztunnel on every node carries the pods' traffic over mTLS (HBONE, port 15008); no sidecar in
    /// the pods. Namespaces join with the label <c>istio.io/dataplane-mode=ambient</c>.</summary>
    Ambient,

    /// <summary>Sidecars: an Envoy container injected into every pod of a namespace labelled
    /// <c>istio-injection=enabled</c>; the Istio CNI node agent sets up the redirection, so the pods need no
    /// <c>NET_ADMIN</c> init container.</summary>
    Sidecar,
}
