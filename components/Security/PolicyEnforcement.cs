namespace Platform.Components.Security;

/// <summary>What Gatekeeper does with a request that violates a policy (the constraint's <c>enforcementAction</c>).</summary>
public enum PolicyEnforcement
{
    /// <summary>Only recorded: the audit lists the violation on the constraint's status and in its metrics; the
    /// request is admitted without a word (<c>dryrun</c>).</summary>
    DryRun,

    /// <summary>Admitted with a warning to the client (kubectl prints it), and recorded by the audit (<c>warn</c>).</summary>
    Warn,

    /// <summary>Refused at admission, and recorded by the audit for what already runs (<c>deny</c>).</summary>
    Deny,
}
