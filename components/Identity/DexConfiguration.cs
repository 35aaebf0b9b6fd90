namespace Platform.Components.Identity;

/// <summary>Dex's configuration file (<c>config.yaml</c>, the chart's <c>config</c> value), rendered as data. It holds
/// no secret: each connector's secret field is <c>$DEX_CONNECTOR_&lt;ID&gt;</c>, which Dex expands from its environment
/// (<see cref="DexConnectors.EnvironmentVariable"/>), and each confidential static client names its secret's variable in
/// <c>secretEnv</c> (<see cref="ClientSecretVariable"/>; dexidp/dex cmd/dex/serve.go reads it with <c>os.Getenv</c>).
/// Both variables come from the layer's Secret, never from Helm values. State lives in Kubernetes custom resources
/// (<c>storage.type: kubernetes</c>, <c>inCluster</c>): Dex creates the <c>dex.coreos.com</c> CRDs itself.</summary>
public static class DexConfiguration
{
    /// <summary>The port of Dex's issuer (HTTP; TLS ends at the ingress controller): the chart's <c>http</c> port.</summary>
    public const int HttpPort = 5556;

    /// <summary>The port of Dex's metrics and health checks: the chart's <c>telemetry</c> port.</summary>
    public const int TelemetryPort = 5558;

    /// <summary>How long an ID token is valid: kubelogin refreshes it with its refresh token after that.</summary>
    public const string IdTokenLifetime = "1h";

    /// <summary>The environment variable of static client <paramref name="name"/>'s secret, e.g.
    /// <c>DEX_CLIENT_OPENSEARCH_DASHBOARDS_SECRET</c>.</summary>
    public static string ClientSecretVariable(string name) => "DEX_CLIENT_" + name.ToUpperInvariant().Replace('-', '_') + "_SECRET";

    /// <summary>The callback every connector sends users back to: <c>https://&lt;host&gt;/callback</c>.</summary>
    public static string CallbackUrl(AuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IssuerUrl + "/callback";
    }

    /// <summary>The configuration for <paramref name="options"/> with the static <paramref name="clients"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid, there are no clients, or a client name repeats.</exception>
    public static Dictionary<string, object> Render(AuthenticationOptions options, IReadOnlyList<OidcClientRegistration> clients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        if (options.Validate() is { Count: > 0 } problems)
            throw new ArgumentException($"Authentication: {string.Join(" ", problems)}", nameof(options));
        if (clients.Count == 0)
            throw new ArgumentException("Dex needs at least one static client.", nameof(clients));
        if (clients.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new ArgumentException($"The client '{repeated.Key}' is registered twice.", nameof(clients));
        if (clients.FirstOrDefault(c => c.RedirectUris.Count == 0) is { } without)
            throw new ArgumentException($"The client '{without.Name}' has no redirect URI.", nameof(clients));

        return new Dictionary<string, object>
        {
            ["issuer"] = options.IssuerUrl,
            ["storage"] = new Dictionary<string, object>
            {
                ["type"] = "kubernetes",
                ["config"] = new Dictionary<string, object> { ["inCluster"] = true },
            },
            ["web"] = new Dictionary<string, object> { ["http"] = $"0.0.0.0:{HttpPort}" },
            ["telemetry"] = new Dictionary<string, object> { ["http"] = $"0.0.0.0:{TelemetryPort}" },
            ["logger"] = new Dictionary<string, object> { ["level"] = "info", ["format"] = "json" },
            ["oauth2"] = new Dictionary<string, object>
            {
                // The code flow only (kubelogin uses it with PKCE); the platform's own clients need no consent page.
                ["responseTypes"] = new object[] { "code" },
                ["skipApprovalScreen"] = true,
            },
            ["expiry"] = new Dictionary<string, object>
            {
                ["idTokens"] = IdTokenLifetime,
                // A refresh token unused for a week, or older than 30 days, makes the user log in again.
                ["refreshTokens"] = new Dictionary<string, object> { ["validIfNotUsedFor"] = "168h", ["absoluteLifetime"] = "720h" },
            },
            // No local users: every login goes through the organisation's identity provider.
            ["enablePasswordDB"] = false,
            ["connectors"] = options.Connectors.Select(c => (object)Connector(options, c)).ToArray(),
            ["staticClients"] = clients.Select(c => (object)Client(c)).ToArray(),
        };
    }

    private static Dictionary<string, object> Connector(AuthenticationOptions options, DexConnector connector)
    {
        var config = connector.Settings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        config["redirectURI"] = CallbackUrl(options);
        if (DexConnectors.SecretField(connector.Type) is { } field)
            config[field] = "$" + DexConnectors.EnvironmentVariable(connector.Id);
        return new Dictionary<string, object>
        {
            ["type"] = DexConnectors.TypeName(connector.Type),
            ["id"] = connector.Id,
            ["name"] = connector.DisplayName,
            ["config"] = config,
        };
    }

    private static Dictionary<string, object> Client(OidcClientRegistration client)
    {
        var entry = new Dictionary<string, object>
        {
            ["id"] = client.Name,
            ["name"] = client.Name,
            ["redirectURIs"] = client.RedirectUris.Cast<object>().ToArray(),
        };
        if (client.Public) entry["public"] = true;
        else entry["secretEnv"] = ClientSecretVariable(client.Name);
        return entry;
    }
}
