using System.Runtime.Versioning;
using Platform.Components.Cluster.Scripts;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>
/// The Secrets rewrite run on a <see cref="FakeHost"/> whose etcd (through the etcd container's etcdctl) holds Secrets
/// stored plain or encrypted, and whose API servers store what kubectl replaces with the provider they write with: only
/// the Secrets not stored the configured way are rewritten, one namespace at a time, once every API server writes that
/// way; a second run, or a new cluster, rewrites nothing.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretsRewriteRunTests : IDisposable
{
    private const string Plain = "k8s\\x00\\n\\f\\n\\x02v1\\x12\\x06Secret";

    private const string Secretbox = "k8s:enc:secretbox:v1:key1:\\x9c\\x1f";

    private const string Aescbc = "k8s:enc:aescbc:v1:key1:\\x11\\x22";

    /// <summary>crictl with the etcd container, whose etcdctl lists <c>$FAKE/etcd-secrets</c> (one <c>key value</c> a
    /// line, the value as etcdctl's fields output quotes it) the way <c>get --prefix -w fields</c> prints them.</summary>
    private const string Crictl = """
        [ "$1 $2" = "--runtime-endpoint unix:///run/containerd/containerd.sock" ] || { echo "unexpected: crictl $*" >&2; exit 2; }
        shift 2
        case "$*" in
          "ps --name ^etcd\$ --label io.kubernetes.pod.namespace=kube-system --state running -q") echo 3f2a9c ;;
          "exec 3f2a9c etcdctl --endpoints=https://127.0.0.1:2379 --cacert="*"/etc/kubernetes/pki/etcd/ca.crt --cert="*"/etc/kubernetes/pki/etcd/healthcheck-client.crt --key="*"/etc/kubernetes/pki/etcd/healthcheck-client.key get /registry/secrets/ --prefix -w fields")
            printf '"ClusterID" : 14841639068965178418\n"MemberID" : 10276657743932975437\n"Revision" : 912\n"RaftTerm" : 3\n'
            while read -r key value; do
              printf '"Key" : "%s"\n"CreateRevision" : 41\n"ModRevision" : 57\n"Version" : 2\n"Value" : "%s"\n"Lease" : 0\n' "$key" "$value"
            done <"$FAKE/etcd-secrets"
            printf '"More" : false\n"Count" : 4\n' ;;
          *) echo "unexpected: crictl $*" >&2; exit 2 ;;
        esac
        """;

    /// <summary>kubectl on the admin kubeconfig: the control-plane nodes, their API servers (<c>$FAKE/api-servers</c>:
    /// node, writer, ready), Secrets read as JSON from etcd's list, and replace, which stores each Secret it reads with
    /// the writer's prefix (<c>$FAKE/prefix</c>), except that with <c>$FAKE/conflict</c> the first replace meets a
    /// Secret changed meanwhile (stored anew by its writer) and fails.</summary>
    private const string Kubectl = """
        case "$*" in
          "get nodes -l node-role.kubernetes.io/control-plane -o jsonpath={range .items[*]}{.metadata.name} {.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}") if [ -f "$FAKE/control-plane-nodes" ]; then cat "$FAKE/control-plane-nodes"; else printf 'cp-1 True\ncp-2 True\n'; fi ;;
          "-n kube-system get pods -l component=kube-apiserver -o jsonpath="*) cat "$FAKE/api-servers" ;;
          "-n "*" get secret "*" --ignore-not-found -o json")
            namespace="$2"; shift 4; items=""
            for name in "${@:1:$#-3}"; do
              grep -q "^/registry/secrets/$namespace/$name " "$FAKE/etcd-secrets" || continue
              items="$items${items:+, }{\"kind\": \"Secret\", \"metadata\": {\"name\": \"$name\", \"namespace\": \"$namespace\"}, \"data\": {\"password\": \"c2VjcmV0\"}}"
            done
            [ -z "$items" ] || echo "{\"kind\": \"List\", \"items\": [$items]}" ;;
          "replace -f -")
            json="$(cat)"
            namespace="$(grep -o '"namespace": "[^"]*"' <<<"$json" | head -n 1 | cut -d'"' -f4)"
            for name in $(grep -o '"name": "[^"]*"' <<<"$json" | cut -d'"' -f4); do
              sed -i "s|^\(/registry/secrets/$namespace/$name\) .*|\1 $(cat "$FAKE/prefix")\\\\x00|" "$FAKE/etcd-secrets"
              if [ -f "$FAKE/conflict" ]; then rm "$FAKE/conflict"; echo "Error from server (Conflict): the object has been modified" >&2; exit 1; fi
            done ;;
          *) echo "unexpected: kubectl $*" >&2; exit 2 ;;
        esac
        """;

    private readonly FakeHost _host = new();

    public SecretsRewriteRunTests()
    {
        _host.Write(NodeScripts.AdminKubeconfig, "admin\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        EtcdSnapshotRunTests.WithRunningEtcd(_host);
        _host.Fake("crictl", Crictl);
        _host.Fake("kubectl", Kubectl);
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public void With_encryption_switched_on_every_plain_secret_is_rewritten_once_a_namespace_at_a_time_and_a_second_run_rewrites_nothing()
    {
        ApiServers("cp-1 secretbox True", "cp-2 secretbox True");
        Etcd(("apps", "db", Plain), ("apps", "tls.example.com", Plain), ("default", "token", Secretbox), ("kube-system", "bootstrap-token-abcdef", Plain));
        File.WriteAllText(Path.Combine(_host.State, "prefix"), "k8s:enc:secretbox:v1:key1:");
        var script = NodeScripts.RewriteSecrets("secretbox");

        var run = _host.Run(script);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "kubectl -n apps get secret db tls.example.com --ignore-not-found -o json",
                "kubectl replace -f -",
                "kubectl -n kube-system get secret bootstrap-token-abcdef --ignore-not-found -o json",
                "kubectl replace -f -",
            ],
            run.CallsOf("kubectl").Where(c => c.Contains(" secret ", StringComparison.Ordinal) || c.Contains("replace", StringComparison.Ordinal)));
        Assert.All(File.ReadAllLines(Path.Combine(_host.State, "etcd-secrets")), l => Assert.Contains(" k8s:enc:secretbox:v1:key1:", l, StringComparison.Ordinal));
        Assert.DoesNotContain("c2VjcmV0", run.Output + run.Errors, StringComparison.Ordinal);
        Assert.EndsWith("every Secret is stored with secretbox\n", run.Output, StringComparison.Ordinal);

        var second = _host.Run(script);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain(second.Calls, c => c.Contains(" secret ", StringComparison.Ordinal) || c.Contains("replace", StringComparison.Ordinal));
        Assert.Equal("every Secret is stored with secretbox\n", second.Output);
    }

    [Fact]
    public void On_a_new_cluster_whose_secrets_are_stored_as_written_nothing_is_rewritten()
    {
        ApiServers("cp-1 secretbox True", "cp-2 secretbox True");
        Etcd(("default", "token", Secretbox), ("kube-system", "bootstrap-token-abcdef", Secretbox));

        var run = _host.Run(NodeScripts.RewriteSecrets("secretbox"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(run.Calls, c => c.Contains(" secret ", StringComparison.Ordinal) || c.Contains("replace", StringComparison.Ordinal));
    }

    [Fact]
    public void With_encryption_switched_off_the_encrypted_secrets_are_stored_plain_and_the_plain_ones_left()
    {
        ApiServers("cp-1 identity True", "cp-2 identity True");
        Etcd(("apps", "db", Secretbox), ("apps", "old", Aescbc), ("default", "token", Plain));
        File.WriteAllText(Path.Combine(_host.State, "prefix"), "k8s");

        var run = _host.Run(NodeScripts.RewriteSecrets("identity"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["kubectl -n apps get secret db old --ignore-not-found -o json"], run.CallsOf("kubectl").Where(c => c.Contains(" secret ", StringComparison.Ordinal)));
        Assert.All(File.ReadAllLines(Path.Combine(_host.State, "etcd-secrets")), l => Assert.DoesNotContain("k8s:enc:", l, StringComparison.Ordinal));
    }

    [Fact]
    public void The_aescbc_migration_rewrites_what_aescbc_stored_once_secretbox_writes()
    {
        ApiServers("cp-1 secretbox True", "cp-2 secretbox True");
        Etcd(("apps", "db", Aescbc), ("default", "token", Secretbox));
        File.WriteAllText(Path.Combine(_host.State, "prefix"), "k8s:enc:secretbox:v1:key1:");

        var run = _host.Run(NodeScripts.RewriteSecrets("secretbox"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["kubectl -n apps get secret db --ignore-not-found -o json"], run.CallsOf("kubectl").Where(c => c.Contains(" secret ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_secret_changed_meanwhile_is_taken_up_by_the_next_round()
    {
        ApiServers("cp-1 secretbox True", "cp-2 secretbox True");
        Etcd(("apps", "a", Plain), ("apps", "b", Plain));
        File.WriteAllText(Path.Combine(_host.State, "prefix"), "k8s:enc:secretbox:v1:key1:");
        File.WriteAllText(Path.Combine(_host.State, "conflict"), "");

        var run = _host.Run(NodeScripts.RewriteSecrets("secretbox"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["kubectl -n apps get secret a b --ignore-not-found -o json", "kubectl -n apps get secret b --ignore-not-found -o json"],
            run.CallsOf("kubectl").Where(c => c.Contains(" secret ", StringComparison.Ordinal)));
        Assert.Contains("some Secrets in apps changed meanwhile; the next round looks at them again", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_rewritten_while_an_api_server_still_writes_the_old_way()
    {
        ApiServers("cp-1 secretbox True", "cp-2 identity True");
        Etcd(("apps", "db", Plain));

        var run = _host.Run(NodeScripts.RewriteSecrets("secretbox"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("the API server on cp-2 does not write Secrets with secretbox 5 minutes after the control-plane reconfiguration; no Secret was rewritten. See its reconfigure step, then run pulumi up again\n",
            run.Errors);
        Assert.Empty(run.CallsOf("crictl"));
        Assert.DoesNotContain(run.Calls, c => c.Contains(" secret ", StringComparison.Ordinal) || c.Contains("replace", StringComparison.Ordinal));
        Assert.Equal(60, run.CallsOf("sleep").Count);
    }

    [Fact]
    public void A_control_plane_node_that_is_not_ready_is_not_waited_for()
    {
        // cp-3 is dead (marked so, still in the inventory): its Node stays, NotReady, and no API server runs there.
        File.WriteAllText(Path.Combine(_host.State, "control-plane-nodes"), "cp-1 True\ncp-2 True\ncp-3 False\n");
        ApiServers("cp-1 secretbox True", "cp-2 secretbox True", "cp-3 identity False");
        Etcd(("apps", "db", Plain));
        File.WriteAllText(Path.Combine(_host.State, "prefix"), "k8s:enc:secretbox:v1:key1:");

        var run = _host.Run(NodeScripts.RewriteSecrets("secretbox"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.CallsOf("sleep"));
        Assert.Contains(run.Calls, c => c.Contains("replace", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_writer_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => NodeScripts.RewriteSecrets("aesgcm"));
        Assert.Contains("secretbox, aescbc or identity, got 'aesgcm'", e.Message, StringComparison.Ordinal);
    }

    private void ApiServers(params string[] lines) => File.WriteAllText(Path.Combine(_host.State, "api-servers"), string.Join('\n', lines) + "\n");

    private void Etcd(params (string Namespace, string Name, string Value)[] secrets) =>
        File.WriteAllLines(Path.Combine(_host.State, "etcd-secrets"), secrets.Select(s => $"/registry/secrets/{s.Namespace}/{s.Name} {s.Value}"));
}
