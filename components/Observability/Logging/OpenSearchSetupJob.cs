using Platform.Components.Networking;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Batch.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Platform.Components.Observability.Logging;

/// <summary>
/// The Job that brings a running OpenSearch to the layer's configuration, re-run whenever that configuration changes:
/// its init container applies the security configuration (<see cref="OpenSearchSecurityConfig"/>, from its Secret) with
/// the security plugin's <c>securityadmin.sh</c>, the supported way to change the security index of a running cluster
/// (the nodes read the mounted files only on the cluster's first start, when the index does not exist yet:
/// https://docs.opensearch.org/latest/security/configuration/security-admin/); its container then puts the index
/// templates and the ISM policy (<see cref="OpenSearchIndexPolicies"/>) through the REST API and moves indices already
/// managed to the policy's new version. Both authenticate with the admin client certificate
/// (<see cref="OpenSearchSecurityConfig.AdminDn"/>) mounted from a Secret: no password, nothing secret on a command line.
/// Every step is an idempotent PUT (the policy with its current sequence number), so a run after a failed one, or a
/// second run, leaves the same state. The pod template carries a checksum of everything it applies, so a change replaces
/// the Job (a Job's template is immutable: Pulumi replaces it, deleting the finished one first as the name is fixed) and
/// the new one runs.
/// </summary>
public static class OpenSearchSetupJob
{
    /// <summary>The Secret with the admin client certificate, its key and the CA (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>).</summary>
    public const string AdminTlsSecret = "opensearch-admin-tls";

    /// <summary>The Job's name.</summary>
    public const string JobName = "opensearch-setup";

    /// <summary>The ConfigMap with the index setup's script, policy and templates.</summary>
    public const string ConfigMapName = "opensearch-setup";

    /// <summary>The pod template annotation holding the checksum of what the Job applies.</summary>
    public const string ChecksumAnnotation = "platform.io/configuration-checksum";

    /// <summary>The key of the script in <see cref="ConfigMapName"/>.</summary>
    public const string ScriptKey = "setup.sh";

    /// <summary>The key of the ISM policy in <see cref="ConfigMapName"/>.</summary>
    public const string PolicyKey = "policy.json";

    /// <summary>securityadmin.sh in the OpenSearch image.</summary>
    public const string SecurityAdmin = "/usr/share/opensearch/plugins/opensearch-security/tools/securityadmin.sh";

    /// <summary>The security admin's command against <paramref name="host"/> (a name the HTTP certificate carries, so
    /// the host is verified): upload every file of the mounted folder, whatever the cluster's name.</summary>
    public static IReadOnlyList<string> SecurityAdminCommand(string host) =>
    [
        SecurityAdmin, "-cd", "/security-config", "-icl", "-h", host, "-p", OpenSearchValues.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-cacert", "/admin-tls/ca.crt", "-cert", "/admin-tls/tls.crt", "-key", "/admin-tls/tls.key",
    ];

    /// <summary>The index setup's files: <see cref="ScriptKey"/>, <see cref="PolicyKey"/> and one
    /// <c>template-&lt;name&gt;.json</c> per index template, for <paramref name="options"/>.</summary>
    public static IReadOnlyDictionary<string, string> Files(LoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ScriptKey] = Script,
            [PolicyKey] = OpenSearchIndexPolicies.Policy(options.RetentionDays),
        };
        foreach (var (name, template) in OpenSearchIndexPolicies.Templates(options.IndexShards, options.IndexReplicas))
            files[$"template-{name}.json"] = template;
        return files;
    }

    /// <summary>The index setup script (bash, run by the OpenSearch image): waits for the cluster, puts every template,
    /// creates or updates the policy, and moves every managed index of its patterns to the policy's newest version.
    /// <c>OPENSEARCH_URL</c> and <c>POLICY_ID</c> come from the environment.</summary>
    public static string Script { get; } = $$"""
        #!/bin/bash
        # Applies the platform's index templates and ISM policy to OpenSearch (the logging layer's setup Job).
        set -euo pipefail
        api() {
          curl -sS --fail-with-body --cacert /admin-tls/ca.crt --cert /admin-tls/tls.crt --key /admin-tls/tls.key \
            -H 'Content-Type: application/json' "$@"
          echo
        }
        for attempt in $(seq 1 60); do
          if api "$OPENSEARCH_URL/_cluster/health?wait_for_status=yellow&timeout=10s" >/dev/null; then break; fi
          [ "$attempt" -lt 60 ] || { echo "OpenSearch at $OPENSEARCH_URL is not yellow or green after 60 attempts" >&2; exit 1; }
          sleep 5
        done
        for file in /setup/template-*.json; do
          name=${file#/setup/template-}
          api -X PUT "$OPENSEARCH_URL/_index_template/${name%.json}" --data-binary "@$file"
        done
        # A policy is replaced only at its current sequence number and primary term (optimistic concurrency).
        code=$(curl -sS --cacert /admin-tls/ca.crt --cert /admin-tls/tls.crt --key /admin-tls/tls.key \
          -o /tmp/policy.json -w '%{http_code}' "$OPENSEARCH_URL/_plugins/_ism/policies/$POLICY_ID")
        case "$code" in
          200)
            seq_no=$(sed -n 's/.*"_seq_no":\([0-9]*\).*/\1/p' /tmp/policy.json)
            term=$(sed -n 's/.*"_primary_term":\([0-9]*\).*/\1/p' /tmp/policy.json)
            api -X PUT "$OPENSEARCH_URL/_plugins/_ism/policies/$POLICY_ID?if_seq_no=$seq_no&if_primary_term=$term" --data-binary @/setup/{{PolicyKey}}
            ;;
          404)
            api -X PUT "$OPENSEARCH_URL/_plugins/_ism/policies/$POLICY_ID" --data-binary @/setup/{{PolicyKey}}
            ;;
          *)
            echo "reading the policy $POLICY_ID answered HTTP $code" >&2
            cat /tmp/policy.json >&2
            exit 1
            ;;
        esac
        # Indices already managed keep the policy version they started with until they are moved to the new one.
        for pattern in {{string.Join(" ", OpenSearchIndexPolicies.ManagedPatterns.Select(p => $"'{p}'"))}}; do
          api -X POST "$OPENSEARCH_URL/_plugins/_ism/change_policy/$pattern" --data-binary "{\"policy_id\": \"$POLICY_ID\"}"
        done
        """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    /// <summary>The Job's arguments in namespace <paramref name="ns"/>, against OpenSearch at <paramref name="host"/>,
    /// its pod template annotated with <paramref name="checksum"/>. The Job is never deleted by a TTL: Pulumi would
    /// create it again on the next update.</summary>
    internal static JobArgs Args(Input<string> ns, string host, string image, Input<string> checksum)
    {
        var security = new SecurityContextArgs
        {
            AllowPrivilegeEscalation = false,
            Capabilities = new CapabilitiesArgs { Drop = { "ALL" } },
            RunAsNonRoot = true,
            RunAsUser = 1000,
            RunAsGroup = 1000,
            SeccompProfile = new SeccompProfileArgs { Type = "RuntimeDefault" },
        };
        var resources = new ResourceRequirementsArgs
        {
            Requests = { { "cpu", "100m" }, { "memory", "256Mi" } },
            Limits = { { "memory", "512Mi" } },
        };
        var adminTls = new VolumeMountArgs { Name = "admin-tls", MountPath = "/admin-tls", ReadOnly = true };
        return new JobArgs
        {
            Metadata = new ObjectMetaArgs { Name = JobName, Namespace = ns, Labels = { { "app.kubernetes.io/name", "opensearch-setup" } } },
            Spec = new JobSpecArgs
            {
                BackoffLimit = 6,
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs
                    {
                        Labels = { { "app.kubernetes.io/name", "opensearch-setup" } },
                        Annotations = { { ChecksumAnnotation, checksum } },
                    },
                    Spec = new PodSpecArgs
                    {
                        RestartPolicy = "Never",
                        AutomountServiceAccountToken = false,
                        SecurityContext = RestrictedSecurityContext.PodArgs(1000, 1000),
                        InitContainers =
                        {
                            new ContainerArgs
                            {
                                Name = "security-config",
                                Image = image,
                                Command = SecurityAdminCommand(host).ToList(),
                                SecurityContext = security,
                                Resources = resources,
                                VolumeMounts =
                                {
                                    adminTls,
                                    new VolumeMountArgs { Name = "security-config", MountPath = "/security-config", ReadOnly = true },
                                },
                            },
                        },
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = "index-setup",
                                Image = image,
                                Command = { "/bin/bash", $"/setup/{ScriptKey}" },
                                SecurityContext = security,
                                Resources = resources,
                                Env =
                                {
                                    new EnvVarArgs { Name = "OPENSEARCH_URL", Value = $"https://{host}:{OpenSearchValues.HttpPort}" },
                                    new EnvVarArgs { Name = "POLICY_ID", Value = OpenSearchIndexPolicies.PolicyId },
                                },
                                VolumeMounts =
                                {
                                    adminTls,
                                    new VolumeMountArgs { Name = "setup", MountPath = "/setup", ReadOnly = true },
                                },
                            },
                        },
                        Volumes =
                        {
                            new VolumeArgs { Name = "admin-tls", Secret = new SecretVolumeSourceArgs { SecretName = AdminTlsSecret } },
                            new VolumeArgs { Name = "security-config", Secret = new SecretVolumeSourceArgs { SecretName = OpenSearchValues.SecurityConfigSecret } },
                            new VolumeArgs { Name = "setup", ConfigMap = new ConfigMapVolumeSourceArgs { Name = ConfigMapName } },
                        },
                    },
                },
            },
        };
    }
}
