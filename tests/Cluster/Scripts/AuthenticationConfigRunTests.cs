using Platform.Components.Cluster.Kubeadm;
using Platform.Components.Cluster.Scripts;
using Platform.Components.Identity;
using Platform.Tests.Validation.ConfigApi;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>
/// The authentication step (<see cref="NodeScripts.ConfigureAuthentication"/>) on a <see cref="FakeHost"/> whose kubectl
/// stands in for the node's own API server: the file written root-only through a rename, the wait for the API server's
/// <c>apiserver_authentication_config_controller_last_config_info</c> metric to name its SHA-256, nothing written on a
/// second run, a changed configuration rewritten, an API server without the flag left to the reconfigure step, and the
/// failure when the API server keeps its previous configuration.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AuthenticationConfigRunTests : IDisposable
{
    private const string Node = "cp-1";
    private readonly FakeHost _host = ControlPlane();

    public void Dispose() => _host.Dispose();

    /// <summary>A control-plane node as its files step and kubeadm leave it: the first configuration (no issuer) in its
    /// folder, the API server's manifest with the flag, and a kubectl whose metrics name the hash of the file as it is
    /// now (an API server that reloads at once).</summary>
    internal static FakeHost ControlPlane()
    {
        var host = new FakeHost();
        host.Write(KubeadmPaths.AuthenticationConfig, AuthenticationConfigRenderer.Render("1.36.5", []), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        host.Write(NodeScripts.ApiServerManifest, $"spec:\n  containers:\n  - command:\n    - kube-apiserver\n    - --authentication-config={KubeadmPaths.AuthenticationConfig}\n");
        host.Fake("kubectl", $$"""
            echo '# TYPE apiserver_authentication_config_controller_last_config_info gauge'
            echo "apiserver_authentication_config_controller_last_config_info{apiserver_id_hash=\"sha256:0f0f\",hash=\"sha256:$(sha256sum "$ROOT{{KubeadmPaths.AuthenticationConfig}}" | cut -d ' ' -f 1)\"} 1"
            """);
        return host;
    }

    private static string Configuration(string issuer = "https://dex.example.com") => AuthenticationConfigRenderer.Render("1.36.5",
        [JwtAuthenticatorSpec.From(new OidcIssuer { IssuerUrl = issuer, Audiences = ["kubernetes"] }, null)]);

    [Fact]
    public void Writes_the_configuration_root_only_and_waits_for_the_node_s_own_api_server_to_run_with_it()
    {
        var run = _host.Run(NodeScripts.ConfigureAuthentication(Node, Configuration()));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Configuration(), _host.Read(KubeadmPaths.AuthenticationConfig));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, _host.Mode(KubeadmPaths.AuthenticationConfig));
        var document = ConfigDocuments.DecodeSingle<AuthenticationConfiguration>(_host.Read(KubeadmPaths.AuthenticationConfig), "1.36");
        Assert.Equal("https://dex.example.com", Assert.Single(document.Jwt).Issuer.Url);
        // No temporary file is left beside it in the folder the API server mounts.
        Assert.Equal([KubeadmPaths.AuthenticationConfig], Directory.GetFiles(_host.PathOf(KubeadmPaths.AuthenticationConfigDir)).Select(f => f[_host.Root.Length..]));
        Assert.Equal([$"kubectl --kubeconfig /etc/kubernetes/admin.conf --server https://127.0.0.1:6443 --tls-server-name {Node} get --raw /metrics"], run.CallsOf("kubectl"));
        Assert.Contains("wrote " + KubeadmPaths.AuthenticationConfig, run.Output, StringComparison.Ordinal);
        Assert.Contains($"the API server of {Node} authenticates with the configuration", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_changes_nothing_and_a_changed_configuration_is_written_again()
    {
        var script = NodeScripts.ConfigureAuthentication(Node, Configuration());
        Assert.Equal(0, _host.Run(script).ExitCode);
        var before = _host.Snapshot();

        var again = _host.Run(script);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(before, _host.Snapshot());
        Assert.Contains("is current", again.Output, StringComparison.Ordinal);

        var changed = _host.Run(NodeScripts.ConfigureAuthentication(Node, Configuration("https://login.example.com")));
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal(Configuration("https://login.example.com"), _host.Read(KubeadmPaths.AuthenticationConfig));
        Assert.Contains("wrote ", changed.Output, StringComparison.Ordinal);

        // Taking the trust back: the file trusts no issuer again.
        Assert.Equal(0, _host.Run(NodeScripts.ConfigureAuthentication(Node, AuthenticationConfigRenderer.Render("1.36.5", []))).ExitCode);
        Assert.Empty(ConfigDocuments.DecodeSingle<AuthenticationConfiguration>(_host.Read(KubeadmPaths.AuthenticationConfig), "1.36").Jwt);
    }

    [Fact]
    public void An_api_server_created_before_the_flag_gets_the_file_and_no_wait_its_reconfigure_step_starts_it_with_it()
    {
        _host.Write(NodeScripts.ApiServerManifest, "spec:\n  containers:\n  - command:\n    - kube-apiserver\n    - --encryption-provider-config=/etc/kubernetes/platform/encryption-config.yaml\n");

        var run = _host.Run(NodeScripts.ConfigureAuthentication(Node, Configuration()));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Configuration(), _host.Read(KubeadmPaths.AuthenticationConfig));
        Assert.Empty(run.CallsOf("kubectl"));
        Assert.Contains("reconfigure step", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_api_server_that_keeps_its_previous_configuration_fails_the_step_naming_where_to_look()
    {
        _host.Fake("kubectl", """echo 'apiserver_authentication_config_controller_last_config_info{apiserver_id_hash="sha256:0f0f",hash="sha256:0123"} 1'""");

        var run = _host.Run(NodeScripts.ConfigureAuthentication(Node, Configuration()));

        Assert.Equal(1, run.ExitCode);
        // Five minutes of checks every five seconds (sleep is a stand-in here).
        Assert.Equal(60, run.CallsOf("kubectl").Count);
        Assert.Equal(60, run.CallsOf("sleep").Count);
        Assert.Contains($"kubectl -n kube-system logs kube-apiserver-{Node}", run.Errors, StringComparison.Ordinal);
        Assert.Contains("apiserver_authentication_config_controller_automatic_reloads_total", run.Errors, StringComparison.Ordinal);
        // The file stays: the API server retries an issuer it could not reach, and the next pulumi up checks again.
        Assert.Equal(Configuration(), _host.Read(KubeadmPaths.AuthenticationConfig));
    }

    [Fact]
    public void A_hash_in_another_label_does_not_count()
    {
        _host.Fake("kubectl", $$"""
            echo "apiserver_authentication_config_controller_last_config_info{apiserver_id_hash=\"sha256:$(sha256sum "$ROOT{{KubeadmPaths.AuthenticationConfig}}" | cut -d ' ' -f 1)\",hash=\"sha256:0123\"} 1"
            """);

        Assert.Equal(1, _host.Run(NodeScripts.ConfigureAuthentication(Node, Configuration())).ExitCode);
    }

    [Fact]
    public void Without_the_folder_of_the_files_step_nothing_is_written()
    {
        Directory.Delete(_host.PathOf(KubeadmPaths.AuthenticationConfigDir), recursive: true);

        var run = _host.Run(NodeScripts.ConfigureAuthentication(Node, Configuration()));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("files step", run.Errors, StringComparison.Ordinal);
        Assert.False(_host.Exists(KubeadmPaths.AuthenticationConfigDir));
    }

    [Fact]
    public void The_files_step_writes_a_file_marked_if_missing_only_where_the_node_has_none()
    {
        // The payload's paths are not moved by the FakeHost (only the script's are): they point into its root here.
        using var host = new FakeHost();
        var initial = new NodeFile(host.PathOf(KubeadmPaths.AuthenticationConfig), "0600", AuthenticationConfigRenderer.Render("1.36.5", [])) { OnlyIfMissing = true };
        var config = new NodeFile(host.PathOf(NodeScripts.KubeadmConfigPath), "0600", "kind: InitConfiguration\n");

        Assert.Equal(0, host.Run(NodeScripts.InstallFiles(), ShellScript.FilePayload([config, initial])).ExitCode);
        Assert.Equal(initial.Content, host.Read(KubeadmPaths.AuthenticationConfig));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, host.Mode(KubeadmPaths.AuthenticationConfig));

        // The authentication step has written the real one: the files step, run again with a changed payload, keeps it.
        host.Write(KubeadmPaths.AuthenticationConfig, Configuration(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var changedConfig = new NodeFile(config.Path, "0600", "kind: InitConfiguration\napiVersion: kubeadm.k8s.io/v1beta4\n");
        Assert.Equal(0, host.Run(NodeScripts.InstallFiles(), ShellScript.FilePayload([changedConfig, initial])).ExitCode);
        Assert.Equal(Configuration(), host.Read(KubeadmPaths.AuthenticationConfig));
        Assert.Equal(changedConfig.Content, host.Read(NodeScripts.KubeadmConfigPath));
        // A file without the mark is made what the payload says, as before.
        Assert.Equal(0, host.Run(NodeScripts.InstallFiles(), ShellScript.FilePayload([initial, config])).ExitCode);
        Assert.Equal(config.Content, host.Read(NodeScripts.KubeadmConfigPath));
        Assert.Equal(Configuration(), host.Read(KubeadmPaths.AuthenticationConfig));
    }

    [Fact]
    public void The_mark_travels_in_the_payload_and_is_read_back()
    {
        var files = new[]
        {
            new NodeFile("/etc/kubernetes/platform/kubeadm.yaml", "0600", "a"),
            new NodeFile(KubeadmPaths.AuthenticationConfig, "0600", "b") { OnlyIfMissing = true },
        };
        var payload = ShellScript.FilePayload(files);

        Assert.EndsWith(" " + ShellScript.OnlyIfMissingFlag + "\n", payload, StringComparison.Ordinal);
        Assert.True(Platform.Renderer.NodeFiles.TryParse(payload, out var read));
        Assert.Equal(files, read);
    }
}
