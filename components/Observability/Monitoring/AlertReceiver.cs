using System.Text.RegularExpressions;

namespace Platform.Components.Observability.Monitoring;

/// <summary>One Alertmanager receiver (<c>platform:monitoring.alertmanager.receivers[]</c>). Its secret (SMTP password,
/// webhook URL or routing key) is never part of this record: it comes from the secret configuration key
/// <c>platform:monitoringSecrets</c>, under the receiver's <see cref="Name"/>.</summary>
public sealed partial record AlertReceiver
{
    /// <summary>The severities an alert is routed to a receiver with when it names none: critical and warning
    /// (<c>info</c> alerts are for dashboards; kube-prometheus-stack's rules inhibit them under a firing warning).</summary>
    public static IReadOnlyList<string> DefaultSeverities { get; } = ["critical", "warning"];

    /// <summary>The severities of the default rules (their <c>severity</c> label).</summary>
    public static IReadOnlyList<string> KnownSeverities { get; } = ["critical", "warning", "info"];

    /// <summary>The receiver's name, a DNS-1123 label, unique among the receivers (also its key in
    /// <c>platform:monitoringSecrets</c>). Required.</summary>
    public required string Name { get; init; }

    /// <summary>Where it notifies. Required.</summary>
    public required AlertReceiverKind Kind { get; init; }

    /// <summary>E-mail: the recipient address(es), comma-separated. Required for e-mail, refused otherwise.</summary>
    public string? To { get; init; }

    /// <summary>E-mail: the sender address. Required for e-mail, refused otherwise.</summary>
    public string? From { get; init; }

    /// <summary>E-mail: the SMTP server as host:port (587 for STARTTLS, which Alertmanager requires by default). Required
    /// for e-mail, refused otherwise.</summary>
    public string? Smarthost { get; init; }

    /// <summary>E-mail: the SMTP user name; with one, the password is the receiver's secret. Default none (no SMTP
    /// authentication).</summary>
    public string? Username { get; init; }

    /// <summary>Slack: the channel (e.g. <c>#alerts</c>), overriding the webhook's own. Default none.</summary>
    public string? Channel { get; init; }

    /// <summary>The severities routed here. Default null: <see cref="DefaultSeverities"/>; refused for
    /// <see cref="AlertReceiverKind.Watchdog"/> (which receives only the Watchdog).</summary>
    public IReadOnlyList<string>? Severities { get; init; }

    /// <summary>The severities routed here, defaults applied.</summary>
    public IReadOnlyList<string> EffectiveSeverities => Severities ?? DefaultSeverities;

    /// <summary>Whether the receiver needs a secret in <c>platform:monitoringSecrets</c>: every kind but e-mail without
    /// a user name.</summary>
    public bool NeedsSecret => Kind != AlertReceiverKind.Email || Username is not null;

    /// <summary>The port Alertmanager connects to: the SMTP server's for e-mail, 443 (HTTPS) for the webhooks.</summary>
    public int Port => Kind == AlertReceiverKind.Email && Smarthost is { } host && SmarthostPattern().Match(host) is { Success: true } m
        ? int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)
        : 443;

    /// <summary>What the secret of this kind is, in words (for messages).</summary>
    public string SecretDescription => Kind switch
    {
        AlertReceiverKind.Email => "the SMTP password",
        AlertReceiverKind.PagerDuty => "the PagerDuty routing key",
        _ => "the https webhook URL",
    };

    /// <summary>The problems with this receiver, each a sentence naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var self = $"receiver '{Name}'";
        if (!Dns1123Label().IsMatch(Name))
            problems.Add($"{self}: the name must be a DNS-1123 label (lowercase letters, digits and '-', at most 63), e.g. ops-mail.");
        else if (Name == AlertmanagerConfiguration.NullReceiver)
            problems.Add($"{self}: the name null is Alertmanager's receiver that drops alerts; choose another, e.g. ops-mail.");
        var email = Kind == AlertReceiverKind.Email;
        if (email)
        {
            if (string.IsNullOrWhiteSpace(To) || !To.Split(',').All(a => EmailAddress().IsMatch(a.Trim())))
                problems.Add($"{self}: to must be one or more e-mail addresses, comma-separated, e.g. \"ops@example.com\".");
            if (string.IsNullOrWhiteSpace(From) || !EmailAddress().IsMatch(From))
                problems.Add($"{self}: from must be the sender's e-mail address, e.g. \"alertmanager@example.com\".");
            if (Smarthost is null || !SmarthostPattern().Match(Smarthost).Success || Port is < 1 or > 65535)
                problems.Add($"{self}: smarthost must be the SMTP server as host:port, e.g. \"smtp.example.com:587\".");
            if (Username is { } user && string.IsNullOrWhiteSpace(user))
                problems.Add($"{self}: username is empty; remove it for a server without authentication.");
        }
        else if (To is not null || From is not null || Smarthost is not null || Username is not null)
        {
            problems.Add($"{self}: to, from, smarthost and username are for e-mail receivers only. Remove them.");
        }
        if (Channel is not null && Kind != AlertReceiverKind.Slack)
            problems.Add($"{self}: channel is for Slack receivers only. Remove it.");
        if (Channel is { } channel && !SlackChannel().IsMatch(channel))
            problems.Add($"{self}: channel '{channel}' is not a Slack channel; use e.g. \"#alerts\".");
        if (Kind == AlertReceiverKind.Watchdog && Severities is not null)
            problems.Add($"{self}: a watchdog receiver gets only the Watchdog alert; remove severities.");
        if (Severities is { } severities)
        {
            if (severities.Count == 0)
                problems.Add($"{self}: severities is empty, so nothing would be routed to it. Name at least one of {string.Join(", ", KnownSeverities)}.");
            foreach (var severity in severities.Where(s => !KnownSeverities.Contains(s, StringComparer.Ordinal)))
                problems.Add($"{self}: '{severity}' is not a severity of the default rules. Use {string.Join(", ", KnownSeverities)}.");
            if (severities.Distinct(StringComparer.Ordinal).Count() != severities.Count)
                problems.Add($"{self}: severities repeats a value.");
        }
        return problems;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[^@\s,]+@[^@\s,]+\.[^@\s,]+$")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"^(?<host>[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?):(?<port>[0-9]{1,5})$")]
    private static partial Regex SmarthostPattern();

    [GeneratedRegex(@"^[#@][a-z0-9][a-z0-9._-]{0,79}$")]
    private static partial Regex SlackChannel();
}
