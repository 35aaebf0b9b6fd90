namespace Platform.Tests.Validation.Kubeconfig;

/// <summary>A kubeconfig's <c>preferences</c>: the platform writes an empty object, so any field in it fails a strict decode.</summary>
public sealed record KubeconfigPreferences;
