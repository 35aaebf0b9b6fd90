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
    public void DefaultIsPinnedAndSupported()
    {
        Assert.Equal("1.33.5", KubernetesVersions.Default);
        Assert.Equal(["1.30", "1.31", "1.32", "1.33", "1.34"], KubernetesVersions.SupportedMinors);
        Assert.True(KubernetesVersions.IsSupported(KubernetesVersions.DefaultVersion));
        Assert.False(KubernetesVersions.IsSupported(new KubernetesVersion(1, 29, 9)));
        Assert.False(KubernetesVersions.IsSupported(new KubernetesVersion(1, 35, 0)));
    }
}
