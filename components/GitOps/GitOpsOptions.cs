using System.Text.RegularExpressions;

namespace Platform.Components.GitOps;

/// <summary>How the gitOps capability runs (<c>platform:gitOps</c>): Argo CD's hostname on the default IngressClass,
/// whether its notifications go to Alertmanager, and the optional app-of-apps Application it starts from.</summary>
public sealed partial record GitOpsOptions
{
    /// <summary>Argo CD's hostname on the default IngressClass (e.g. <c>argocd.example.com</c>): its UI, API and single
    /// sign-on callback. Default none: no Ingress and no single sign-on (reach it with <c>kubectl port-forward</c>, as
    /// the local admin).</summary>
    public string? Host { get; init; }

    /// <summary>Whether Argo CD's notifications controller runs and sends failed syncs and degraded applications to the
    /// monitoring layer's Alertmanager (which routes them to its receivers). Without the monitoring capability there is no
    /// Alertmanager, so no controller runs. Default true.</summary>
    public bool Notifications { get; init; } = true;

    /// <summary>The app-of-apps Application Argo CD starts from; null for none (Applications are then added through the
    /// UI, the CLI or kubectl). Default null.</summary>
    public GitOpsBootstrap? Bootstrap { get; init; }

    /// <summary>The problems with these options, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Host is { } host && !Hostname().IsMatch(host))
            problems.Add($"host '{host}' is not a DNS name (dot-separated lowercase labels with at least one dot), e.g. argocd.example.com.");
        if (Bootstrap is { } bootstrap)
            problems.AddRange(bootstrap.Validate().Select(p => $"bootstrap.{p}"));
        return problems;
    }

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$")]
    private static partial Regex Hostname();
}
