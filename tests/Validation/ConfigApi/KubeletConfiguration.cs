using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubelet.config.k8s.io/v1beta1 <c>KubeletConfiguration</c>, the fields the platform writes:
/// kubernetes/kubelet config/v1beta1/types.go (staging/src/k8s.io/kubelet/config/v1beta1/types.go), fields, Go types
/// and json tags identical at tags kubernetes-1.30.0, -1.31.0, -1.32.0, -1.33.0, -1.34.0, -1.35.0, -1.36.0 and
/// -1.37.0-beta.0
/// (1.37 only changes the inlined TypeMeta's tag from <c>",inline"</c> to <c>""</c>, which decodes the same).
/// <c>int32</c>/<c>int64</c> fields are JSON numbers, <c>bool</c>/<c>*bool</c> JSON booleans.</summary>
public sealed record KubeletConfiguration : ConfigTypeMeta
{
    /// <summary><c>cgroupDriver</c> (string, optional): <c>systemd</c> or <c>cgroupfs</c>.</summary>
    [JsonPropertyName("cgroupDriver")]
    public string? CgroupDriver { get; init; }

    /// <summary><c>volumePluginDir</c> (string, optional): the FlexVolume plugin folder.</summary>
    [JsonPropertyName("volumePluginDir")]
    public string? VolumePluginDir { get; init; }

    /// <summary><c>authentication</c> (<c>KubeletAuthentication</c>, <c>json:"authentication"</c>; defaulted when
    /// absent).</summary>
    [JsonPropertyName("authentication")]
    public KubeletAuthentication? Authentication { get; init; }

    /// <summary><c>authorization</c> (<c>KubeletAuthorization</c>, <c>json:"authorization"</c>; defaulted when
    /// absent).</summary>
    [JsonPropertyName("authorization")]
    public KubeletAuthorization? Authorization { get; init; }

    /// <summary><c>readOnlyPort</c> (int32, optional): 0 disables the read-only port.</summary>
    [JsonPropertyName("readOnlyPort")]
    public int? ReadOnlyPort { get; init; }

    /// <summary><c>rotateCertificates</c> (bool, optional).</summary>
    [JsonPropertyName("rotateCertificates")]
    public bool? RotateCertificates { get; init; }

    /// <summary><c>protectKernelDefaults</c> (bool, optional).</summary>
    [JsonPropertyName("protectKernelDefaults")]
    public bool? ProtectKernelDefaults { get; init; }

    /// <summary><c>seccompDefault</c> (*bool, optional).</summary>
    [JsonPropertyName("seccompDefault")]
    public bool? SeccompDefault { get; init; }

    /// <summary><c>makeIPTablesUtilChains</c> (*bool, optional).</summary>
    [JsonPropertyName("makeIPTablesUtilChains")]
    public bool? MakeIpTablesUtilChains { get; init; }

    /// <summary><c>eventRecordQPS</c> (*int32, optional).</summary>
    [JsonPropertyName("eventRecordQPS")]
    public int? EventRecordQps { get; init; }

    /// <summary><c>podPidsLimit</c> (*int64, optional).</summary>
    [JsonPropertyName("podPidsLimit")]
    public long? PodPidsLimit { get; init; }

    /// <summary><c>serverTLSBootstrap</c> (bool, optional).</summary>
    [JsonPropertyName("serverTLSBootstrap")]
    public bool? ServerTlsBootstrap { get; init; }

    /// <summary><c>tlsMinVersion</c> (string, optional), e.g. <c>VersionTLS12</c>.</summary>
    [JsonPropertyName("tlsMinVersion")]
    public string? TlsMinVersion { get; init; }

    /// <summary><c>tlsCipherSuites</c> ([]string, optional).</summary>
    [JsonPropertyName("tlsCipherSuites")]
    public IReadOnlyList<string>? TlsCipherSuites { get; init; }
}
