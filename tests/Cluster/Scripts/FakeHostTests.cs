using System.Runtime.Versioning;

namespace Platform.Tests.Cluster.Scripts;

/// <summary>The harness itself: a script that ends without reading its standard input (one that refuses early) is a
/// run like any other, not a broken pipe in the test.</summary>
[UnsupportedOSPlatform("windows")]
public class FakeHostTests
{
    [Fact]
    public void A_script_that_ends_before_reading_its_input_gives_its_exit_code()
    {
        using var host = new FakeHost();
        // More than a pipe holds (64 KiB on Linux), so the write meets the closed pipe whatever the timing.
        var run = host.Run("echo refused >&2\nexit 3\n", new string('k', 1 << 20));
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("refused\n", run.Errors);
    }
}
