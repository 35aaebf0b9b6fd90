using Platform.Stacks.Configuration;
using Xunit;

namespace Platform.Tests.Configuration;

public class KubernetesVersionTests
{
    [Theory]
    [InlineData("1.33.5", 1, 33, 5)]
    [InlineData("v1.30.0", 1, 30, 0)]
    [InlineData(" 1.34.10 ", 1, 34, 10)]
    public void ParsesMajorMinorPatch(string text, int major, int minor, int patch)
    {
        var version = KubernetesVersion.Parse(text);

        Assert.Equal(new KubernetesVersion(major, minor, patch), version);
        Assert.Equal($"{major}.{minor}.{patch}", version.ToString());
        Assert.Equal($"{major}.{minor}", version.MinorVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1.33")]
    [InlineData("1.33.5.1")]
    [InlineData("1.33.x")]
    [InlineData("1.033.5")]
    [InlineData("V1.33.5")]
    [InlineData("vv1.33.5")]
    [InlineData("1.33.5-rc.1")]
    [InlineData("1.33.99999999999")]
    [InlineData("1..5")]
    public void RejectsAnythingElse(string? text)
    {
        Assert.False(KubernetesVersion.TryParse(text, out var version));
        Assert.Null(version);
    }

    [Theory]
    [InlineData(1, 30, true)]
    [InlineData(1, 31, true)]
    [InlineData(1, 32, false)]
    [InlineData(0, 99, true)]
    [InlineData(2, 0, false)]
    public void IsAtLeastComparesMinorReleases(int major, int minor, bool expected)
    {
        Assert.Equal(expected, new KubernetesVersion(1, 31, 4).IsAtLeast(major, minor));
    }

    [Fact]
    public void SupportedMinorsAreTheOnesUpstreamPatchesOnTheFirstOfDecember2026()
    {
        Assert.Equal(["1.35", "1.36", "1.37"], KubernetesVersions.SupportedMinors);
        Assert.Equal(KubernetesVersions.Minors.Select(release => release.Minor), KubernetesVersions.SupportedMinors);
        var day = new DateOnly(2026, 12, 1);
        Assert.All(KubernetesVersions.Minors, release => Assert.True(
            release.GeneralAvailability < day && day < release.EndOfLife, $"{release.Minor} is not patched on {day}"));
    }

    [Fact]
    public void MinorsAreConsecutiveOldestFirstEachWithItsNewestPatch()
    {
        var minors = KubernetesVersions.Minors;
        for (var i = 0; i < minors.Count; i++)
        {
            Assert.Equal(minors[i].Minor, minors[i].NewestPatch.MinorVersion);
            Assert.True(minors[i].GeneralAvailability < minors[i].MaintenanceModeStart && minors[i].MaintenanceModeStart < minors[i].EndOfLife, minors[i].Minor);
            if (i > 0)
            {
                Assert.Equal((minors[i - 1].NewestPatch.Major, minors[i - 1].NewestPatch.Minor + 1), (minors[i].NewestPatch.Major, minors[i].NewestPatch.Minor));
                Assert.True(minors[i - 1].EndOfLife < minors[i].EndOfLife, minors[i].Minor);
            }
        }
        Assert.Equal(["1.35.9", "1.36.5", "1.37.1"], minors.Select(release => release.NewestPatch.ToString()));
    }

    [Fact]
    public void EachMinorNamesItsPauseImageAndWhetherItNeedsContainerd2()
    {
        Assert.Equal(
            [
                ("1.35", "registry.k8s.io/pause:3.10.1", false),
                ("1.36", "registry.k8s.io/pause:3.10.2", true),
                ("1.37", "registry.k8s.io/pause:3.10.2", true),
            ],
            KubernetesVersions.Minors.Select(release => (release.Minor, release.PauseImage, release.RequiresContainerd2)));
        // Where containerd's matrix has a row, it lists a 1.x line exactly when the minor still supports containerd 1.x.
        Assert.All(KubernetesVersions.Minors.Where(release => release.ContainerdReleases.Count > 0), release => Assert.Equal(
            !release.RequiresContainerd2, release.ContainerdReleases.Any(v => v.StartsWith("1.", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData(1, 34, 11, false)]
    [InlineData(1, 35, 0, true)]
    [InlineData(1, 36, 99, true)]
    [InlineData(1, 37, 1, true)]
    [InlineData(1, 38, 0, false)]
    [InlineData(2, 36, 5, false)]
    public void OnlySupportedMinorsAreSupported(int major, int minor, int patch, bool expected)
    {
        var version = new KubernetesVersion(major, minor, patch);

        Assert.Equal(expected, KubernetesVersions.IsSupported(version));
        Assert.Equal(expected ? version.MinorVersion : null, KubernetesVersions.Find(version)?.Minor);
    }

    [Fact]
    public void TheExampleVersionIsTheNewestPatchOf136()
    {
        Assert.Equal(new KubernetesVersion(1, 36, 5), KubernetesVersions.ExampleVersion);
        Assert.True(KubernetesVersions.IsSupported(KubernetesVersions.ExampleVersion));
    }
}
