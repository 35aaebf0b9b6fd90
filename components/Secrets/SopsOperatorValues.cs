namespace Platform.Components.Secrets;

/// <summary>The values of chart sops-secrets-operator 0.28.0: one cluster-wide operator (it turns a <c>SopsSecret</c>
/// in any namespace into the Secrets it holds), decrypting with the age key file mounted from <see cref="KeySecret"/>
/// (<c>secretsAsFiles</c>, the file named by <c>SOPS_AGE_KEY_FILE</c>, which SOPS reads for age identities), its pod at
/// the restricted Pod Security level. A pure function.</summary>
internal static class SopsOperatorValues
{
    /// <summary>The Secret holding the age key file.</summary>
    public const string KeySecret = "sops-age-key";

    /// <summary>The key file's name in <see cref="KeySecret"/>.</summary>
    public const string KeyFile = "keys.txt";

    /// <summary>Where the operator's container mounts <see cref="KeySecret"/>.</summary>
    public const string KeyDir = "/etc/sops-age";

    /// <summary>The operator's image: quay.io/isindir/sops-secrets-operator at the chart's appVersion 0.21.1 (values.yaml
    /// <c>image</c>), pulled only when missing instead of the chart's Always.</summary>
    public const string Image = "quay.io/isindir/sops-secrets-operator:0.21.1";

    /// <summary>The values.</summary>
    public static IReadOnlyDictionary<string, object> Render() => new Dictionary<string, object>
    {
        ["replicaCount"] = 1,
        ["namespaced"] = false,
        ["image"] = new Dictionary<string, object>
        {
            ["repository"] = Image[..Image.LastIndexOf(':')],
            ["tag"] = Image[(Image.LastIndexOf(':') + 1)..],
            ["pullPolicy"] = "IfNotPresent",
        },
        ["secretsAsFiles"] = new object[]
        {
            new Dictionary<string, object> { ["name"] = "age-key", ["mountPath"] = KeyDir, ["secretName"] = KeySecret },
        },
        ["extraEnv"] = new object[]
        {
            new Dictionary<string, object> { ["name"] = "SOPS_AGE_KEY_FILE", ["value"] = $"{KeyDir}/{KeyFile}" },
        },
        ["resources"] = new Dictionary<string, object>
        {
            ["requests"] = new Dictionary<string, object> { ["cpu"] = "10m", ["memory"] = "64Mi" },
            ["limits"] = new Dictionary<string, object> { ["memory"] = "256Mi" },
        },
        // The chart's pod and container contexts replaced whole (customPodSecurityContext, customContainerSecurityContext)
        // by what the restricted level asks for: no privilege escalation, every capability dropped, the RuntimeDefault
        // seccomp profile, a non-root user.
        ["securityContext"] = new Dictionary<string, object>
        {
            ["enabled"] = true,
            ["customPodSecurityContext"] = Networking.RestrictedSecurityContext.Pod(user: 13001, group: 13001, fsGroup: 13001),
            ["container"] = new Dictionary<string, object>
            {
                ["enabled"] = true,
                ["customContainerSecurityContext"] = Networking.RestrictedSecurityContext.Container(),
            },
        },
        ["rbac"] = new Dictionary<string, object> { ["enabled"] = true },
        ["metrics"] = new Dictionary<string, object> { ["enabled"] = false },
    };
}
