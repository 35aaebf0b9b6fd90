using Platform.Components.Identity;
using Pulumi;

namespace Platform.Tests.Harness;

/// <summary>An <see cref="IdentityProvider"/> as the authentication layer publishes it (that layer is another branch's):
/// Dex at https://dex.example.com, a client with a secret for every web UI, the platform's groups.</summary>
internal static class FakeIdentity
{
    /// <summary>The internal CA's certificate the fake issuer's serving certificate is signed by.</summary>
    public const string CaPem = "-----BEGIN CERTIFICATE-----\nMIIBinternalCA\n-----END CERTIFICATE-----\n";

    /// <summary>The client secret of <paramref name="client"/>.</summary>
    public static string Secret(string client) => $"{client}-client-secret-value";

    /// <summary>The provider; <paramref name="privateCa"/>: its certificate is the internal CA's. Without
    /// <paramref name="clients"/>, every web UI has its client.</summary>
    public static IdentityProvider Create(Resource ready, bool privateCa = true, IReadOnlyList<string>? clients = null) => new()
    {
        IssuerUrl = "https://dex.example.com",
        CertificateAuthorityPem = privateCa ? Output.Create(CaPem) : null,
        Clients = (clients ?? [.. OidcClients.CallbackPaths.Keys]).ToDictionary(c => c, c => new OidcClientCredentials
        {
            ClientId = c,
            ClientSecret = Output.CreateSecret(Secret(c)),
        }, StringComparer.Ordinal),
        AdminGroups = ["platform-admins"],
        EditGroups = ["developers"],
        ViewGroups = ["auditors", "support"],
        Ready = ready,
    };

    /// <summary>The non-secret login of <paramref name="client"/> the fake provider gives.</summary>
    public static OidcLogin Login(string client, bool privateCa = true) => new()
    {
        IssuerUrl = "https://dex.example.com",
        ClientId = client,
        AdminGroups = ["platform-admins"],
        EditGroups = ["developers"],
        ViewGroups = ["auditors", "support"],
        PrivateCa = privateCa,
    };

    /// <summary>The route through a Contour controller's LoadBalancer Service (Envoy's HTTPS container port 8443).</summary>
    public static IssuerRoute Route { get; } = new() { ControllerNamespace = "projectcontour", HttpsPort = 8443 };
}
