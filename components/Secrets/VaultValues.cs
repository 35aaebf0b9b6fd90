using System.Globalization;
using System.Text;

namespace Platform.Components.Secrets;

/// <summary>The values of the vault (0.34.1) or openbao (0.29.2) chart, and the server configuration (HCL) they carry: HA
/// with integrated Raft storage on the platform's StorageClass, every listener on TLS with the certificate signed by the
/// cluster CA, <c>retry_join</c> to every pod over TLS, the transit seal when asked, the injector and CSI provider off,
/// and pods that meet the restricted Pod Security level. A pure function of its inputs.</summary>
internal static class VaultValues
{
    /// <summary>The server's resources: requests cpu 250m and memory 256Mi, memory limit 1Gi.</summary>
    private static readonly Dictionary<string, object> Resources = new()
    {
        ["requests"] = new Dictionary<string, object> { ["cpu"] = "250m", ["memory"] = "256Mi" },
        ["limits"] = new Dictionary<string, object> { ["memory"] = "1Gi" },
    };

    /// <summary>The chart values for <paramref name="options"/> on <paramref name="server"/>.</summary>
    public static IReadOnlyDictionary<string, object> Render(VaultDistribution server, VaultOptions options, string storageClass)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(storageClass);
        var prefix = VaultNames.EnvPrefix(server);
        var image = VaultImages.Of(server);
        var (repository, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
        var imageValues = new Dictionary<string, object> { ["tag"] = tag, ["pullPolicy"] = "IfNotPresent" };
        if (server == VaultDistribution.OpenBao)
        {
            imageValues["registry"] = repository[..repository.IndexOf('/')];
            imageValues["repository"] = repository[(repository.IndexOf('/') + 1)..];
        }
        else
        {
            imageValues["repository"] = repository;
        }

        var extraVolumes = new List<object> { new Dictionary<string, object> { ["type"] = "secret", ["name"] = VaultNames.TlsSecret } };
        var secretEnv = new List<object>();
        if (options.Transit is { } transit)
        {
            if (transit.CaCertificate is not null)
                extraVolumes.Add(new Dictionary<string, object> { ["type"] = "secret", ["name"] = VaultNames.TransitSecret });
            // The transit seal reads its token from the environment (Vault's seal "transit" docs: token, or VAULT_TOKEN);
            // OpenBao's seal reads BAO_TOKEN and falls back to VAULT_TOKEN.
            foreach (var name in server == VaultDistribution.OpenBao ? new[] { "BAO_TOKEN", "VAULT_TOKEN" } : ["VAULT_TOKEN"])
                secretEnv.Add(new Dictionary<string, object> { ["envName"] = name, ["secretName"] = VaultNames.TransitSecret, ["secretKey"] = "token" });
        }

        var ha = new Dictionary<string, object>
        {
            ["enabled"] = true,
            ["replicas"] = options.Replicas,
            // Standbys redirect clients to the leader's api_addr: its pod name, which the certificate carries (the chart's
            // default is the pod IP, which it does not). Kubernetes expands $(VAR) only for variables defined earlier in
            // the container's env: the charts define VAULT_K8S_POD_NAME (OpenBao: BAO_K8S_POD_NAME) before the api address,
            // HOSTNAME only after it (templates/server-statefulset.yaml of vault-helm v0.34.1 and openbao-helm
            // openbao-0.29.2).
            ["apiAddr"] = $"https://$({PodNameVariable(server)}).{VaultNames.InternalService}:{VaultNames.ApiPort}",
            ["raft"] = new Dictionary<string, object>
            {
                ["enabled"] = true,
                ["setNodeId"] = true,
                ["config"] = Config(server, options),
            },
            // One server has no budget to spare: a budget would block every drain of its node.
            ["disruptionBudget"] = new Dictionary<string, object> { ["enabled"] = options.Replicas > 1 },
        };

        var values = new Dictionary<string, object>
        {
            ["fullnameOverride"] = VaultNames.Fullname,
            ["global"] = new Dictionary<string, object> { ["tlsDisable"] = false },
            ["injector"] = new Dictionary<string, object> { ["enabled"] = false },
            ["csi"] = new Dictionary<string, object> { ["enabled"] = false },
            ["server"] = new Dictionary<string, object>
            {
                ["image"] = imageValues,
                ["resources"] = Resources,
                ["ha"] = ha,
                ["dataStorage"] = new Dictionary<string, object>
                {
                    ["enabled"] = true,
                    ["size"] = options.StorageSize,
                    ["storageClass"] = storageClass,
                    ["accessMode"] = "ReadWriteOnce",
                },
                // The audit log goes to stdout (the container log Fluent Bit ships), not to a volume.
                ["auditStorage"] = new Dictionary<string, object> { ["enabled"] = false },
                // The Kubernetes auth method reviews tokens with the server's own ServiceAccount (system:auth-delegator).
                ["authDelegator"] = new Dictionary<string, object> { ["enabled"] = true },
                ["extraVolumes"] = extraVolumes.ToArray(),
                ["extraEnvironmentVars"] = new Dictionary<string, object>
                {
                    // The CLI inside a pod (the readiness probe's `status`, an operator's `kubectl exec`) verifies the
                    // server against the cluster CA.
                    [$"{prefix}_CACERT"] = $"{VaultNames.UserConfig(server, VaultNames.TlsSecret)}/ca.crt",
                },
                ["extraSecretEnvironmentVars"] = secretEnv.ToArray(),
                ["statefulSet"] = new Dictionary<string, object>
                {
                    ["securityContext"] = new Dictionary<string, object>
                    {
                        // The chart's defaults (uid 100, gid 1000) with what the restricted level adds.
                        ["pod"] = Networking.RestrictedSecurityContext.Pod(user: 100, group: 1000, fsGroup: 1000),
                        // readOnlyRootFilesystem is left as the chart has it (unset).
                        ["container"] = Networking.RestrictedSecurityContext.Container(readOnlyRootFilesystem: null),
                    },
                },
            },
            ["ui"] = new Dictionary<string, object> { ["enabled"] = false },
        };
        return values;
    }

    /// <summary>The environment variable with the pod's name that <paramref name="server"/>'s chart defines before its
    /// api address (<c>VAULT_K8S_POD_NAME</c>, OpenBao's <c>BAO_K8S_POD_NAME</c>).</summary>
    public static string PodNameVariable(VaultDistribution server) => server == VaultDistribution.OpenBao ? "BAO_K8S_POD_NAME" : "VAULT_K8S_POD_NAME";

    /// <summary>The server configuration (HCL): the UI, the TLS listener, Raft with one <c>retry_join</c> per pod
    /// (verifying the leader against the cluster CA), the transit seal when <see cref="VaultOptions.Unseal"/> is transit,
    /// Kubernetes service registration (the <c>vault-active</c> label), and with OpenBao the audit device to stdout
    /// (OpenBao refuses audit devices created through the API since CVE-2025-54997: they are declared here). The chart
    /// replaces the words HOST_IP, POD_IP and HOSTNAME in it when the pod starts, so none of them appears.</summary>
    public static string Config(VaultDistribution server, VaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = VaultNames.Root(server);
        var tls = VaultNames.UserConfig(server, VaultNames.TlsSecret);
        var text = new StringBuilder();
        text.Append("ui = true\n");
        // Vault's integrated storage docs: mlock with Raft's memory-mapped files is not recommended.
        if (server == VaultDistribution.Vault) text.Append("disable_mlock = true\n");
        text.Append('\n');
        text.Append("listener \"tcp\" {\n");
        text.Append(CultureInfo.InvariantCulture, $"  address = \"[::]:{VaultNames.ApiPort}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"  cluster_address = \"[::]:{VaultNames.ClusterPort}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"  tls_cert_file = {Quote(tls + "/tls.crt")}\n");
        text.Append(CultureInfo.InvariantCulture, $"  tls_key_file = {Quote(tls + "/tls.key")}\n");
        text.Append("  tls_min_version = \"tls12\"\n");
        text.Append("}\n\n");
        text.Append("storage \"raft\" {\n");
        text.Append(CultureInfo.InvariantCulture, $"  path = {Quote(root + "/data")}\n");
        for (var i = 0; i < options.Replicas; i++)
        {
            text.Append("\n  retry_join {\n");
            text.Append(CultureInfo.InvariantCulture, $"    leader_api_addr = {Quote($"https://{VaultNames.Pod(i)}:{VaultNames.ApiPort}")}\n");
            text.Append(CultureInfo.InvariantCulture, $"    leader_ca_cert_file = {Quote(tls + "/ca.crt")}\n");
            text.Append(CultureInfo.InvariantCulture, $"    leader_tls_servername = {Quote(VaultNames.Pod(i))}\n");
            text.Append("  }\n");
        }
        text.Append("}\n");
        if (options.Unseal == VaultUnsealMode.Transit && options.Transit is { } transit)
        {
            text.Append("\nseal \"transit\" {\n");
            text.Append(CultureInfo.InvariantCulture, $"  address = {Quote(transit.Address)}\n");
            text.Append(CultureInfo.InvariantCulture, $"  key_name = {Quote(transit.KeyName)}\n");
            text.Append(CultureInfo.InvariantCulture, $"  mount_path = {Quote(transit.MountPath)}\n");
            if (transit.CaCertificate is not null)
                text.Append(CultureInfo.InvariantCulture, $"  tls_ca_cert = {Quote(VaultNames.UserConfig(server, VaultNames.TransitSecret) + "/ca.crt")}\n");
            text.Append("}\n");
        }
        text.Append("\nservice_registration \"kubernetes\" {}\n");
        if (server == VaultDistribution.OpenBao)
        {
            // The labels are the device's type and its path: at file/, where Vault's device is and where the External
            // Secrets layer's setup Job looks for it.
            text.Append("\naudit \"file\" \"file\" {\n");
            text.Append("  description = \"Every request and response, HMAC-hashed, to the container log\"\n");
            text.Append("  options {\n");
            text.Append("    file_path = \"stdout\"\n");
            text.Append("  }\n");
            text.Append("}\n");
        }
        return text.ToString();
    }

    private static string Quote(string value)
    {
        foreach (var word in new[] { "HOST_IP", "POD_IP", "HOSTNAME" })
            if (value.Contains(word, StringComparison.Ordinal))
                throw new ArgumentException($"'{value}' holds {word}, which the chart's start script replaces in the configuration.", nameof(value));
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
