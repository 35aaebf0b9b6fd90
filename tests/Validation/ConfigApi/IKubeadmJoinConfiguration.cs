namespace Platform.Tests.Validation.ConfigApi;

/// <summary>A decoded kubeadm JoinConfiguration of either API version, for assertions that do not depend on
/// it.</summary>
public interface IKubeadmJoinConfiguration
{
    /// <summary><c>nodeRegistration</c>.</summary>
    KubeadmNodeRegistrationOptions? NodeRegistration { get; }

    /// <summary><c>discovery</c>.</summary>
    KubeadmDiscovery Discovery { get; }

    /// <summary><c>controlPlane</c>: set for a control-plane node only.</summary>
    KubeadmJoinControlPlane? ControlPlane { get; }
}
