namespace Platform.Tests.Validation.ConfigApi;

/// <summary>apiserver v1 <c>IdentityConfiguration</c> (<c>identity: {}</c>), an empty struct: kubernetes/apiserver
/// pkg/apis/apiserver/v1/types_encryption.go (staging/src/k8s.io/apiserver), fields, Go types and json tags identical
/// at tags kubernetes-1.30.0 through kubernetes-1.36.0 and kubernetes-1.37.0-beta.0. Any field in it
/// fails the decode.</summary>
public sealed record EncryptionIdentityConfiguration;
