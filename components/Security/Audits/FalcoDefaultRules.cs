namespace Platform.Components.Security.Audits;

/// <summary>The rules Falco loads by default: <c>/etc/falco/falco_rules.yaml</c> of the Falco image the chart runs, which
/// the platform uses as it is (falcoctl's download of newer rules is off, see <see cref="FalcoValues"/>). Falco 0.44.1
/// bundles falcosecurity/rules release <see cref="Version"/> (falcosecurity/falco tag 0.44.1,
/// <c>cmake/modules/rules.cmake</c>: <c>FALCOSECURITY_RULES_FALCO_VERSION "falco-rules-5.1.0"</c>); the names below are
/// every <c>- rule:</c> of <c>rules/falco_rules.yaml</c> at falcosecurity/rules tag <c>falco-rules-5.1.0</c> (commit
/// 6cbb113, 2026-05-20). An exception (<see cref="AuditException.Rule"/>) must name one of them or a platform rule.</summary>
public static class FalcoDefaultRules
{
    /// <summary>The falcosecurity/rules release the Falco image bundles.</summary>
    public const string Version = "falco-rules-5.1.0";

    /// <summary>Every default rule's name, in the file's order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "Directory traversal monitored file read",
        "Read sensitive file trusted after startup",
        "Read sensitive file untrusted",
        "Run shell untrusted",
        "System user interactive",
        "Terminal shell in container",
        "Contact K8S API Server From Container",
        "Netcat Remote Code Execution in Container",
        "Search Private Keys or Passwords",
        "Clear Log Activities",
        "Remove Bulk Data from Disk",
        "Create Symlink Over Sensitive Files",
        "Create Hardlink Over Sensitive Files",
        "Packet socket created in container",
        "Redirect STDOUT/STDIN to Network Connection in Container",
        "Linux Kernel Module Injection Detected",
        "Debugfs Launched in Privileged Container",
        "Detect release_agent File Container Escapes",
        "PTRACE attached to process",
        "PTRACE anti-debug attempt",
        "Find AWS Credentials",
        "Execution from /dev/shm",
        "Drop and execute new binary in container",
        "Disallowed SSH Connection Non Standard Port",
        "Fileless execution via memfd_create",
    ];
}
