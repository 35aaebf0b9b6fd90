using k8s.Models;
using Platform.Tests.Validation.ConfigApi;

namespace Platform.Tests.Validation;

/// <summary>
/// A small model of what Pod Security admission decides for a pod (kubernetes.io/docs/concepts/security/
/// pod-security-admission): a request by an exempt user, in an exempt namespace or with an exempt RuntimeClass passes;
/// otherwise the namespace's <c>pod-security.kubernetes.io/enforce</c> label, or else the admission configuration's
/// default, chooses the level, and the pod must satisfy it. It implements only part of the Pod Security Standards
/// (kubernetes.io/docs/concepts/security/pod-security-standards): for baseline, host namespaces, privileged
/// containers, added capabilities beyond baseline's list, hostPath volumes, host ports and an Unconfined seccomp
/// profile; for restricted, those and <see cref="RestrictedPodSecurity"/>'s container rules. Enough to tell a root
/// container's fate at each level apart; not a replacement for the API server's own checks.
/// </summary>
public static class PodSecurityAdmissionCheck
{
    /// <summary>The capabilities baseline lets a container add.</summary>
    private static readonly string[] BaselineCapabilities =
        ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

    /// <summary>The level enforced on a pod in a namespace with <paramref name="namespaceLabels"/>, under
    /// <paramref name="config"/>'s defaults; privileged when neither says.</summary>
    public static PodSecurityLevel EnforcedLevel(PodSecurityConfiguration config, IReadOnlyDictionary<string, string> namespaceLabels)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(namespaceLabels);
        if (namespaceLabels.TryGetValue("pod-security.kubernetes.io/enforce", out var label))
        {
            return label switch
            {
                "privileged" => PodSecurityLevel.Privileged,
                "baseline" => PodSecurityLevel.Baseline,
                "restricted" => PodSecurityLevel.Restricted,
                _ => throw new ArgumentException($"'{label}' is not a Pod Security level", nameof(namespaceLabels)),
            };
        }
        return config.Defaults.Enforce ?? PodSecurityLevel.Privileged;
    }

    /// <summary>Why the API server would reject creating <paramref name="pod"/> in <paramref name="namespaceName"/>
    /// (labelled <paramref name="namespaceLabels"/>) for <paramref name="username"/>; empty when it admits it.</summary>
    public static IReadOnlyList<string> Rejections(PodSecurityConfiguration config, string namespaceName, IReadOnlyDictionary<string, string> namespaceLabels,
        V1Pod pod, string username = "alice")
    {
        ArgumentNullException.ThrowIfNull(pod);
        var exemptions = config.Exemptions;
        if (exemptions.Namespaces?.Contains(namespaceName) == true || exemptions.Usernames?.Contains(username) == true
            || (pod.Spec.RuntimeClassName is { } runtimeClass && exemptions.RuntimeClasses?.Contains(runtimeClass) == true))
            return [];
        var level = EnforcedLevel(config, namespaceLabels);
        if (level == PodSecurityLevel.Privileged) return [];
        var problems = new List<string>();
        var spec = pod.Spec;
        if (spec.HostNetwork == true || spec.HostPID == true || spec.HostIPC == true) problems.Add("host namespaces");
        if (spec.Volumes?.Any(v => v.HostPath is not null) == true) problems.Add("hostPath volumes");
        if (spec.SecurityContext?.SeccompProfile?.Type == "Unconfined") problems.Add("seccompProfile Unconfined");
        foreach (var container in spec.Containers.Concat(spec.InitContainers ?? []))
        {
            var context = container.SecurityContext;
            if (context?.Privileged == true) problems.Add($"{container.Name}: privileged");
            if (context?.Capabilities?.Add?.Any(c => !BaselineCapabilities.Contains(c)) == true) problems.Add($"{container.Name}: capabilities beyond baseline");
            if (container.Ports?.Any(p => p.HostPort is > 0) == true) problems.Add($"{container.Name}: host ports");
            if (context?.SeccompProfile?.Type == "Unconfined") problems.Add($"{container.Name}: seccompProfile Unconfined");
            if (level == PodSecurityLevel.Restricted)
                problems.AddRange(RestrictedPodSecurity.Violations(spec.SecurityContext, context).Select(v => $"{container.Name}: {v}"));
        }
        return problems;
    }
}
