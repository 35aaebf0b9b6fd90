namespace Platform.Components.Observability.Monitoring;

/// <summary>Where Alertmanager sends notifications (<see cref="AlertReceiver.Kind"/>).</summary>
public enum AlertReceiverKind
{
    /// <summary>E-mail through an SMTP server (<c>email_configs</c>); the secret is the SMTP password, needed only with
    /// a user name.</summary>
    Email,

    /// <summary>A Slack incoming webhook (<c>slack_configs</c>); the secret is the webhook URL.</summary>
    Slack,

    /// <summary>A Microsoft Teams Workflows webhook (<c>msteamsv2_configs</c>, Alertmanager 0.28 and later; the Office
    /// 365 connectors that <c>msteams_configs</c> posts to are retired); the secret is the webhook URL.</summary>
    Teams,

    /// <summary>PagerDuty Events API v2 (<c>pagerduty_configs</c>); the secret is the integration's routing key.</summary>
    PagerDuty,

    /// <summary>A dead man's switch (a heartbeat URL such as a healthchecks service or PagerDuty's heartbeat): only the
    /// always-firing <c>Watchdog</c> alert goes here, every minute, so the service raises an alarm when notifications
    /// stop: Prometheus, Alertmanager or the way out is broken. The secret is the URL (<c>webhook_configs</c>).</summary>
    Watchdog,
}
