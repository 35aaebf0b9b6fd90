using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.ServiceMesh;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:serviceMesh</c>; unknown fields are errors, and so are an unknown provider, mode or mtls
/// value, Istio's fields with Consul and Consul's with Istio, and what <see cref="ServiceMeshOptions.Validate"/> refuses.
/// Which namespaces exist is checked with the tenants (<c>LayerRequirements</c>).</summary>
internal static class ServiceMeshOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private sealed record ConsulJson(
        [property: JsonPropertyName("serverReplicas")] int? ServerReplicas,
        [property: JsonPropertyName("storageSize")] string? StorageSize);

    private sealed record ServiceMeshJson(
        [property: JsonPropertyName("provider")] string? Provider,
        [property: JsonPropertyName("mode")] string? Mode,
        [property: JsonPropertyName("mtls")] string? Mtls,
        [property: JsonPropertyName("namespaces")] string?[]? Namespaces,
        [property: JsonPropertyName("consul")] ConsulJson? Consul);

    /// <summary>The options with the tier's Consul server replicas (1 on small, 3 from medium up) where unset; the
    /// defaults when the key is unset, null when the value is wrong (see the problems).</summary>
    public static ServiceMeshOptions? Read(IPlatformConfigSource source, PlatformTier? tier, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.ServiceMesh;
        var defaults = new ServiceMeshOptions { ConsulServerReplicas = tier == PlatformTier.Small ? 1 : 3 };
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text))
            return defaults;
        ServiceMeshJson json;
        try
        {
            json = JsonSerializer.Deserialize<ServiceMeshJson>(text, Strict) ?? throw new JsonException("the value is null");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
            problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
            return null;
        }

        var before = problems.Count;
        var provider = Choice(json.Provider, $"{key.Name}.provider", defaults.Provider, problems, ("istio", MeshProvider.Istio), ("consul", MeshProvider.Consul));
        var mode = Choice(json.Mode, $"{key.Name}.mode", defaults.Mode, problems, ("ambient", IstioDataplaneMode.Ambient), ("sidecar", IstioDataplaneMode.Sidecar));
        var mtls = Choice(json.Mtls, $"{key.Name}.mtls", defaults.Mtls, problems, ("permissive", MeshMtlsMode.Permissive), ("strict", MeshMtlsMode.Strict));
        if (provider == MeshProvider.Consul && json.Mode is not null)
            problems.Add($"{key.Name}.mode", $"'{json.Mode}' is Istio's dataplane mode; Consul always injects a proxy with transparent redirection. Remove mode, or use provider istio.");
        if (provider == MeshProvider.Istio && json.Consul is not null)
            problems.Add($"{key.Name}.consul", "is for provider consul. Remove it, or set provider consul.");
        var namespaces = new List<string>();
        for (var i = 0; i < (json.Namespaces?.Length ?? 0); i++)
        {
            if (json.Namespaces![i] is { Length: > 0 } ns) namespaces.Add(ns);
            else problems.Add($"{key.Name}.namespaces[{i}]", "is empty. Give the name of a team's namespace of platform:tenants.");
        }
        if (problems.Count > before)
            return null;
        var options = defaults with
        {
            Provider = provider,
            Mode = mode,
            Mtls = mtls,
            Namespaces = namespaces,
            ConsulServerReplicas = json.Consul?.ServerReplicas ?? defaults.ConsulServerReplicas,
            ConsulStorageSize = json.Consul?.StorageSize ?? defaults.ConsulStorageSize,
        };
        var found = options.Validate();
        foreach (var problem in found)
        {
            // Each problem starts with the field it is about ("mtls permissive ...", "consul.serverReplicas is ...").
            var field = problem.Split(' ')[0];
            problems.Add($"{key.Name}.{field}", problem[(field.Length + 1)..]);
        }
        return found.Count == 0 ? options : null;
    }

    private static T Choice<T>(string? text, string where, T fallback, ProblemCollector problems, params (string Name, T Value)[] choices)
    {
        if (text is null) return fallback;
        foreach (var (name, value) in choices)
            if (string.Equals(name, text, StringComparison.Ordinal)) return value;
        problems.Add(where, $"'{text}' is not one of {string.Join(", ", choices.Select(c => c.Name))}. Use one of them.");
        return fallback;
    }
}
