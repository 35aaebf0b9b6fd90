using System.Globalization;
using Platform.Components.Networking.Certificates;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Networking.ExternalDns;

/// <summary>Helm values for the <c>external-dns</c> chart (see <see cref="Catalog.HelmCharts.ExternalDns"/>), and the
/// Kubernetes Secret the stack must create for the provider's credentials. Every key is checked against the chart's
/// values.yaml of the pinned version. The tree holds only string, bool, int, nested
/// <see cref="Dictionary{TKey, TValue}"/> and <c>object[]</c>, never null, and its keys come out in a fixed order.</summary>
/// <remarks>How each provider gets its credentials from <see cref="CredentialsSecretName"/> (created by the stack from
/// Pulumi secrets in external-dns's namespace, holding exactly <see cref="CredentialKeys"/>):
/// <list type="bullet">
/// <item>RFC 2136: <c>env</c> <c>EXTERNAL_DNS_RFC2136_TSIG_SECRET</c> from <see cref="TsigSecretKey"/>, which
/// external-dns reads as its <c>--rfc2136-tsig-secret</c> flag (every flag can be given as
/// <c>EXTERNAL_DNS_&lt;FLAG&gt;</c>: kubernetes-sigs/external-dns v0.21.0, pkg/apis/externaldns/types.go, <c>App()</c>
/// calls kingpin's <c>DefaultEnvars()</c>). So the secret is on no command line: not in the Deployment, not in the
/// process list.</item>
/// <item>AWS: <c>env</c> <c>AWS_ACCESS_KEY_ID</c> and <c>AWS_SECRET_ACCESS_KEY</c> from <see cref="AwsAccessKeyIdKey"/>
/// and <see cref="AwsSecretAccessKeyKey"/> (the SDK's standard variables), <c>AWS_REGION</c> from the options.</item>
/// <item>Azure: <see cref="AzureConfigKey"/> holds the provider's JSON config file (<c>tenantId</c>,
/// <c>subscriptionId</c>, <c>resourceGroup</c>, <c>aadClientId</c>, <c>aadClientSecret</c>), mounted read-only through
/// <c>extraVolumes</c>/<c>extraVolumeMounts</c> and named by <c>--azure-config-file</c>; resource group and subscription
/// are also passed as flags, which take precedence over the file.</item>
/// <item>Google: <see cref="GoogleCredentialsKey"/> holds a service account key file, mounted read-only, named by
/// <c>env</c> <c>GOOGLE_APPLICATION_CREDENTIALS</c>; <c>--google-project</c> from the options.</item>
/// <item>Cloudflare: <c>env</c> <c>CF_API_TOKEN</c> from <see cref="CloudflareApiTokenKey"/> (a scoped API token with
/// Zone:Read and DNS:Edit, not the global API key).</item>
/// </list>
/// Fixed choices: sources <c>ingress</c> and <c>service</c> (hostnames of Ingresses and of LoadBalancer Services with
/// the external-dns hostname annotation); registry <c>txt</c> with <c>txtOwnerId</c> = the cluster name, so clusters
/// sharing a zone only ever touch their own records.</remarks>
public static class ExternalDnsValues
{
    /// <summary>The Secret, in external-dns's namespace, that holds the provider's credentials under the keys of
    /// <see cref="CredentialKeys"/>.</summary>
    public const string CredentialsSecretName = "external-dns-credentials";

    /// <summary>RFC 2136: the base64 TSIG secret.</summary>
    public const string TsigSecretKey = "tsig-secret";

    /// <summary>RFC 2136: the environment variable external-dns reads its <c>--rfc2136-tsig-secret</c> flag from.</summary>
    public const string TsigSecretVariable = "EXTERNAL_DNS_RFC2136_TSIG_SECRET";

    /// <summary>AWS: the IAM access key ID.</summary>
    public const string AwsAccessKeyIdKey = "aws-access-key-id";

    /// <summary>AWS: the IAM secret access key.</summary>
    public const string AwsSecretAccessKeyKey = "aws-secret-access-key";

    /// <summary>Azure: the provider's JSON configuration file (tenant, subscription, resource group, service principal
    /// client ID and secret).</summary>
    public const string AzureConfigKey = "azure.json";

    /// <summary>Google: the service account's JSON key file.</summary>
    public const string GoogleCredentialsKey = "credentials.json";

    /// <summary>Cloudflare: the API token.</summary>
    public const string CloudflareApiTokenKey = "cloudflare-api-token";

    private const string AzureConfigDirectory = "/etc/external-dns/azure";
    private const string GoogleCredentialsDirectory = "/etc/external-dns/google";

    /// <summary>Where external-dns serves Prometheus metrics: the chart's <c>service.port</c>, 7979.</summary>
    public static IReadOnlyList<(int Port, string Protocol)> MetricsPorts { get; } = [(7979, "TCP")];

    /// <summary>The overlay that has external-dns scraped (monitoring on): the chart's ServiceMonitor on its Service's
    /// metrics port.</summary>
    public static IReadOnlyDictionary<string, object> Monitoring() => new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["serviceMonitor"] = new Dictionary<string, object>(StringComparer.Ordinal) { ["enabled"] = true },
    };

    /// <summary>The keys the stack must put into <see cref="CredentialsSecretName"/> for <paramref name="provider"/>.</summary>
    /// <param name="provider">The DNS provider.</param>
    /// <returns>The Secret keys, in a fixed order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The provider is not a known value.</exception>
    public static IReadOnlyList<string> CredentialKeys(DnsProvider provider) => provider switch
    {
        DnsProvider.Rfc2136 => [TsigSecretKey],
        DnsProvider.Aws => [AwsAccessKeyIdKey, AwsSecretAccessKeyKey],
        DnsProvider.Azure => [AzureConfigKey],
        DnsProvider.Google => [GoogleCredentialsKey],
        DnsProvider.Cloudflare => [CloudflareApiTokenKey],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Not a known DNS provider."),
    };

    /// <summary>The values for <paramref name="options"/> on the cluster named <paramref name="clusterName"/>.</summary>
    /// <param name="options">The external-dns choices.</param>
    /// <param name="clusterName">The cluster's name, used as the TXT registry owner ID.</param>
    /// <exception cref="ArgumentException">The options are not valid or the cluster name is empty; the message lists
    /// every problem.</exception>
    public static IReadOnlyDictionary<string, object> Render(ExternalDnsOptions options, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException($"External DNS options are not valid: {string.Join(" ", problems)}", nameof(options));
        if (string.IsNullOrWhiteSpace(clusterName))
            throw new ArgumentException("The cluster name is required: it is the TXT registry owner ID.", nameof(clusterName));

        var provider = ProviderConfig(options);
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["provider"] = Map(("name", provider.Name)),
            ["sources"] = new object[] { "ingress", "service" },
            ["policy"] = options.Sync ? "sync" : "upsert-only",
            ["registry"] = "txt",
            ["txtOwnerId"] = clusterName,
            ["domainFilters"] = options.DomainFilters.Select(filter => (object)filter).ToArray(),
        };
        if (provider.Env.Length > 0)
            values["env"] = provider.Env;
        if (provider.Args.Length > 0)
            values["extraArgs"] = provider.Args;
        if (provider.Volumes.Length > 0)
        {
            values["extraVolumes"] = provider.Volumes;
            values["extraVolumeMounts"] = provider.Mounts;
        }
        return values;
    }

    private static ProviderValues ProviderConfig(ExternalDnsOptions options) => options.Provider switch
    {
        DnsProvider.Rfc2136 => Rfc2136(options.Rfc2136!),
        DnsProvider.Aws => new ProviderValues(
            "aws",
            [SecretEnv("AWS_ACCESS_KEY_ID", AwsAccessKeyIdKey), SecretEnv("AWS_SECRET_ACCESS_KEY", AwsSecretAccessKeyKey), Env("AWS_REGION", options.AwsRegion!)],
            [], [], []),
        DnsProvider.Azure => new ProviderValues(
            "azure",
            [],
            [
                $"--azure-config-file={AzureConfigDirectory}/{AzureConfigKey}",
                $"--azure-resource-group={options.AzureResourceGroup}",
                $"--azure-subscription-id={options.AzureSubscriptionId}",
            ],
            [SecretVolume("azure-config", AzureConfigKey)],
            [Mount("azure-config", AzureConfigDirectory)]),
        DnsProvider.Google => new ProviderValues(
            "google",
            [Env("GOOGLE_APPLICATION_CREDENTIALS", $"{GoogleCredentialsDirectory}/{GoogleCredentialsKey}")],
            [$"--google-project={options.GoogleProject}"],
            [SecretVolume("google-credentials", GoogleCredentialsKey)],
            [Mount("google-credentials", GoogleCredentialsDirectory)]),
        DnsProvider.Cloudflare => new ProviderValues("cloudflare", [SecretEnv("CF_API_TOKEN", CloudflareApiTokenKey)], [], [], []),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Not a known DNS provider."),
    };

    private static ProviderValues Rfc2136(DnsRfc2136Settings settings)
    {
        DnsSyntax.TryParseNameserver(settings.Nameserver, out var host, out var port);
        return new ProviderValues(
            "rfc2136",
            [SecretEnv(TsigSecretVariable, TsigSecretKey)],
            [
                $"--rfc2136-host={host}",
                "--rfc2136-port=" + port.ToString(CultureInfo.InvariantCulture),
                $"--rfc2136-zone={settings.Zone}",
                $"--rfc2136-tsig-keyname={settings.TsigKeyName}",
                $"--rfc2136-tsig-secret-alg={ExternalDnsAlgorithm(settings.TsigAlgorithm)}",
                // Without AXFR the provider cannot read the zone back, so it never sees its own TXT ownership records.
                "--rfc2136-tsig-axfr",
            ],
            [], []);
    }

    // external-dns names TSIG algorithms as miekg/dns does (hmac-sha256), cert-manager as HMACSHA256.
    private static string ExternalDnsAlgorithm(string algorithm) => algorithm switch
    {
        TsigAlgorithms.HmacSha512 => "hmac-sha512",
        _ => "hmac-sha256",
    };

    private static Dictionary<string, object> Env(string name, string value) => Map(("name", name), ("value", value));

    private static Dictionary<string, object> SecretEnv(string name, string key) =>
        Map(("name", name), ("valueFrom", Map(("secretKeyRef", Map(("name", CredentialsSecretName), ("key", key))))));

    private static Dictionary<string, object> SecretVolume(string name, string key) =>
        Map(("name", name), ("secret", Map(
            ("secretName", CredentialsSecretName),
            ("items", new object[] { Map(("key", key), ("path", key)) }))));

    private static Dictionary<string, object> Mount(string name, string path) =>
        Map(("name", name), ("mountPath", path), ("readOnly", true));

    private sealed record ProviderValues(string Name, object[] Env, object[] Args, object[] Volumes, object[] Mounts);
}
