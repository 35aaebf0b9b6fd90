using System.Runtime.Versioning;
using Platform.Components.Cluster.Certificates;
using Platform.Components.Cluster.Scripts;
using Platform.Tests.Cluster.Scripts;

namespace Platform.Tests.Cluster.Certificates;

/// <summary>
/// The renewal script the control-plane timer runs, on a <see cref="FakeHost"/> whose kubeadm lists certificates with
/// the seconds they have left (and renews them, checking that the shared kubeadm lock is held), whose crictl stands in
/// for kubelet running the static pods of the manifests folder, and whose kubectl reports their mirror pods: it renews
/// only within the threshold, restarts etcd and the control-plane components one at a time in order, puts every manifest
/// back, changes nothing on a second run, and reports failures.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class CertificateRenewalRunTests : IDisposable
{
    private const string Node = "cp-2";
    private const int DaySeconds = 86_400;
    private const string Manifests = "/etc/kubernetes/manifests";
    private static readonly string[] Components = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];

    /// <summary>kubeadm: <c>certs check-expiration</c> prints what its jsonpath template gives for <c>$FAKE/certificates</c>
    /// (name, missing, seconds left, expiry), after the line kubeadm prints when it reads its configuration from the
    /// cluster; <c>certs renew all</c> gives every present certificate a year, and fails unless the caller holds the
    /// kubeadm lock.</summary>
    private const string Kubeadm = """
        case "$*" in
          "certs check-expiration -o jsonpath="*)
            [ ! -f "$FAKE/kubeadm-broken" ] || { echo "error: open /etc/kubernetes/pki/ca.crt: no such file" >&2; exit 1; }
            echo '[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...'
            cat "$FAKE/certificates" ;;
          "certs renew all")
            exec 7>>"$ROOT/run/platform-kubeadm.lock"
            if flock -n 7; then echo "renewed without the kubeadm lock" >&2; exit 3; fi
            awk '$2 == "false" {print $1, "false", 31536000, "2027-12-01T03:00:00Z"; next} {print}' "$FAKE/certificates" >"$FAKE/renewed"
            mv "$FAKE/renewed" "$FAKE/certificates"
            chmod 644 "$ROOT/etc/kubernetes/pki/apiserver.crt"
            echo "certificates renewed" ;;
          *) echo "unexpected: kubeadm $*" >&2; exit 2 ;;
        esac
        """;

    /// <summary>crictl as kubelet would answer it: a static pod runs while its manifest is in the manifests folder (or
    /// while <c>$FAKE/stuck-&lt;name&gt;</c> says kubelet does not stop it), a new container each time it starts again;
    /// each stop and start is logged in <c>$FAKE/events</c>.</summary>
    private const string Crictl = """
        [ "$1 $2" = "--runtime-endpoint unix:///run/containerd/containerd.sock" ] || { echo "unexpected: crictl $*" >&2; exit 2; }
        [ "$3 $4" = "ps --name" ] || { echo "unexpected: crictl $*" >&2; exit 2; }
        name="${5#^}"
        name="${name%\$}"
        if [ -f "$ROOT/etc/kubernetes/manifests/$name.yaml" ] || [ -f "$FAKE/stuck-$name" ]; then
          if [ ! -s "$FAKE/running-$name" ]; then
            count=$(($(cat "$FAKE/starts" 2>/dev/null || echo 0) + 1))
            echo "$count" >"$FAKE/starts"
            echo "$name-c$count" >"$FAKE/running-$name"
            echo "start $name" >>"$FAKE/events"
          fi
          cat "$FAKE/running-$name"
        elif [ -s "$FAKE/running-$name" ]; then
          rm -f "$FAKE/running-$name"
          echo "stop $name" >>"$FAKE/events"
        fi
        """;

    /// <summary>kubectl: a mirror pod's status names the container crictl runs for it, ready unless
    /// <c>$FAKE/unready-&lt;name&gt;</c> says a restarted one is not; the cluster's control-plane pods are this node's
    /// and those listed in <c>$FAKE/other-pods</c> (name and readiness).</summary>
    private const string Kubectl = $$"""
        ready() {
          id="$(cat "$FAKE/running-$1" 2>/dev/null || true)"
          if [ -n "$id" ] && { [ ! -f "$FAKE/unready-$1" ] || [ "$id" = "$1-c0" ]; }; then echo true; else echo false; fi
        }
        case "$*" in
          "-n kured get daemonset kured --ignore-not-found -o jsonpath="*)
            cat "$FAKE/reboot-lock" 2>/dev/null || true ;;
          "-n kube-system get pods -l tier=control-plane -o jsonpath="*)
            for name in etcd kube-apiserver kube-controller-manager kube-scheduler; do echo "$name-{{Node}} $(ready "$name")"; done
            cat "$FAKE/other-pods" 2>/dev/null || true ;;
          "-n kube-system get pod "*"-{{Node}} -o jsonpath="*)
            name="${5%-{{Node}}}"
            id="$(cat "$FAKE/running-$name" 2>/dev/null || true)"
            [ -n "$id" ] || { echo "Error from server (NotFound): pods \"$5\" not found" >&2; exit 1; }
            echo "containerd://$id $(ready "$name")" ;;
          *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
        esac
        """;

    private readonly FakeHost _host = new();

    public CertificateRenewalRunTests()
    {
        _host.Fake("kubeadm", Kubeadm);
        _host.Fake("crictl", Crictl);
        _host.Fake("kubectl", Kubectl);
        foreach (var component in Components.Append("kube-vip"))
        {
            _host.Write($"{Manifests}/{component}.yaml", $"kind: Pod\nmetadata:\n  name: {component}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(Path.Combine(_host.State, $"running-{component}"), $"{component}-c0\n");
        }
        _host.Write("/etc/kubernetes/admin.conf", "kind: Config\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _host.Write("/etc/kubernetes/pki/apiserver.crt", "certificate\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose() => _host.Dispose();

    private static string Script => NodeScripts.RenewCertificates(Node);

    private string Events => File.Exists(Path.Combine(_host.State, "events")) ? File.ReadAllText(Path.Combine(_host.State, "events")) : "";

    /// <summary>kubeadm's certificates with the days they have left, apiserver's as given; super-admin.conf missing, as on
    /// a node that joined.</summary>
    private void Certificates(int apiserverDays, int othersDays = 300) => File.WriteAllText(Path.Combine(_host.State, "certificates"), $"""
        admin.conf false {othersDays * DaySeconds} 2027-01-01T00:00:00Z
        apiserver false {apiserverDays * DaySeconds} 2026-12-31T00:00:00Z
        apiserver-etcd-client false {othersDays * DaySeconds} 2027-01-01T00:00:00Z
        etcd-server false {othersDays * DaySeconds} 2027-01-01T00:00:00Z
        scheduler.conf false {othersDays * DaySeconds} 2027-01-01T00:00:00Z
        super-admin.conf true 0 null

        """);

    private int Renewals(ScriptRun run) => run.CallsOf("kubeadm").Count(c => c == "kubeadm certs renew all");

    [Theory]
    [InlineData(200)]
    [InlineData(121)]
    public void Certificates_further_than_the_threshold_are_left_alone(int days)
    {
        Certificates(days);
        var before = _host.Snapshot();

        var run = _host.Run(Script);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, Renewals(run));
        Assert.Equal("", Events);
        Assert.Contains($"the earliest of kubeadm's certificates on {Node}, apiserver, expires at 2026-12-31T00:00:00Z ({days} days): nothing to renew", run.Output, StringComparison.Ordinal);
        Assert.Equal(before.Keys.Append("/run/platform-kubeadm.lock").Order(StringComparer.Ordinal), _host.Snapshot().Keys);
    }

    [Theory]
    [InlineData(120)]
    [InlineData(30)]
    [InlineData(-3)]
    public void Within_the_threshold_kubeadm_renews_and_each_component_restarts_in_turn_once_the_previous_is_ready(int days)
    {
        Certificates(days);
        var manifests = Components.Append("kube-vip").ToDictionary(c => c, c => _host.Read($"{Manifests}/{c}.yaml"));

        var run = _host.Run(Script);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, Renewals(run));
        // One at a time, in order: each stops, starts again, and is ready before the next one stops.
        Assert.Equal(string.Concat(Components.Select(c => $"stop {c}\nstart {c}\n")), Events);
        var readiness = run.CallsOf("kubectl").Where(c => c.Split(' ')[4] == "pod").Select(c => c.Split(' ')[5]).Distinct().ToList();
        Assert.Equal(Components.Select(c => $"{c}-{Node}"), readiness);
        // The cluster's control-plane pods are checked, then kubeadm renews, then the restarts begin.
        var calls = run.Calls.ToList();
        var renewal = calls.IndexOf("kubeadm certs renew all");
        Assert.True(calls.FindIndex(c => c.StartsWith("kubectl -n kube-system get pods -l tier=control-plane ", StringComparison.Ordinal)) < renewal, run.ToString());
        Assert.True(renewal < calls.FindIndex(c => c.StartsWith("crictl ", StringComparison.Ordinal)), run.ToString());
        foreach (var (component, content) in manifests)
            Assert.Equal(content, _host.Read($"{Manifests}/{component}.yaml"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_host.PathOf(NodeScripts.CertificateRenewalStateDir)));
        // CIS 1.1.20 after kubeadm wrote the certificates again.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, _host.Mode("/etc/kubernetes/pki/apiserver.crt"));
        Assert.Contains($"kubeadm's certificates on {Node} renewed; the earliest, admin.conf, expires at 2027-12-01T03:00:00Z", run.Output, StringComparison.Ordinal);

        // The next run finds them a year from expiry.
        var after = _host.Snapshot();
        var again = _host.Run(Script);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, Renewals(again));
        Assert.Equal(string.Concat(Components.Select(c => $"stop {c}\nstart {c}\n")), Events);
        Assert.Equal(after, _host.Snapshot());
    }

    [Fact]
    public void A_component_that_does_not_become_ready_stops_the_restarts_and_the_next_run_finishes_them_without_renewing_again()
    {
        Certificates(10);
        File.WriteAllText(Path.Combine(_host.State, "unready-kube-apiserver"), "");

        var run = _host.Run(Script);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"kube-apiserver on {Node} has not been ready for 10 minutes after its restart", run.Errors, StringComparison.Ordinal);
        Assert.Equal("stop etcd\nstart etcd\nstop kube-apiserver\nstart kube-apiserver\n", Events);
        Assert.All(Components, c => Assert.True(_host.Exists($"{Manifests}/{c}.yaml"), c));
        Assert.True(_host.Exists(NodeScripts.CertificateRenewalStateDir + "/restarts-pending"));

        File.Delete(Path.Combine(_host.State, "unready-kube-apiserver"));
        var retry = _host.Run(Script);

        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Equal(0, Renewals(retry));
        Assert.Contains("were renewed by an earlier run that did not restart every component", retry.Output, StringComparison.Ordinal);
        Assert.EndsWith(string.Concat(Components.Select(c => $"stop {c}\nstart {c}\n")), Events, StringComparison.Ordinal);
        Assert.False(_host.Exists(NodeScripts.CertificateRenewalStateDir + "/restarts-pending"));
    }

    [Fact]
    public void Nothing_is_renewed_or_restarted_while_kureds_reboot_lock_is_held_and_an_expired_upgrade_lock_does_not_count()
    {
        Certificates(10);
        File.WriteAllText(Path.Combine(_host.State, "reboot-lock"), """{"nodeID":"cp-3","metadata":{"unschedulable":false},"created":"2026-12-01T02:00:00Z","TTL":0}""");

        var held = _host.Run(Script);

        Assert.Equal(1, held.ExitCode);
        Assert.Contains($"kured's reboot lock is held ({{\"nodeID\":\"cp-3\"", held.Errors, StringComparison.Ordinal);
        Assert.Equal(0, Renewals(held));

        // An upgrade's lock an hour past its TTL: the upgrade stopped, the lock is no longer held.
        File.WriteAllText(Path.Combine(_host.State, "reboot-lock"), """{"nodeID":"platform:upgrade","metadata":{"unschedulable":false},"created":"2026-12-01T02:00:00Z","TTL":3600000000000}""");
        _host.Fake("date", """
            case "$*" in
              "-u +%s") echo 1796097600 ;;
              "-u -d 2026-12-01T02:00:00Z +%s") echo 1796090400 ;;
              *) ;;
            esac
            """);
        var expired = _host.Run(Script);

        Assert.True(expired.ExitCode == 0, expired.ToString());
        Assert.Equal(1, Renewals(expired));
    }

    [Fact]
    public void Nothing_is_renewed_or_restarted_while_a_control_plane_pod_elsewhere_is_not_ready()
    {
        Certificates(10);
        File.WriteAllText(Path.Combine(_host.State, "other-pods"), "etcd-cp-1 true\netcd-cp-3 false\nkube-apiserver-cp-3 false\n");

        var run = _host.Run(Script);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"control-plane pods not ready: etcd-cp-3 kube-apiserver-cp-3 ; {Node} restarts nothing while they are not", run.Errors, StringComparison.Ordinal);
        Assert.Equal(0, Renewals(run));
        Assert.Equal("", Events);

        File.WriteAllText(Path.Combine(_host.State, "other-pods"), "etcd-cp-1 true\netcd-cp-3 true\nkube-apiserver-cp-3 true\n");
        var later = _host.Run(Script);

        Assert.True(later.ExitCode == 0, later.ToString());
        Assert.Equal(1, Renewals(later));
    }

    [Fact]
    public void A_static_pod_kubelet_does_not_stop_fails_the_run_with_its_manifest_back()
    {
        Certificates(10);
        File.WriteAllText(Path.Combine(_host.State, "stuck-etcd"), "");

        var run = _host.Run(Script);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("kubelet did not stop etcd within 2 minutes of its manifest leaving /etc/kubernetes/manifests; the manifest is back", run.Errors, StringComparison.Ordinal);
        Assert.True(_host.Exists($"{Manifests}/etcd.yaml"));
        Assert.Equal("", Events);
        Assert.Empty(run.CallsOf("kubectl -n kube-system get pod"));
    }

    [Fact]
    public void A_manifest_a_stopped_run_left_outside_is_put_back_first()
    {
        Certificates(200);
        var content = _host.Read($"{Manifests}/kube-scheduler.yaml");
        _host.Write(NodeScripts.CertificateRenewalStateDir + "/kube-scheduler.yaml", content, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Delete(_host.PathOf($"{Manifests}/kube-scheduler.yaml"));

        var run = _host.Run(Script);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("put kube-scheduler.yaml back into /etc/kubernetes/manifests", run.Output, StringComparison.Ordinal);
        Assert.Equal(content, _host.Read($"{Manifests}/kube-scheduler.yaml"));
        Assert.Equal(0, Renewals(run));
    }

    [Fact]
    public void When_kubeadm_cannot_list_the_certificates_nothing_is_renewed_and_the_run_fails()
    {
        Certificates(10);
        File.WriteAllText(Path.Combine(_host.State, "kubeadm-broken"), "");

        var run = _host.Run(Script);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"kubeadm certs check-expiration listed no certificate on {Node}; nothing renewed", run.Errors, StringComparison.Ordinal);
        Assert.Equal(0, Renewals(run));
        Assert.Equal("", Events);
    }

    [Fact]
    public void The_script_passes_shellcheck_and_renews_at_the_documented_threshold()
    {
        Assert.Equal("", Platform.Tests.Harness.ShellCheck.Findings(Script));
        Assert.Equal(120, NodeScripts.CertificateRenewalDays);
        Assert.True(NodeScripts.CertificateRenewalDays > CertificateExpiryWarning.Days);
        Assert.StartsWith("#!/usr/bin/env bash\n", Script, StringComparison.Ordinal);
    }
}
