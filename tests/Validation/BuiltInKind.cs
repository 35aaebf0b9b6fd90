namespace Platform.Tests.Validation;

/// <summary>A built-in Kubernetes kind: its apiVersion as written in a manifest, its kind and its KubernetesClient model type.</summary>
/// <param name="ApiVersion">The apiVersion, <c>v1</c> for the core group, <c>group/version</c> otherwise.</param>
/// <param name="Kind">The kind, e.g. <c>NetworkPolicy</c>.</param>
/// <param name="Model">The model type, e.g. <c>k8s.Models.V1NetworkPolicy</c>.</param>
public sealed record BuiltInKind(string ApiVersion, string Kind, Type Model);
