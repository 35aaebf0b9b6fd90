namespace Platform.Components.Secrets;

/// <summary>The server images, pinned here beside their charts' appVersion: the release runs them and the init Job uses
/// their CLI.</summary>
public static class VaultImages
{
    /// <summary>HashiCorp Vault 2.0.4, the appVersion of chart vault 0.34.1 (its values.yaml <c>server.image</c>:
    /// <c>hashicorp/vault:2.0.4</c> on Docker Hub).</summary>
    public const string Vault = "docker.io/hashicorp/vault:2.0.4";

    /// <summary>OpenBao 2.6.2, the appVersion (v2.6.2) of chart openbao 0.29.2 (values.yaml <c>server.image</c>: registry
    /// quay.io, repository openbao/openbao; the project tags its images without the v).</summary>
    public const string OpenBao = "quay.io/openbao/openbao:2.6.2";

    /// <summary>The image of <paramref name="server"/>.</summary>
    public static string Of(VaultDistribution server) => server == VaultDistribution.OpenBao ? OpenBao : Vault;
}
