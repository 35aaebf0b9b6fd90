using Platform.Components.Cluster.Kubeadm;

namespace Platform.Stacks.Configuration;

/// <summary>The hardening defaults that <c>platform:hardeningExceptions</c> can switch off, by id.</summary>
public static class HardeningSwitches
{
    private static readonly (string Id, Func<KubeadmHardening, KubeadmHardening> SwitchOff)[] Switches =
    [
        ("auditLog", h => h with { AuditLog = false }),
        ("encryptionAtRest", h => h with { EncryptionAtRest = false }),
        ("disableProfiling", h => h with { DisableProfiling = false }),
        ("nodeRestriction", h => h with { NodeRestriction = false }),
        ("eventRateLimit", h => h with { EventRateLimit = false }),
        ("podSecurityDefaults", h => h with { PodSecurityDefaults = false }),
        ("kubeletServingCertificates", h => h with { KubeletServingCertificates = false }),
        ("kubeletHardening", h => h with { KubeletHardening = false }),
        ("strictServiceAccountTokens", h => h with { StrictServiceAccountTokens = false }),
        ("strongTls", h => h with { StrongTls = false }),
        ("terminatedPodGc", h => h with { TerminatedPodGc = false }),
    ];

    /// <summary>Every switch id, e.g. <c>auditLog</c>.</summary>
    public static IReadOnlyList<string> Ids { get; } = Switches.Select(s => s.Id).ToList();

    /// <summary>The fully hardened settings with the given exceptions switched off.</summary>
    public static KubeadmHardening Apply(IEnumerable<string> exceptions)
    {
        ArgumentNullException.ThrowIfNull(exceptions);
        var hardening = new KubeadmHardening();
        foreach (var id in exceptions)
            hardening = Switches.Single(s => string.Equals(s.Id, id, StringComparison.Ordinal)).SwitchOff(hardening);
        return hardening;
    }
}
