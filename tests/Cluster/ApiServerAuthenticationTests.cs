using Platform.Components.Cluster;
using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Identity;
using Platform.Renderer;
using Platform.Stacks.Configuration;
using Platform.Tests.Cluster.Kubeadm;
using Platform.Tests.Cluster.Scripts;
using Platform.Tests.Harness;
using Platform.Tests.Validation.ConfigApi;
using Pulumi;
using static Platform.Tests.Cluster.ClusterInventories;

namespace Platform.Tests.Cluster;

/// <summary>
/// The API servers trust the platform's OIDC issuer: every control-plane node gets a first authentication
/// configuration with no issuer from its files step (written only where it has none), and the cluster's
/// <see cref="Platform.Components.Cluster.Cluster.TrustIssuers"/> step on each control-plane node writes the real one later,
/// waiting for that node's files and join and for what the issuers need, and for nothing else; nothing waits for it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ApiServerAuthenticationTests
{
    private const string CommandType = "command:remote:Command";
    private static readonly string[] ControlPlanes = ["cp-1", "cp-2", "cp-3"];

    private static Task<ComponentRun> RunAsync(Func<Platform.Components.Cluster.Cluster, Resource, IReadOnlyList<Pulumi.Command.Remote.Command>?> trust)
    {
        var settings = Platform.Tests.Configuration.ValidConfig.Load(v => v["nodes"] = """
            [{"name": "cp-1", "address": "10.0.0.11", "role": "control-plane"},
             {"name": "cp-2", "address": "10.0.0.12", "role": "control-plane"},
             {"name": "cp-3", "address": "10.0.0.13", "role": "control-plane"},
             {"name": "worker-1", "address": "10.0.0.21", "role": "worker"}]
            """);
        return ComponentRun.RunAsync(() => new Pulumi.Random.RandomId("identity-ready", new Pulumi.Random.RandomIdArgs { ByteLength = 4 }), (ready, options) =>
        {
            var cluster = new Platform.Components.Cluster.Cluster(settings.ClusterName, new ClusterArgs
            {
                ClusterName = settings.ClusterName,
                KubernetesVersion = settings.KubernetesVersion.ToString(),
                ContainerRuntime = KubernetesVersions.ContainerRuntimeFor(settings.KubernetesVersion),
                Nodes = settings.Nodes,
                ApiEndpointHost = settings.ApiEndpoint.Host,
                ApiEndpointPort = settings.ApiEndpoint.Port,
                ApiEndpointMode = settings.ApiLoadBalancer,
                PodCidr = settings.PodCidr.ToString(),
                ServiceCidr = settings.ServiceCidr.ToString(),
                SshPrivateKey = Output.CreateSecret("key"),
            }, options);
            trust(cluster, ready);
        });
    }

    private static OidcIssuer Dex(Input<string>? ca) => new()
    {
        IssuerUrl = "https://dex.platform.example.com",
        Audiences = ["kubernetes"],
        CertificateAuthorityPem = ca,
    };

    /// <summary>Runs a step's create script on a control-plane node whose API server loads whatever file it is given,
    /// and returns the file it wrote.</summary>
    private static string WrittenConfiguration(string script)
    {
        using var host = AuthenticationConfigRunTests.ControlPlane();
        var run = host.Run(script);
        Assert.True(run.ExitCode == 0, run.ToString());
        return host.Read(KubeadmPaths.AuthenticationConfig);
    }

    [Fact]
    public async Task Every_control_plane_node_trusts_the_issuer_with_its_ca_in_a_step_of_its_own()
    {
        var ca = AuthenticationConfigRendererTests.CaPem();
        var run = await RunAsync((cluster, ready) => cluster.TrustIssuers([Dex(Output.Create(ca))], [ready]));

        var steps = run.Of(CommandType).Where(r => r.Name!.EndsWith("-authentication", StringComparison.Ordinal)).ToList();
        Assert.Equal(ControlPlanes.Select(n => Resource(n, "authentication")).Order(), steps.Select(s => s.Name!).Order());
        for (var i = 0; i < ControlPlanes.Length; i++)
        {
            var step = run.Registration(CommandType, Resource(ControlPlanes[i], "authentication"));
            Assert.Equal($"10.0.0.1{i + 1}", ((IReadOnlyDictionary<string, object>)step.Inputs["connection"])["host"]);
            // Its own files and join, and the identity provider: not another node's step, an upgrade or a reconfiguration.
            Assert.Equal(new[] { Resource(ControlPlanes[i], "files"), Resource(ControlPlanes[i], "kubeadm"), "identity-ready" }.Order(),
                run.DependsOn[step.Name!].Order());
            var document = ConfigDocuments.DecodeSingle<AuthenticationConfiguration>(WrittenConfiguration(NodeScript.Unwrap((string)step.Inputs["create"])), "1.36");
            var jwt = Assert.Single(document.Jwt);
            Assert.Equal(("https://dex.platform.example.com", ca), (jwt.Issuer.Url, jwt.Issuer.CertificateAuthority));
            Assert.Equal(["kubernetes"], jwt.Issuer.Audiences);
            Assert.Equal(("email", "oidc:", "groups", "oidc:"),
                (jwt.ClaimMappings.Username.Claim, jwt.ClaimMappings.Username.Prefix, jwt.ClaimMappings.Groups!.Claim, jwt.ClaimMappings.Groups.Prefix));
            Assert.Contains("nothing to undo", NodeScript.Unwrap((string)step.Inputs["delete"]), StringComparison.Ordinal);
        }
        // Every node gets the same file; a publicly trusted issuer's has no CA.
        Assert.Single(steps.Select(s => WrittenConfiguration(NodeScript.Unwrap((string)s.Inputs["create"]))).Distinct());
        var noCa = await RunAsync((cluster, ready) => cluster.TrustIssuers([Dex(null)], [ready]));
        var plain = ConfigDocuments.DecodeSingle<AuthenticationConfiguration>(
            WrittenConfiguration(NodeScript.Unwrap((string)noCa.Registration(CommandType, Resource("cp-2", "authentication")).Inputs["create"])), "1.36");
        Assert.Null(Assert.Single(plain.Jwt).Issuer.CertificateAuthority);
    }

    [Fact]
    public async Task Without_issuers_the_steps_write_a_file_that_trusts_none()
    {
        var run = await RunAsync((cluster, _) => cluster.TrustIssuers([], []));

        foreach (var node in ControlPlanes)
        {
            var step = run.Registration(CommandType, Resource(node, "authentication"));
            Assert.Empty(ConfigDocuments.DecodeSingle<AuthenticationConfiguration>(WrittenConfiguration(NodeScript.Unwrap((string)step.Inputs["create"])), "1.36").Jwt);
            Assert.Equal(new[] { Resource(node, "files"), Resource(node, "kubeadm") }.Order(), run.DependsOn[step.Name!].Order());
        }
        Assert.DoesNotContain(run.Registrations, r => r.Name == Resource("worker-1", "authentication"));
    }

    [Fact]
    public async Task An_issuer_the_api_server_would_refuse_fails_before_any_step_is_registered_and_the_steps_are_registered_once()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync((cluster, ready) =>
            cluster.TrustIssuers([Dex(null) with { IssuerUrl = "http://dex.platform.example.com" }], [ready])));
        Assert.Contains("https issuers only", Flatten(refused), StringComparison.Ordinal);

        var prefix = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync((cluster, ready) =>
            cluster.TrustIssuers([Dex(null) with { GroupsPrefix = "system:" }], [ready])));
        Assert.Contains("groups prefix 'system:'", Flatten(prefix), StringComparison.Ordinal);

        var twice = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync((cluster, ready) =>
        {
            cluster.TrustIssuers([], []);
            return cluster.TrustIssuers([], []);
        }));
        Assert.Contains("registered already", Flatten(twice), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_control_plane_node_gets_the_first_configuration_only_where_it_has_none_and_workers_none()
    {
        var run = await RunAsync((_, _) => null);
        var files = run.Of(CommandType).Where(r => r.Name!.EndsWith("-files", StringComparison.Ordinal) && r.Inputs.ContainsKey("stdin")).ToList();
        Assert.Equal(4, files.Count);
        foreach (var step in files)
        {
            Assert.True(NodeFiles.TryParse((string)step.Inputs["stdin"], out var parsed));
            var authentication = parsed.Where(f => f.Path == KubeadmPaths.AuthenticationConfig).ToList();
            if (step.Name!.Contains("worker", StringComparison.Ordinal))
            {
                Assert.Empty(authentication);
                continue;
            }
            var file = Assert.Single(authentication);
            Assert.Equal(("0600", true), (file.Mode, file.OnlyIfMissing));
            Assert.Empty(ConfigDocuments.DecodeSingle<AuthenticationConfiguration>(file.Content, "1.36").Jwt);
            // The rest of the payload is made what it says, as before.
            Assert.All(parsed.Where(f => f.Path != KubeadmPaths.AuthenticationConfig), f => Assert.False(f.OnlyIfMissing));
        }
        Assert.DoesNotContain(run.Registrations, r => r.Name!.EndsWith("-authentication", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_the_stack_nothing_waits_for_the_steps_and_they_wait_for_no_upgrade_reconfiguration_or_other_node()
    {
        var run = await StackRunner.RunAsync(With(3, 4));
        var graph = await DependencyGraph.OfAsync(run);
        var steps = run.Options.Keys.Where(n => n.EndsWith("-authentication", StringComparison.Ordinal)).ToList();

        Assert.Equal(ControlPlanes.Select(n => Resource(n, "authentication")).Order(), steps.Order());
        foreach (var node in ControlPlanes)
            Assert.Equal(new[] { Resource(node, "files"), Resource(node, "kubeadm") }.Order(), graph.Direct(Resource(node, "authentication")).Order());
        foreach (var step in steps)
        {
            var waits = graph.Transitive(step);
            Assert.DoesNotContain(waits, w => w.EndsWith("-authentication", StringComparison.Ordinal) || w.Contains("-upgrade", StringComparison.Ordinal)
                || w.Contains("-reconfigure", StringComparison.Ordinal));
        }
        Assert.All(run.Options.Keys, name => Assert.DoesNotContain(graph.Transitive(name), steps.Contains));
    }

    private static string Flatten(Exception e) => e is AggregateException a ? string.Join(" | ", a.Flatten().InnerExceptions.Select(Flatten)) : e.Message + (e.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
