using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>kubeadm v1beta4 <c>Arg</c> (an <c>extraArgs</c> entry): kubernetes/kubernetes
/// cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go (indexed upstream version 1329935; v1beta4/doc.go at bbf0c2e lists
/// every change since v1beta3, none to these fields; enabled in v1.31, kubernetes/kubernetes#125029). Both fields are
/// required strings.</summary>
public sealed record KubeadmV1Beta4Arg
{
    /// <summary><c>name</c> (string, required): the flag name without dashes.</summary>
    [JsonPropertyName("name"), JsonRequired]
    public required string Name { get; init; }

    /// <summary><c>value</c> (string, required): a JSON string, so an unquoted <c>false</c> fails.</summary>
    [JsonPropertyName("value"), JsonRequired]
    public required string Value { get; init; }
}
