using Platform.Components.Cluster.Scripts;
using Platform.Renderer;

namespace Platform.Tests.Render;

/// <summary>The renderer reads back exactly what the node commands run and receive.</summary>
public class NodeScriptAndFilesTests
{
    [Theory]
    [InlineData("ubuntu")]
    [InlineData("root")]
    public void The_script_inside_a_command_line_is_the_script_the_node_runs(string user)
    {
        var script = ShellScript.Header("test") + "echo 'it'\"'\"'s quoted'\nprintf '%s\\n' \"$HOME\"\n";
        Assert.Equal(script, NodeScript.Unwrap(ShellScript.AsRoot(script, user)));
    }

    [Fact]
    public void A_command_line_of_another_form_is_kept_as_it_is()
    {
        Assert.Equal("kubectl get nodes", NodeScript.Unwrap("kubectl get nodes"));
    }

    [Fact]
    public void A_files_payload_reads_back_into_its_files()
    {
        var files = new[]
        {
            new NodeFile("/etc/kubernetes/platform/kubeadm.yaml", "0600", "apiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\n"),
            new NodeFile("/etc/kubernetes/pki/ca.crt", "0644", "no final newline"),
            new NodeFile("/etc/empty", "0600", ""),
        };

        Assert.True(NodeFiles.TryParse(ShellScript.FilePayload(files), out var read));

        Assert.Equal(files, read);
    }

    [Theory]
    [InlineData("abcdef.0123456789abcdef")]
    [InlineData("0600 relative/path Zm9v\n")]
    [InlineData("")]
    public void Other_standard_input_is_not_taken_for_files(string stdin)
    {
        Assert.False(NodeFiles.TryParse(stdin, out _));
    }
}
