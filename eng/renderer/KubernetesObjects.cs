using System.Text.Json.Nodes;

namespace Platform.Renderer;

/// <summary>The Kubernetes objects a registration creates: the object itself for a typed or custom resource, each
/// object of a <c>kubernetes:yaml/v2:ConfigGroup</c>; none for Helm releases (their objects come from the chart) and
/// providers.</summary>
public static class KubernetesObjects
{
    /// <summary>The objects <paramref name="registration"/> creates, as JSON with apiVersion, kind and metadata.</summary>
    public static IEnumerable<JsonObject> Of(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (!registration.Type.StartsWith("kubernetes:", StringComparison.Ordinal) || registration.Type.StartsWith("kubernetes:helm.sh/", StringComparison.Ordinal))
            yield break;
        if (registration.Type == "kubernetes:yaml/v2:ConfigGroup")
        {
            if (registration.Inputs["objs"] is JsonArray objects)
                foreach (var obj in objects.OfType<JsonObject>())
                    yield return obj;
            yield break;
        }
        if (registration.Inputs["apiVersion"] is not null && registration.Inputs["kind"] is not null)
            yield return registration.Inputs;
    }

    /// <summary>Whether <paramref name="type"/> is a Kubernetes kind built into the API server (core, apps, rbac, ...),
    /// as opposed to a custom resource: the group part of the type token has no dot, or is a *.k8s.io group.</summary>
    public static bool IsBuiltIn(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var parts = type.Split(':');
        if (parts.Length != 3 || parts[0] != "kubernetes") return false;
        var group = parts[1].Split('/')[0];
        return group is "core" or "apps" or "batch" or "policy" or "autoscaling"
            || (group.EndsWith(".k8s.io", StringComparison.Ordinal) && group != "helm.sh");
    }
}
