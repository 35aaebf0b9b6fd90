using Platform.Components.Cluster.Scripts;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>The template renderer's rules: every placeholder known and filled, every value used, each kind written and
/// placed as it says; a mistake fails with a message naming the template and the placeholder.</summary>
public class ScriptTemplateTests
{
    private static string Render(string text, ScriptValues values, string name = "test.sh") => new ScriptTemplate(name, text).Render(values);

    private static string Failure(string text, ScriptValues values, string name = "test.sh") =>
        Assert.Throws<InvalidOperationException>(() => Render(text, values, name)).Message;

    private static ScriptFragment Part(string text, ScriptValues? values = null) =>
        new ScriptTemplate("parts/test-part.sh", text).RenderPart(values ?? ScriptValues.Empty);

    [Fact]
    public void An_unknown_placeholder_fails_naming_the_template_and_the_placeholder()
    {
        var message = Failure("node=@@NODE@@\nversion=@@KUBERNETES_VERSON@@\n", new() { { "NODE", "cp-1" } }, "upgrade.sh");

        Assert.StartsWith("Script template 'upgrade.sh' does not render: ", message, StringComparison.Ordinal);
        Assert.Contains("line 2: @@KUBERNETES_VERSON@@ is an unknown placeholder", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unfilled_placeholder_fails_naming_the_template_and_the_placeholder()
    {
        var message = Failure("node=@@NODE@@\nTARGET=@@KUBERNETES_VERSION@@\n", new() { { "NODE", "cp-1" } }, "upgrade.sh");

        Assert.StartsWith("Script template 'upgrade.sh' does not render: ", message, StringComparison.Ordinal);
        Assert.Contains("line 2: @@KUBERNETES_VERSION@@ has no value", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_the_template_does_not_use_fails_naming_the_template_and_the_placeholder()
    {
        var message = Failure("node=@@NODE@@\n", new() { { "NODE", "cp-1" }, { "KUBERNETES_VERSION", "1.35.1" } }, "uncordon.sh");

        Assert.StartsWith("Script template 'uncordon.sh' does not render: ", message, StringComparison.Ordinal);
        Assert.Contains("@@KUBERNETES_VERSION@@ is given a value, but the template does not use it", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var message = Failure("a=@@NODE@@ @@NO_SUCH@@\n", new() { { "KUBERNETES_VERSION", "1.35.1" } });

        Assert.Contains("@@NODE@@ has no value", message, StringComparison.Ordinal);
        Assert.Contains("@@NO_SUCH@@ is an unknown placeholder", message, StringComparison.Ordinal);
        Assert.Contains("@@KUBERNETES_VERSION@@ is given a value", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node=@@node@@\n")]
    [InlineData("node=@@ NODE @@\n")]
    [InlineData("node=@@NODE\n")]
    [InlineData("echo @@\n")]
    public void Anything_else_written_with_at_signs_is_refused_rather_than_left_in_the_script(string text)
    {
        var message = Failure(text, ScriptValues.Empty);
        Assert.Contains("line 1: ", message, StringComparison.Ordinal);
        Assert.Contains("has @@ that is not a placeholder", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kube_vips_own_single_at_placeholders_are_ordinary_text()
        => Assert.Equal("sed -e \"s|@INTERFACE@|$iface|\"\n", Render("sed -e \"s|@INTERFACE@|$iface|\"\n", ScriptValues.Empty));

    [Fact]
    public void Words_are_written_as_they_are_and_anything_that_would_need_quoting_is_refused()
    {
        Assert.Equal("node=cp-1\nexport KUBECONFIG=/etc/kubernetes/admin.conf\n",
            Render("node=@@NODE@@\nexport KUBECONFIG=@@ADMIN_KUBECONFIG@@\n", new() { { "NODE", "cp-1" }, { "ADMIN_KUBECONFIG", "/etc/kubernetes/admin.conf" } }));

        foreach (var bad in new[] { "cp 1", "$(reboot)", "a;b", "it's", "", "~root", "a\nb" })
        {
            var message = Failure("node=@@NODE@@\n", new() { { "NODE", bad } }, "remove.sh");
            Assert.Contains("Script template 'remove.sh'", message, StringComparison.Ordinal);
            Assert.Contains("@@NODE@@ is written unquoted, so its value must be a plain word", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Quoted_data_is_one_single_quoted_word_whatever_it_holds()
        => Assert.Equal("managed='a,it'\\''s $(x)'\n", Render("managed=@@MANAGED_LABELS@@\n", new() { { "MANAGED_LABELS", "a,it's $(x)" } }));

    [Fact]
    public void Lists_are_separated_by_spaces_and_an_empty_one_takes_its_space_with_it()
    {
        const string text = "kubeadm upgrade node @@SKIP_PHASES@@\nkubectl label node \"$node\" --overwrite @@LABELS@@ >/dev/null\n";
        Assert.Equal("kubeadm upgrade node --skip-phases=addon/kube-proxy\nkubectl label node \"$node\" --overwrite 'a=b' 'c=it'\\''s' >/dev/null\n",
            Render(text, new() { { "SKIP_PHASES", ["--skip-phases=addon/kube-proxy"] }, { "LABELS", ["a=b", "c=it's"] } }));
        Assert.Equal("kubeadm upgrade node\nkubectl label node \"$node\" --overwrite >/dev/null\n",
            Render(text, new() { { "SKIP_PHASES", Array.Empty<string>() }, { "LABELS", Array.Empty<string>() } }));

        Assert.Contains("@@SKIP_PHASES@@ is a list, so it must follow a space",
            Failure("kubeadm upgrade node--@@SKIP_PHASES@@\n", new() { { "SKIP_PHASES", Array.Empty<string>() } }), StringComparison.Ordinal);
        Assert.Contains("each flag must be a plain word (letters, digits and . _ / : = , + -), not '--x; reboot'",
            Failure("kubeadm upgrade node @@SKIP_PHASES@@\n", new() { { "SKIP_PHASES", ["--x; reboot"] } }), StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_text_stands_on_a_comment_line_and_stays_on_it()
    {
        Assert.Equal("# Platform: delete step of 'upgrade': it's $(not) run\n",
            Render("# Platform: delete step of '@@STEP@@': @@REASON@@\n", new() { { "STEP", "upgrade" }, { "REASON", "it's $(not) run" } }));

        Assert.Contains("@@REASON@@ is comment text, so its value must be one line",
            Failure("# @@REASON@@\n", new() { { "REASON", "done\nreboot" } }), StringComparison.Ordinal);
        Assert.Contains("@@REASON@@ is comment text, so it must stand on a comment line",
            Failure("echo @@REASON@@\n", new() { { "REASON", "done" } }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_replaces_its_line_and_an_absent_part_removes_it()
    {
        const string text = "set -euo pipefail\n@@VERSION_GUARD@@\nkubeadm upgrade node\n";
        Assert.Equal("set -euo pipefail\nif true; then\n  echo guarded\nfi\nkubeadm upgrade node\n",
            Render(text, new() { { "VERSION_GUARD", Part("if true; then\n  echo guarded\nfi\n") } }));
        Assert.Equal("set -euo pipefail\nkubeadm upgrade node\n", Render(text, new() { { "VERSION_GUARD", ScriptFragment.None } }));

        Assert.Contains("line 1: @@VERSION_GUARD@@ stands for lines, so it must stand alone on its line",
            Failure("  @@VERSION_GUARD@@\n", new() { { "VERSION_GUARD", ScriptFragment.None } }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_fills_its_own_placeholders_before_it_is_placed()
    {
        var part = Part("write_kube_vip() { echo @@KUBE_VIP_ADDRESS@@; }\n", new() { { "KUBE_VIP_ADDRESS", "10.0.0.10" } });
        Assert.Equal("write_kube_vip() { echo 10.0.0.10; }\n", Render("@@KUBE_VIP_FUNCTION@@\n", new() { { "KUBE_VIP_FUNCTION", part } }));
        Assert.Equal("parts/test-part.sh", part.Template);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_refused()
    {
        Assert.Contains("@@NODE@@ is a word, and is given a list",
            Failure("node=@@NODE@@\n", new() { { "NODE", ["cp-1"] } }), StringComparison.Ordinal);
        Assert.Contains("@@VERSION_GUARD@@ is lines from a part, and is given text",
            Failure("@@VERSION_GUARD@@\n", new() { { "VERSION_GUARD", "exit 0" } }), StringComparison.Ordinal);
        Assert.Contains("@@SKIP_PHASES@@ is a list of flags, and is given lines from a part",
            Failure("kubeadm upgrade node @@SKIP_PHASES@@\n", new() { { "SKIP_PHASES", ScriptFragment.None } }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_is_given_once()
        => Assert.Throws<ArgumentException>(() => new ScriptValues { { "NODE", "a" }, { "NODE", "b" } });

    [Fact]
    public void Values_are_written_once_and_never_read_as_placeholders_themselves()
        => Assert.Equal("# @@NODE@@\n", Render("# @@REASON@@\n", new() { { "REASON", "@@NODE@@" } }));

    [Fact]
    public void Templates_have_lf_line_ends_and_end_with_a_newline()
    {
        Assert.Contains("it has carriage returns", Failure("echo hi\r\n", ScriptValues.Empty), StringComparison.Ordinal);
        Assert.Contains("it does not end with a newline", Failure("echo hi", ScriptValues.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_parts_fill_placeholders_and_a_missing_template_is_named()
    {
        Assert.Contains("is a step, not a part", Assert.Throws<InvalidOperationException>(() => ScriptTemplate.Get("init.sh").RenderPart(ScriptValues.Empty)).Message, StringComparison.Ordinal);
        Assert.Contains("components/Cluster/Scripts/Templates/nope.sh", Assert.Throws<InvalidOperationException>(() => ScriptTemplate.Get("nope.sh")).Message, StringComparison.Ordinal);
    }
}
