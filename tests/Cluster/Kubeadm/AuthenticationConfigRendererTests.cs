using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Identity;
using Platform.Stacks.Configuration;
using Platform.Tests.Validation;
using Platform.Tests.Validation.ConfigApi;
using Docs = Platform.Tests.Cluster.Kubeadm.KubeadmDocuments;

namespace Platform.Tests.Cluster.Kubeadm;

/// <summary>The API server's structured authentication configuration: rendered from the trusted issuers, decoded
/// strictly for every supported minor, refused where the API server would refuse it; and the kubeadm documents that
/// point every API server at it (the flag and the folder's read-only mount), which change the reconfigure fingerprint
/// of a cluster created before.</summary>
public class AuthenticationConfigRendererTests
{
    public static TheoryData<string> Minors() => [.. KubernetesVersions.SupportedMinors];

    private static string Version(string minor) => minor + ".2";

    internal static string CaPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=platform internal CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem() + "\n";
    }

    private static JwtAuthenticatorSpec Dex(string? ca = null) => JwtAuthenticatorSpec.From(new OidcIssuer
    {
        IssuerUrl = "https://dex.example.com",
        Audiences = ["kubernetes"],
    }, ca);

    [Theory]
    [MemberData(nameof(Minors))]
    public void Each_issuer_becomes_a_jwt_authenticator_with_its_audiences_ca_and_prefixed_claims(string minor)
    {
        var ca = CaPem();
        var keycloak = new JwtAuthenticatorSpec
        {
            IssuerUrl = "https://keycloak.example.com/realms/platform",
            Audiences = ["kubernetes", "headlamp"],
            UsernameClaim = "preferred_username",
            UsernamePrefix = "",
            GroupsClaim = "roles",
            GroupsPrefix = "keycloak:",
        };

        var yaml = AuthenticationConfigRenderer.Render(Version(minor), [Dex(ca), keycloak]);
        var document = ConfigDocuments.DecodeSingle<AuthenticationConfiguration>(yaml, minor);

        Assert.Equal(("apiserver.config.k8s.io/v1", "AuthenticationConfiguration"), (document.ApiVersion, document.Kind));
        Assert.Equal(2, document.Jwt.Count);
        var dex = document.Jwt[0];
        Assert.Equal("https://dex.example.com", dex.Issuer.Url);
        Assert.Equal(["kubernetes"], dex.Issuer.Audiences);
        // One audience: no match policy (the API server allows it empty then); several: MatchAny, which it requires.
        Assert.Null(dex.Issuer.AudienceMatchPolicy);
        Assert.Equal(ca, dex.Issuer.CertificateAuthority);
        Assert.Equal(("email", "oidc:"), (dex.ClaimMappings.Username.Claim, dex.ClaimMappings.Username.Prefix));
        Assert.Equal(("groups", "oidc:"), (dex.ClaimMappings.Groups!.Claim, dex.ClaimMappings.Groups.Prefix));
        var other = document.Jwt[1];
        Assert.Equal(["kubernetes", "headlamp"], other.Issuer.Audiences);
        Assert.Equal(JwtAudienceMatchPolicy.MatchAny, other.Issuer.AudienceMatchPolicy);
        // Publicly trusted: no CA, the system's trust store verifies the issuer.
        Assert.Null(other.Issuer.CertificateAuthority);
        Assert.Equal(("preferred_username", ""), (other.ClaimMappings.Username.Claim, other.ClaimMappings.Username.Prefix));
        Assert.Equal(("roles", "keycloak:"), (other.ClaimMappings.Groups!.Claim, other.ClaimMappings.Groups.Prefix));
        // Whatever the prefixes (an empty one above), no token becomes a system: user or group.
        Assert.All(document.Jwt, jwt => Assert.Equal(
            ["!user.username.startsWith('system:')", "user.groups.all(group, !group.startsWith('system:'))"],
            jwt.UserValidationRules!.Select(r => r.Expression)));
        // No anonymous field (strict decoding refuses one): the API server keeps its flag-less default.
        Assert.False(KubeYaml.Single(yaml)!.AsObject().ContainsKey("anonymous"));
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Without_issuers_the_file_has_no_jwt_authenticator(string minor)
    {
        var document = ConfigDocuments.DecodeSingle<AuthenticationConfiguration>(AuthenticationConfigRenderer.Render(Version(minor), []), minor);

        Assert.Empty(document.Jwt);
    }

    [Fact]
    public void The_v1_version_is_written_from_1_34_where_the_api_server_reads_it_and_is_refused_below()
    {
        Assert.Equal(AuthenticationConfigRenderer.V1, AuthenticationConfigRenderer.ApiVersion("1.34.0"));
        Assert.All(KubernetesVersions.SupportedMinors, minor => Assert.True(AuthenticationConfigRenderer.IsReadBy(Version(minor))));
        Assert.False(AuthenticationConfigRenderer.IsReadBy("1.33.5"));
        Assert.Throws<ArgumentException>(() => AuthenticationConfigRenderer.Render("1.33.5", []));
        // The decoder agrees: 1.33's API server has no v1 AuthenticationConfiguration.
        Assert.Throws<System.Text.Json.JsonException>(() => ConfigDocuments.DecodeStream(AuthenticationConfigRenderer.Render("1.36.2", []), "1.33"));
    }

    public static TheoryData<string, string> Refused() => new()
    {
        { "plain", "http://dex.example.com" },
        { "query", "https://dex.example.com/?realm=a" },
        { "fragment", "https://dex.example.com/#a" },
        { "user", "https://admin@dex.example.com" },
        { "relative", "dex.example.com" },
        { "service-account issuer", "https://kubernetes.default.svc.cluster.local" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_issuer_url_the_api_server_refuses_is_refused_with_its_reason(string why, string url)
    {
        var error = Assert.Throws<ArgumentException>(() => AuthenticationConfigRenderer.Render("1.36.2", [Dex() with { IssuerUrl = url }]));

        Assert.Contains(url, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(why));
    }

    public static TheoryData<string, JwtAuthenticatorSpec, string> BadIssuers() => new()
    {
        { "no audience", Dex() with { Audiences = [] }, "at least one audience" },
        { "empty audience", Dex() with { Audiences = ["kubernetes", ""] }, "audience is empty" },
        { "audience twice", Dex() with { Audiences = ["kubernetes", "kubernetes"] }, "audience is given twice" },
        { "system username prefix", Dex() with { UsernamePrefix = "system:oidc:" }, "username prefix 'system:oidc:' starts with system:" },
        { "system groups prefix", Dex() with { GroupsPrefix = "system:" }, "groups prefix 'system:' starts with system:" },
        { "no username claim", Dex() with { UsernameClaim = "" }, "name the username claim" },
        { "no groups claim", Dex() with { GroupsClaim = " " }, "name the username claim and the groups claim" },
        { "ca not pem", Dex("not a certificate"), "holds no certificate" },
        { "ca with key", Dex("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), "holds a private key" },
    };

    [Theory]
    [MemberData(nameof(BadIssuers))]
    public void An_issuer_the_api_server_or_the_platform_refuses_is_refused_naming_the_issuer(string why, JwtAuthenticatorSpec issuer, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => AuthenticationConfigRenderer.Render("1.36.2", [issuer]));

        Assert.Contains("https://dex.example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Fact]
    public void An_issuer_given_twice_and_more_than_sixty_four_are_refused()
    {
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => AuthenticationConfigRenderer.Render("1.36.2", [Dex(), Dex()])).Message, StringComparison.Ordinal);
        var many = Enumerable.Range(0, 65).Select(i => Dex() with { IssuerUrl = $"https://dex{i}.example.com" }).ToList();
        Assert.Contains("at most 64", Assert.Throws<ArgumentException>(() => AuthenticationConfigRenderer.Render("1.36.2", many)).Message, StringComparison.Ordinal);
        Assert.Equal(64, ConfigDocuments.DecodeSingle<AuthenticationConfiguration>(AuthenticationConfigRenderer.Render("1.36.2", many[..64]), "1.36").Jwt.Count);
    }

    [Fact]
    public void The_service_account_issuer_follows_the_cluster_domain()
    {
        var issuer = Dex() with { IssuerUrl = "https://kubernetes.default.svc.prod.internal" };

        Assert.Throws<ArgumentException>(() => AuthenticationConfigRenderer.Render("1.36.2", [issuer], "prod.internal"));
        Assert.Single(ConfigDocuments.DecodeSingle<AuthenticationConfiguration>(AuthenticationConfigRenderer.Render("1.36.2", [issuer]), "1.36").Jwt);
    }

    [Theory]
    [MemberData(nameof(Minors))]
    public void Every_api_server_reads_the_file_from_its_folder_mounted_read_only_and_no_oidc_flag(string minor)
    {
        foreach (var hardening in new[] { new KubeadmHardening(), Off() })
        {
            var docs = ConfigDocuments.DecodeStream(KubeadmConfigRenderer.RenderInit(Docs.ClusterSpec(Version(minor), hardening), Docs.ControlPlane(), Docs.Token), minor);
            var cluster = docs.OfType<IKubeadmClusterConfiguration>().Single();
            var args = cluster.ExtraArgs("apiServer");

            Assert.Equal(KubeadmPaths.AuthenticationConfig, args["authentication-config"]);
            // --authentication-config excludes every --oidc-* flag, and the file sets no anonymous field beside the flag.
            Assert.DoesNotContain(args.Keys, k => k.StartsWith("oidc-", StringComparison.Ordinal));
            Assert.DoesNotContain("anonymous-auth", args.Keys);
            var volume = Assert.Single(cluster.ApiServerVolumes, v => v.Name == "authentication-config");
            // The folder, not the file: the file is replaced by a rename, which a file mount (the old inode) never shows.
            Assert.Equal((KubeadmPaths.AuthenticationConfigDir, KubeadmPaths.AuthenticationConfigDir, true, CoreHostPathType.Directory),
                (volume.HostPath, volume.MountPath, volume.ReadOnly, volume.PathType));
            Assert.Equal(KubeadmPaths.AuthenticationConfigDir, Path.GetDirectoryName(KubeadmPaths.AuthenticationConfig));
        }
    }

    [Fact]
    public void The_flag_and_the_folder_are_all_that_changes_so_a_cluster_created_before_is_reconfigured()
    {
        // 1.33's API server has no v1 file: its documents are what every cluster had before, but for the version, which
        // the fingerprint leaves out.
        var before = Docs.ClusterSpec("1.33.5");
        var now = Docs.ClusterSpec("1.36.2");

        var withFile = KubeYaml.Single(KubeadmConfigRenderer.RenderClusterConfiguration(now))!.AsObject();
        var without = KubeYaml.Single(KubeadmConfigRenderer.RenderClusterConfiguration(before))!.AsObject();
        var apiServer = withFile["apiServer"]!.AsObject();
        var args = apiServer["extraArgs"]!.AsArray();
        args.Remove(args.Single(a => (string)a!["name"]! == "authentication-config"));
        var volumes = apiServer["extraVolumes"]!.AsArray();
        volumes.Remove(volumes.Single(v => (string)v!["name"]! == "authentication-config"));
        withFile["kubernetesVersion"] = "v1.33.5";

        Assert.True(JsonNode.DeepEquals(withFile, without), withFile.ToJsonString());
        Assert.NotEqual(ReconfigureFingerprints.ControlPlane(before), ReconfigureFingerprints.ControlPlane(now));
    }

    private static KubeadmHardening Off() => new()
    {
        AuditLog = false, EncryptionAtRest = false, DisableProfiling = false, NodeRestriction = false, EventRateLimit = false,
        PodSecurityDefaults = false, KubeletServingCertificates = false, KubeletHardening = false, StrictServiceAccountTokens = false,
        StrongTls = false, TerminatedPodGc = false,
    };
}
