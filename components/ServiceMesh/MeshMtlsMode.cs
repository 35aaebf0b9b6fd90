namespace Platform.Components.ServiceMesh;

/// <summary>What the mesh accepts between workloads (Istio's mesh-wide <c>PeerAuthentication</c>).</summary>
public enum MeshMtlsMode
{
    /// <summary>Meshed workloads accept both mTLS and plain text (clients outside the mesh keep working); meshed
    /// clients still send mTLS.</summary>
    Permissive,

    /// <summary>Meshed workloads accept mTLS only: a client outside the mesh is refused.</summary>
    Strict,
}
