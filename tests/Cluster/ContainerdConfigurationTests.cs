using Platform.Components.Cluster;
using Platform.Stacks.Configuration;
using Tomlyn;
using Tomlyn.Model;

namespace Platform.Tests.Cluster;

/// <summary>The containerd configuration every node gets parses as TOML and holds exactly the settings containerd's CRI
/// plugin reads for the sandbox image and the cgroup driver, in the plugin tables of its configuration version
/// (containerd docs/cri/config.md: version 3 for containerd 2, version 2 for containerd 1.x).</summary>
public class ContainerdConfigurationTests
{
    public static TheoryData<string> Minors() => new(KubernetesVersions.SupportedMinors);

    [Theory]
    [MemberData(nameof(Minors))]
    public void Containerd_2_gets_version_3_with_the_minors_pause_image_and_the_systemd_cgroup_driver(string minor)
    {
        var runtime = KubernetesVersions.ContainerRuntimeFor(KubernetesVersions.Minors.Single(m => m.Minor == minor).NewestPatch);

        var settings = Settings(ContainerdConfiguration.Render(ContainerdConfiguration.Containerd2Version, runtime.SandboxImage));

        Assert.Equal(new Dictionary<string, object>
        {
            ["version"] = 3L,
            ["oom_score"] = -999L,
            ["plugins/io.containerd.cri.v1.images/pinned_images/sandbox"] = runtime.SandboxImage,
            ["plugins/io.containerd.cri.v1.runtime/containerd/runtimes/runc/runtime_type"] = "io.containerd.runc.v2",
            ["plugins/io.containerd.cri.v1.runtime/containerd/runtimes/runc/options/SystemdCgroup"] = true,
        }, settings);
    }

    [Fact]
    public void Containerd_1_7_gets_version_2_with_its_single_cri_plugin()
    {
        var settings = Settings(ContainerdConfiguration.Render(ContainerdConfiguration.Containerd1Version, "registry.k8s.io/pause:3.10.1"));

        Assert.Equal(new Dictionary<string, object>
        {
            ["version"] = 2L,
            ["oom_score"] = -999L,
            ["plugins/io.containerd.grpc.v1.cri/enable_unprivileged_ports"] = true,
            ["plugins/io.containerd.grpc.v1.cri/enable_unprivileged_icmp"] = true,
            ["plugins/io.containerd.grpc.v1.cri/sandbox_image"] = "registry.k8s.io/pause:3.10.1",
            ["plugins/io.containerd.grpc.v1.cri/containerd/runtimes/runc/runtime_type"] = "io.containerd.runc.v2",
            ["plugins/io.containerd.grpc.v1.cri/containerd/runtimes/runc/options/SystemdCgroup"] = true,
        }, settings);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void An_unknown_configuration_version_is_refused(int version) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ContainerdConfiguration.Render(version, "registry.k8s.io/pause:3.10.2"));

    [Theory]
    [InlineData("registry.k8s.io/pause:3.10.2\"\nversion = 9")]
    [InlineData("registry.k8s.io/pause 3.10")]
    [InlineData("")]
    public void A_sandbox_image_that_is_not_an_image_reference_is_refused(string image) =>
        Assert.ThrowsAny<ArgumentException>(() => ContainerdConfiguration.Render(ContainerdConfiguration.Containerd2Version, image));

    [Fact]
    public void Each_supported_minor_needs_containerd_2_or_lists_the_1_7_patch_it_supports()
    {
        foreach (var release in KubernetesVersions.Minors)
        {
            var runtime = KubernetesVersions.ContainerRuntimeFor(release.NewestPatch);
            Assert.Equal(release.PauseImage, runtime.SandboxImage);
            Assert.NotEmpty(runtime.SupportedContainerd);
            Assert.Equal(release.RequiresContainerd2, runtime.SupportedContainerd.All(v => !v.StartsWith("1.", StringComparison.Ordinal)));
        }
    }

    /// <summary>Every setting of <paramref name="toml"/>, by its table path.</summary>
    private static Dictionary<string, object> Settings(string toml)
    {
        var settings = new Dictionary<string, object>(StringComparer.Ordinal);
        Flatten(TomlSerializer.Deserialize<TomlTable>(toml)!, "", settings);
        return settings;
    }

    private static void Flatten(TomlTable table, string prefix, Dictionary<string, object> settings)
    {
        foreach (var (key, value) in table)
        {
            if (value is TomlTable child) Flatten(child, prefix + key + "/", settings);
            else settings.Add(prefix + key, value);
        }
    }
}
