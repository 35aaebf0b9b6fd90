using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>AdmissionPluginConfiguration</c> (<c>plugins[]</c>): kubernetes/apiserver
/// pkg/apis/apiserver/v1/types.go (staging/src/k8s.io/apiserver), fields, Go types and json tags identical at tags
/// kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0 (where only the inlined TypeMeta tag
/// changes from ",inline" to "", which decodes the same). <c>name</c> is required;
/// <c>path</c> names a file holding the plugin's configuration, <c>configuration</c> (a <c>*runtime.Unknown</c>)
/// embeds it, decoded here strictly by its own apiVersion and kind.</summary>
public sealed record AdmissionPluginConfiguration
{
    /// <summary><c>name</c> (string, required): the admission plugin, e.g. <c>PodSecurity</c>.</summary>
    [JsonPropertyName("name"), JsonRequired]
    public required string Name { get; init; }

    /// <summary><c>path</c> (string, optional): the plugin's configuration file.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary><c>configuration</c> (<c>*runtime.Unknown</c>, optional): the embedded configuration, decoded by
    /// <see cref="EmbeddedConfigurationConverter"/>.</summary>
    [JsonPropertyName("configuration"), JsonConverter(typeof(EmbeddedConfigurationConverter))]
    public ConfigTypeMeta? Configuration { get; init; }
}
