namespace Platform.Tests.Validation.ConfigApi;

/// <summary>A decoded kubeadm InitConfiguration of either API version, for assertions that do not depend on
/// it.</summary>
public interface IKubeadmInitConfiguration
{
    /// <summary><c>bootstrapTokens</c>.</summary>
    IReadOnlyList<KubeadmBootstrapToken> BootstrapTokens { get; }

    /// <summary><c>nodeRegistration</c>.</summary>
    KubeadmNodeRegistrationOptions? NodeRegistration { get; }

    /// <summary><c>localAPIEndpoint</c>.</summary>
    KubeadmApiEndpoint? LocalApiEndpoint { get; }

    /// <summary><c>skipPhases</c>.</summary>
    IReadOnlyList<string> SkipPhases { get; }
}
