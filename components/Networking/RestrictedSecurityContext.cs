using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Networking;

/// <summary>The Pod Security <c>restricted</c> security contexts as Helm values maps (the fields of the core/v1
/// SecurityContext and PodSecurityContext), for the charts' <c>securityContext</c>/<c>podSecurityContext</c>-like keys.
/// Each renderer says what its chart and image need (a user, a seccomp profile on the container as well, a writable root
/// file system); a field left out is left to the chart. The level's rules:
/// https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted.</summary>
public static class RestrictedSecurityContext
{
    /// <summary>The seccomp profile type the restricted level asks for (the container runtime's default).</summary>
    public const string SeccompProfileType = "RuntimeDefault";

    /// <summary>A container's context: no privilege escalation, every capability dropped, and the given fields.</summary>
    /// <param name="runAsNonRoot"><c>runAsNonRoot</c>; null leaves it out (the pod's, or the chart's, holds).</param>
    /// <param name="user"><c>runAsUser</c>; null leaves it out.</param>
    /// <param name="group"><c>runAsGroup</c>; null leaves it out.</param>
    /// <param name="readOnlyRootFilesystem"><c>readOnlyRootFilesystem</c>; null leaves it out. Default true.</param>
    /// <param name="privileged"><c>privileged</c>; null leaves it out.</param>
    /// <param name="seccomp">Whether the container sets the <see cref="SeccompProfileType"/> profile itself (a pod-level one
    /// covers it otherwise). Default false.</param>
    public static Dictionary<string, object> Container(bool? runAsNonRoot = null, int? user = null, int? group = null,
        bool? readOnlyRootFilesystem = true, bool? privileged = null, bool seccomp = false)
    {
        var context = Map(
            ("allowPrivilegeEscalation", false),
            ("capabilities", Map(("drop", new object[] { "ALL" }))));
        RunAs(context, runAsNonRoot, user, group);
        if (readOnlyRootFilesystem is { } readOnly) context["readOnlyRootFilesystem"] = readOnly;
        if (privileged is { } p) context["privileged"] = p;
        if (seccomp) context["seccompProfile"] = SeccompProfile();
        return context;
    }

    /// <summary>A pod's context: <c>runAsNonRoot</c>, the <see cref="SeccompProfileType"/> profile, and the given ids.</summary>
    /// <param name="user"><c>runAsUser</c>; null leaves it out (the image's user holds).</param>
    /// <param name="group"><c>runAsGroup</c>; null leaves it out.</param>
    /// <param name="fsGroup"><c>fsGroup</c>; null leaves it out.</param>
    /// <param name="runAsNonRoot"><c>runAsNonRoot</c>; null leaves it out (a container that must be root says so on its
    /// own context). Default true.</param>
    /// <param name="seccomp">Whether the pod sets the seccomp profile. Default true.</param>
    /// <param name="fsGroupChangePolicy"><c>fsGroupChangePolicy</c>; null leaves it out.</param>
    public static Dictionary<string, object> Pod(int? user = null, int? group = null, int? fsGroup = null,
        bool? runAsNonRoot = true, bool seccomp = true, string? fsGroupChangePolicy = null)
    {
        var context = Map();
        RunAs(context, runAsNonRoot, user, group);
        if (fsGroup is { } fs) context["fsGroup"] = fs;
        if (fsGroupChangePolicy is { } policy) context["fsGroupChangePolicy"] = policy;
        if (seccomp) context["seccompProfile"] = SeccompProfile();
        return context;
    }

    // The identity fields both contexts share.
    private static void RunAs(Dictionary<string, object> context, bool? runAsNonRoot, int? user, int? group)
    {
        if (runAsNonRoot is { } nonRoot) context["runAsNonRoot"] = nonRoot;
        if (user is { } u) context["runAsUser"] = u;
        if (group is { } g) context["runAsGroup"] = g;
    }

    private static Dictionary<string, object> SeccompProfile() => Map(("type", SeccompProfileType));

    /// <summary><see cref="Pod"/> as the typed arguments of a pod the program registers itself (a Job, a DaemonSet):
    /// <c>runAsNonRoot</c>, <paramref name="user"/> and <paramref name="group"/>, the seccomp profile.</summary>
    public static Pulumi.Kubernetes.Types.Inputs.Core.V1.PodSecurityContextArgs PodArgs(int user, int group) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = group,
        SeccompProfile = new Pulumi.Kubernetes.Types.Inputs.Core.V1.SeccompProfileArgs { Type = SeccompProfileType },
    };

    /// <summary><see cref="Container"/> as the typed arguments of a container the program registers itself: no privilege
    /// escalation, every capability dropped, a read-only root file system (the pod's context holds the rest).</summary>
    public static Pulumi.Kubernetes.Types.Inputs.Core.V1.SecurityContextArgs ContainerArgs() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new Pulumi.Kubernetes.Types.Inputs.Core.V1.CapabilitiesArgs { Drop = { "ALL" } },
    };
}
