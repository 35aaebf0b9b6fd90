using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using k8s.Models;

namespace Platform.Tests.Validation;

/// <summary>
/// The built-in Kubernetes kinds and their KubernetesClient model types (<c>k8s.Models.V1Pod</c>, ...), found by
/// reflection over each model's <see cref="KubernetesEntityAttribute"/>, so a strict decode
/// (<see cref="StrictJson"/>) can check any built-in object the program writes against the official schema.
/// </summary>
public static class KubernetesModels
{
    private const string PulumiKubernetesPrefix = "kubernetes:";

    /// <summary>Every built-in kind: (apiVersion as written in a manifest, kind) to its model type.</summary>
    public static FrozenDictionary<(string ApiVersion, string Kind), Type> ByKind { get; } = Build();

    /// <summary>The model type of <paramref name="apiVersion"/> and <paramref name="kind"/> (<c>v1</c>, <c>Pod</c>;
    /// <c>networking.k8s.io/v1</c>, <c>NetworkPolicy</c>), or false when it is not a built-in kind (a custom resource).</summary>
    public static bool TryGet(string apiVersion, string kind, [NotNullWhen(true)] out Type? model)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        ArgumentNullException.ThrowIfNull(kind);
        return ByKind.TryGetValue((apiVersion, kind), out model);
    }

    /// <summary>
    /// Whether the Pulumi registration type token names a built-in kind, and which: <c>kubernetes:core/v1:Namespace</c>
    /// is (<c>v1</c>, <c>Namespace</c>), <c>kubernetes:rbac.authorization.k8s.io/v1:ClusterRole</c> is
    /// (<c>rbac.authorization.k8s.io/v1</c>, <c>ClusterRole</c>). Custom resources (<c>kubernetes:cert-manager.io/v1:ClusterIssuer</c>),
    /// the provider's own resources (<c>kubernetes:helm.sh/v3:Release</c>, <c>kubernetes:yaml/v2:ConfigGroup</c>),
    /// patches (<c>kubernetes:core/v1:NamespacePatch</c>) and other packages' tokens are not.
    /// </summary>
    public static bool TryGetForPulumiType(string typeToken, [NotNullWhen(true)] out BuiltInKind? builtIn)
    {
        ArgumentNullException.ThrowIfNull(typeToken);
        builtIn = null;
        if (!typeToken.StartsWith(PulumiKubernetesPrefix, StringComparison.Ordinal)) return false;
        var parts = typeToken[PulumiKubernetesPrefix.Length..].Split(':');
        if (parts.Length != 2) return false;
        var groupVersion = parts[0].Split('/');
        if (groupVersion.Length != 2) return false;
        var (group, version, kind) = (groupVersion[0], groupVersion[1], parts[1]);
        var apiVersion = group == "core" ? version : $"{group}/{version}";
        if (!TryGet(apiVersion, kind, out var model)) return false;
        builtIn = new BuiltInKind(apiVersion, kind, model);
        return true;
    }

    private static FrozenDictionary<(string ApiVersion, string Kind), Type> Build()
    {
        var map = new Dictionary<(string, string), Type>();
        foreach (var type in typeof(V1Pod).Assembly.GetExportedTypes())
        {
            if (type.Namespace != typeof(V1Pod).Namespace || type.GetCustomAttribute<KubernetesEntityAttribute>() is not { } entity) continue;
            if (string.IsNullOrEmpty(entity.Kind) || string.IsNullOrEmpty(entity.ApiVersion)) continue;
            var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
            if (!map.TryAdd((apiVersion, entity.Kind), type))
                throw new InvalidOperationException($"Two model types claim {apiVersion} {entity.Kind}: {map[(apiVersion, entity.Kind)].Name} and {type.Name}.");
        }
        return map.ToFrozenDictionary();
    }
}
