using System.Text.Json.Serialization;

namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver.config.k8s.io/v1 <c>AuthenticationConfiguration</c> (<c>--authentication-config</c>):
/// kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/apis/apiserver/v1/types.go, <c>JWT []JWTAuthenticator
/// json:"jwt"</c> and <c>Anonymous *AnonymousAuthConfig json:"anonymous,omitempty"</c> (the v1 version exists from
/// v1.34, when structured authentication configuration went GA, KEP-3331). The platform never writes <c>anonymous</c>
/// (the API server refuses it beside <c>--anonymous-auth</c> and refuses to change it on reload), so the record has no
/// such field and a file with it fails here. The API server decodes the file strictly too
/// (pkg/kubeapiserver/options/authentication.go: <c>serializer.EnableStrict</c>).</summary>
public sealed record AuthenticationConfiguration : ConfigTypeMeta
{
    /// <summary><c>jwt</c> (<c>[]JWTAuthenticator</c>; an empty list is valid: the API server allows no authenticator,
    /// "so that authenticators can be added later via dynamic config").</summary>
    [JsonPropertyName("jwt"), JsonRequired]
    public required IReadOnlyList<JwtAuthenticator> Jwt { get; init; }
}
