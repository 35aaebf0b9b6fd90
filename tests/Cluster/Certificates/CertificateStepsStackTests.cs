using System.Collections.Immutable;
using Platform.Components.Cluster.Certificates;
using Platform.Components.Cluster.Scripts;
using Platform.Renderer;
using Platform.Stacks;
using Platform.Tests.Harness;
using Pulumi.Testing;
using static Platform.Tests.Cluster.ClusterInventories;

namespace Platform.Tests.Cluster.Certificates;

/// <summary>
/// The certificate steps in the stack: every control-plane node (and no worker) gets the renewal step, in its own slot,
/// after its init or join, and the expiry step, after its upgrade, dated by the run's day; nothing waits for either. The
/// <c>earliestCertificateExpiry</c> output and the warning are computed from the expiry steps' output and the state's
/// certificates.
/// </summary>
public class CertificateStepsStackTests
{
    private const string CommandType = "command:remote:Command";
    private static readonly DateTimeOffset Morning = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    private static string Host(StackRun run, string name) =>
        (string)((IReadOnlyDictionary<string, object>)run.Registration(CommandType, name).Inputs["connection"])["host"];

    private static string Script(StackRun run, string name, string phase = "create") =>
        NodeScript.Unwrap((string)run.Registration(CommandType, name).Inputs[phase]);

    private static object[] Triggers(StackRun run, string name) =>
        ((ImmutableArray<object>)run.Registration(CommandType, name).Inputs["triggers"]).ToArray();

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 2)]
    [InlineData(5, 1)]
    public async Task Every_control_plane_gets_its_renewal_slot_and_its_expiry_step_and_nothing_waits_for_them(int controlPlanes, int workers)
    {
        var run = await StackRunner.RunAsync(With(controlPlanes, workers), clock: new FixedClock(Morning));
        var graph = await DependencyGraph.OfAsync(run);

        var steps = new List<string>();
        for (var i = 1; i <= controlPlanes; i++)
        {
            var node = $"cp-{i}";
            var renewal = Resource(node, "certificate-renewal");
            var expiry = Resource(node, "certificate-expiry");
            steps.AddRange([renewal, expiry]);
            Assert.Equal($"10.0.0.{10 + i}", Host(run, renewal));
            Assert.Equal($"10.0.0.{10 + i}", Host(run, expiry));
            Assert.Equal(NodeScripts.InstallCertificateRenewal(node, CertificateRenewalSchedule.For(i - 1, controlPlanes)), Script(run, renewal));
            Assert.Equal(NodeScripts.ReportCertificateExpiry(), Script(run, expiry));
            Assert.Contains("nothing to undo", Script(run, renewal, "delete"), StringComparison.Ordinal);
            Assert.Contains("nothing to undo", Script(run, expiry, "delete"), StringComparison.Ordinal);
            Assert.Equal([Resource(node, "kubeadm")], graph.Direct(renewal).ToList());
            Assert.Equal([Resource(node, "upgrade")], graph.Direct(expiry).ToList());
            Assert.False(run.Registration(CommandType, renewal).Inputs.ContainsKey("triggers"));
            Assert.Equal(["2026-12-01"], Triggers(run, expiry));
            // Nothing secret: no standard input, and the output stays readable.
            Assert.False(run.Registration(CommandType, expiry).Inputs.ContainsKey("stdin"));
            Assert.Equal("", ShellCheck.Findings(Script(run, renewal)));
            Assert.Equal("", ShellCheck.Findings(Script(run, expiry)));
        }
        Assert.DoesNotContain(run.Registrations, r => r.Name!.Contains("worker", StringComparison.Ordinal) && r.Name.Contains("certificate", StringComparison.Ordinal));
        Assert.Equal(2 * controlPlanes, run.Registrations.Count(r => r.Name!.EndsWith("-certificate-renewal", StringComparison.Ordinal) || r.Name.EndsWith("-certificate-expiry", StringComparison.Ordinal)));
        foreach (var name in run.Options.Keys)
            Assert.True(!graph.Transitive(name).Intersect(steps).Any(), $"{name} waits for {string.Join(", ", graph.Transitive(name).Intersect(steps))}");
    }

    [Fact]
    public async Task The_expiry_steps_run_again_on_the_first_run_of_a_day_and_not_on_later_ones()
    {
        var morning = await StackRunner.RunAsync(With(3, 1), clock: new FixedClock(Morning));
        var evening = await StackRunner.RunAsync(With(3, 1), clock: new FixedClock(Morning.AddHours(17).AddMinutes(59)));
        var tomorrow = await StackRunner.RunAsync(With(3, 1), clock: new FixedClock(Morning.AddHours(18)));

        var step = Resource("cp-2", "certificate-expiry");
        Assert.Equal(Triggers(morning, step), Triggers(evening, step));
        Assert.Equal(["2026-12-02"], Triggers(tomorrow, step));
        // Only the expiry steps' trigger changes with the day.
        foreach (var registration in morning.RegistrationsOf(CommandType).Where(r => !r.Name!.EndsWith("-certificate-expiry", StringComparison.Ordinal)))
            Assert.Equal(WireJson.Object(registration.Inputs).ToJsonString(), WireJson.Object(tomorrow.Registration(CommandType, registration.Name!).Inputs).ToJsonString());
    }

    [Fact]
    public async Task The_output_names_the_earliest_certificate_and_where_it_is_and_the_warning_comes_under_ninety_days()
    {
        var (stack, _) = await RunWithAsync(new Dictionary<string, string>
        {
            ["cp-1"] = "apiserver 2027-11-01T00:00:00Z\nadmin.conf 2027-11-01T00:00:00Z\n",
            ["cp-2"] = "apiserver 2027-10-01T00:00:00Z\netcd-peer 2027-02-15T09:00:00Z\n",
            ["cp-3"] = "apiserver 2027-09-01T00:00:00Z\n",
        }, admin: "2027-08-01T00:00:00Z");

        Assert.Equal(
            new Dictionary<string, object> { ["certificate"] = "etcd-peer", ["location"] = "cp-2", ["expiresAt"] = "2027-02-15T09:00:00Z" },
            await Outputs.ValueAsync(stack.EarliestCertificateExpiry));
        Assert.Equal(
            "Certificate etcd-peer on control-plane node cp-2 expires in 76 days (2027-02-15T09:00:00Z): its renewal timer should have renewed it: " +
            "see `journalctl -u platform-certificate-renewal` and `kubeadm certs check-expiration` on cp-2 (README: Certificate renewal).",
            await Outputs.ValueAsync(stack.CertificateWarning));
        // The configuration's own warnings stay as they were.
        Assert.DoesNotContain(stack.Warnings, w => w.Contains("Certificate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Far_from_expiry_there_is_no_warning_and_the_state_certificates_count_too()
    {
        var (stack, _) = await RunWithAsync(new Dictionary<string, string>
        {
            ["cp-1"] = "apiserver 2027-11-01T00:00:00Z\n",
            ["cp-2"] = "apiserver 2027-10-01T00:00:00Z\n",
            ["cp-3"] = "apiserver 2027-09-01T00:00:00Z\n",
        }, admin: "2027-06-01T00:00:00Z");

        Assert.Equal(
            new Dictionary<string, object> { ["certificate"] = CertificateExpiry.PlatformAdmin, ["location"] = CertificateExpiry.StackState, ["expiresAt"] = "2027-06-01T00:00:00Z" },
            await Outputs.ValueAsync(stack.EarliestCertificateExpiry));
        Assert.Equal("", await Outputs.ValueAsync(stack.CertificateWarning));
    }

    [Fact]
    public async Task A_ca_near_its_end_is_warned_about()
    {
        var (stack, _) = await RunWithAsync(new Dictionary<string, string>
        {
            ["cp-1"] = "apiserver 2027-11-01T00:00:00Z\n",
            ["cp-2"] = "apiserver 2027-10-01T00:00:00Z\n",
            ["cp-3"] = "apiserver 2027-09-01T00:00:00Z\n",
        }, admin: "2027-06-01T00:00:00Z", frontProxyCa: "2027-01-10T06:00:00Z");

        Assert.Equal("front-proxy-ca", (await Outputs.ValueAsync(stack.EarliestCertificateExpiry))["certificate"]);
        Assert.StartsWith("Certificate front-proxy-ca in the stack's state expires in 40 days", await Outputs.ValueAsync(stack.CertificateWarning), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_render_lists_the_certificate_warning_after_the_others()
    {
        var (stack, _) = await RunWithAsync(new Dictionary<string, string>
        {
            ["cp-1"] = "apiserver 2026-12-20T00:00:00Z\n",
            ["cp-2"] = "apiserver 2027-10-01T00:00:00Z\n",
            ["cp-3"] = "apiserver 2027-09-01T00:00:00Z\n",
        }, admin: "2027-06-01T00:00:00Z");

        var warnings = await PlanRecorder.WarningsAsync(stack);

        Assert.Equal(stack.Warnings.Count + 1, warnings.Count);
        Assert.StartsWith("Certificate apiserver on control-plane node cp-1 expires in 18 days", warnings[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_layers_certificate_in_the_state_counts_too()
    {
        // ValidConfig has logging on: OpenSearch's HTTP certificate is one of the layers' (IStateCertificates).
        var (stack, _) = await RunWithAsync(new Dictionary<string, string>
        {
            ["cp-1"] = "apiserver 2027-11-01T00:00:00Z\n",
            ["cp-2"] = "apiserver 2027-10-01T00:00:00Z\n",
            ["cp-3"] = "apiserver 2027-09-01T00:00:00Z\n",
        }, admin: "2027-06-01T00:00:00Z", layerCertificate: ($"{ClusterName}-logging-opensearch-http-cert", "2027-01-15T00:00:00Z"));

        Assert.Equal(
            new Dictionary<string, object> { ["certificate"] = "opensearch-http", ["location"] = CertificateExpiry.StackState, ["expiresAt"] = "2027-01-15T00:00:00Z" },
            await Outputs.ValueAsync(stack.EarliestCertificateExpiry));
        Assert.Contains("pulumi up renews it within its early-renewal window", await Outputs.ValueAsync(stack.CertificateWarning), StringComparison.Ordinal);
    }

    /// <summary>A three-control-plane stack run on 2026-12-01 whose expiry steps print <paramref name="stdout"/> (by
    /// node) and whose TLS certificates end when given (the CAs in ten years otherwise).</summary>
    [Fact]
    public async Task The_control_plane_serving_certificate_in_the_state_counts_and_is_renewed_by_an_up()
    {
        // ValidConfig has monitoring on, so the controller manager and the scheduler serve the certificate from the state.
        var (stack, _) = await RunWithAsync(new Dictionary<string, string>
        {
            ["cp-1"] = "apiserver 2027-11-01T00:00:00Z\n",
            ["cp-2"] = "apiserver 2027-10-01T00:00:00Z\n",
            ["cp-3"] = "apiserver 2027-09-01T00:00:00Z\n",
        }, admin: "2027-06-01T00:00:00Z", controlPlaneServing: "2027-01-20T00:00:00Z");

        Assert.Equal(
            new Dictionary<string, object> { ["certificate"] = CertificateExpiry.ControlPlaneServing, ["location"] = CertificateExpiry.StackState, ["expiresAt"] = "2027-01-20T00:00:00Z" },
            await Outputs.ValueAsync(stack.EarliestCertificateExpiry));
        Assert.StartsWith("Certificate control-plane-serving in the stack's state expires in ", await Outputs.ValueAsync(stack.CertificateWarning), StringComparison.Ordinal);
        Assert.Contains("pulumi up renews it within its early-renewal window", await Outputs.ValueAsync(stack.CertificateWarning), StringComparison.Ordinal);
    }

    private static async Task<(PlatformStack Stack, StackRun Run)> RunWithAsync(IReadOnlyDictionary<string, string> stdout, string admin,
        string frontProxyCa = "2036-11-29T00:00:00Z", string controlPlaneServing = "2036-11-29T00:00:00Z",
        (string Resource, string End)? layerCertificate = null)
    {
        var mocks = new PlatformMocks(args => args switch
        {
            { Type: CommandType } when args.Name!.EndsWith("-certificate-expiry", StringComparison.Ordinal) =>
                new Dictionary<string, object> { ["stdout"] = stdout[args.Name[$"{ClusterName}-".Length..^"-certificate-expiry".Length]] },
            { Type: "tls:index/locallySignedCert:LocallySignedCert" } when args.Name!.EndsWith("-control-plane-serving-cert", StringComparison.Ordinal) =>
                new Dictionary<string, object> { ["validityEndTime"] = controlPlaneServing },
            { Type: "tls:index/locallySignedCert:LocallySignedCert" } when args.Name == $"{ClusterName}-pki-admin-cert" =>
                new Dictionary<string, object> { ["validityEndTime"] = admin },
            { Type: "tls:index/locallySignedCert:LocallySignedCert" } when layerCertificate is not null && args.Name == layerCertificate.Value.Resource =>
                new Dictionary<string, object> { ["validityEndTime"] = layerCertificate.Value.End },
            // The layers' other certificates (OpenSearch's, the metrics proxies') are far from their end.
            { Type: "tls:index/locallySignedCert:LocallySignedCert" } => new Dictionary<string, object> { ["validityEndTime"] = "2028-11-30T00:00:00Z" },
            { Type: "tls:index/selfSignedCert:SelfSignedCert" } => new Dictionary<string, object>
            {
                ["validityEndTime"] = args.Name!.EndsWith("-front-proxy-ca", StringComparison.Ordinal) ? frontProxyCa : "2036-11-29T00:00:00Z",
            },
            _ => new Dictionary<string, object>(),
        });
        var run = await StackRunner.RunAsync(With(3, 1), preview: false, mocks: mocks, clock: new FixedClock(Morning));
        return (run.Single<PlatformStack>(), run);
    }
}
