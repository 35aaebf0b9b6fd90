using Platform.Components.Cluster;
using Platform.Components.Cluster.Scripts;
using Platform.Components.Security.Audits;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>The node preparation's BTF check (parts/kernel-btf-check.sh) run on a FakeHost: a kernel older than 5.8 or
/// without <c>/sys/kernel/btf/vmlinux</c> gets a warning that names the label keeping Falco off the node; a supported one
/// gets nothing; the check changes nothing on the host either way.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KernelBtfCheckRunTests : IDisposable
{
    private const string Btf = "/sys/kernel/btf/vmlinux";
    private readonly FakeHost _host = new();

    public void Dispose() => _host.Dispose();

    /// <summary>The check as the prepare step of <paramref name="os"/> renders it.</summary>
    private static string Check(NodeOperatingSystem os)
    {
        var script = NodeScripts.Prepare(os, "1.36.2", TestRuntime.Current);
        var start = script.IndexOf("# Falco (the security audits capability)", StringComparison.Ordinal);
        var end = script.IndexOf("CONFIG_DEBUG_INFO_BTF=y.\" >&2\nfi\n", start, StringComparison.Ordinal) + "CONFIG_DEBUG_INFO_BTF=y.\" >&2\nfi\n".Length;
        return "#!/usr/bin/env bash\nset -euo pipefail\n" + script[start..end];
    }

    [Theory]
    [InlineData(NodeOperatingSystem.Ubuntu2204, "5.15.0-125-generic", true, false)]
    [InlineData(NodeOperatingSystem.Ubuntu2404, "6.8.0-45-generic", true, false)]
    [InlineData(NodeOperatingSystem.Flatcar, "6.6.60-flatcar", true, false)]
    [InlineData(NodeOperatingSystem.Ubuntu2404, "5.8.0", true, false)]
    [InlineData(NodeOperatingSystem.Ubuntu2404, "5.7.19", true, true)]
    [InlineData(NodeOperatingSystem.Ubuntu2404, "4.19.0-27-amd64", true, true)]
    [InlineData(NodeOperatingSystem.Ubuntu2404, "6.8.0-45-generic", false, true)]
    [InlineData(NodeOperatingSystem.Flatcar, "6.6.60-flatcar", false, true)]
    public void A_kernel_falco_cannot_trace_gets_a_warning_naming_the_label(NodeOperatingSystem os, string release, bool btf, bool warned)
    {
        _host.Fake("uname", $"""[ "$*" = -r ] && echo {release}""");
        if (!btf) File.Delete(_host.PathOf(Btf));
        var before = _host.Snapshot();

        var run = _host.Run(Check(os));

        Assert.True(run.ExitCode == 0, run.ToString());
        if (warned)
        {
            Assert.Contains($"warning: kernel {release} has no BTF ({Btf}) or is older than 5.8", run.Errors, StringComparison.Ordinal);
            Assert.Contains($"label {FalcoValues.NoBtfLabel}: \"false\" in platform:nodes", run.Errors, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("", run.Errors);
        }
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void The_prepare_step_checks_the_kernel_once_before_it_installs_anything()
    {
        var script = NodeScripts.Prepare(NodeOperatingSystem.Ubuntu2404, "1.36.2", TestRuntime.Current);

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(script, "kernel_supports_falco \"\\$kernel_release\""));
        Assert.True(script.IndexOf("kernel_supports_falco", StringComparison.Ordinal) < script.IndexOf("apt_get update", StringComparison.Ordinal),
            "the check runs before anything is installed");
    }
}
