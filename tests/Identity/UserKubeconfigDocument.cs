using System.Text.Json.Serialization;
using Platform.Tests.Validation.Kubeconfig;

namespace Platform.Tests.Identity;

// client-go's clientcmd/api/v1 types for a kubeconfig whose user runs an exec credential plugin, with their exact names,
// for a strict decode of UserKubeconfig.

/// <summary><c>Config</c> with exec users.</summary>
public sealed record UserKubeconfigDocument(
    [property: JsonPropertyName("apiVersion")] string ApiVersion,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("clusters")] IReadOnlyList<KubeconfigNamedCluster> Clusters,
    [property: JsonPropertyName("users")] IReadOnlyList<ExecNamedUser> Users,
    [property: JsonPropertyName("contexts")] IReadOnlyList<KubeconfigNamedContext> Contexts,
    [property: JsonPropertyName("current-context")] string CurrentContext,
    [property: JsonPropertyName("preferences")] KubeconfigPreferences Preferences);

/// <summary><c>NamedAuthInfo</c>.</summary>
public sealed record ExecNamedUser(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("user")] ExecUser User);

/// <summary><c>AuthInfo</c> with only <c>exec</c>: no certificate, key or token in the file.</summary>
public sealed record ExecUser([property: JsonPropertyName("exec")] ExecConfig Exec);

/// <summary><c>ExecConfig</c>.</summary>
public sealed record ExecConfig(
    [property: JsonPropertyName("apiVersion")] string ApiVersion,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("args")] IReadOnlyList<string> Args,
    [property: JsonPropertyName("interactiveMode")] string InteractiveMode,
    [property: JsonPropertyName("provideClusterInfo")] bool ProvideClusterInfo);
