using k8s.Models;

namespace Platform.Tests.Validation;

/// <summary>
/// The container and pod rules of the Pod Security Standards' <c>restricted</c> profile (kubernetes.io/docs/concepts/
/// security/pod-security-standards, "Restricted", version latest): privilege escalation off, every capability dropped
/// (only NET_BIND_SERVICE may be added), non-root, no root UID, a RuntimeDefault or Localhost seccomp profile, not
/// privileged. The pod-level context counts for what the container does not set.
/// </summary>
public static class RestrictedPodSecurity
{
    /// <summary>Why a container with <paramref name="container"/> in a pod with <paramref name="pod"/> violates
    /// <c>restricted</c>; empty when it complies.</summary>
    public static IReadOnlyList<string> Violations(V1PodSecurityContext? pod, V1SecurityContext? container)
    {
        var problems = new List<string>();
        if (container?.Privileged == true) problems.Add("privileged");
        if (container?.AllowPrivilegeEscalation != false) problems.Add("allowPrivilegeEscalation is not false");
        if (container?.Capabilities?.Drop?.Contains("ALL") != true) problems.Add("capabilities.drop lacks ALL");
        if (container?.Capabilities?.Add?.Any(c => c != "NET_BIND_SERVICE") == true) problems.Add("capabilities.add has more than NET_BIND_SERVICE");
        if ((container?.RunAsNonRoot ?? pod?.RunAsNonRoot) != true) problems.Add("runAsNonRoot is not true");
        if ((container?.RunAsUser ?? pod?.RunAsUser) == 0) problems.Add("runAsUser is 0");
        var seccomp = container?.SeccompProfile?.Type ?? pod?.SeccompProfile?.Type;
        if (seccomp is not ("RuntimeDefault" or "Localhost")) problems.Add("seccompProfile.type is not RuntimeDefault or Localhost");
        return problems;
    }
}
