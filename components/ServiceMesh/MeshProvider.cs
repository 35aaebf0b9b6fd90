namespace Platform.Components.ServiceMesh;

/// <summary>Which service mesh the <see cref="ServiceMeshLayer"/> installs.</summary>
public enum MeshProvider
{
    /// <summary>Istio (Apache 2.0) from its own charts: base, istiod, and the CNI node agent; ztunnel in ambient mode.</summary>
    Istio,

    /// <summary>Consul service mesh (Consul Connect) from HashiCorp's chart; Consul is under the Business Source
    /// License 1.1.</summary>
    Consul,
}
