using System.Collections.Immutable;
using Pulumi;
using Pulumi.Command.Local;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Helm.V3;
using Pulumi.Random;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace OfflineSdk.Tests;

public class OutputPropertyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Outputs_come_from_the_mock_state_and_ids_are_unknown_when_empty(bool preview)
    {
        Release? release = null;
        RandomPassword? password = null;
        Command? local = null;
        var mocks = new RecordingMocks
        {
            Extra = r => r.Type switch
            {
                "kubernetes:helm.sh/v3:Release" => new Dictionary<string, object>
                {
                    ["status"] = new Dictionary<string, object> { ["status"] = "deployed", ["revision"] = 3 },
                },
                "random:index/randomPassword:RandomPassword" => new Dictionary<string, object> { ["result"] = "pw" },
                _ => new Dictionary<string, object>(),
            },
            Id = r => r.Type == "random:index/randomPassword:RandomPassword" ? "pw-id" : null,
        };
        await Deployment.TestAsync(mocks, new TestOptions { IsPreview = preview }, () =>
        {
            release = new Release("rel", new ReleaseArgs { Chart = "c" });
            password = new RandomPassword("pw", new RandomPasswordArgs { Length = 8 });
            local = new Command("local", new CommandArgs { Create = "echo" });
        });
        var status = await OutputUtilities.GetValueAsync(release!.Status);
        Assert.Equal("deployed", status.Status);
        Assert.Equal(3, status.Revision);
        Assert.Equal("c", await OutputUtilities.GetValueAsync(release.Chart));
        Assert.Equal("pw", await OutputUtilities.GetValueAsync(password!.Result));
        Assert.False(await Output.IsSecretAsync(password.Result));
        Assert.False(await OutputUtilities.GetIsKnownAsync(release.Id));
        Assert.Equal("pw-id", await OutputUtilities.GetValueAsync(password.Id));
        // An output the mocks did not return: unknown in preview, known (null) otherwise.
        Assert.Equal(!preview, await OutputUtilities.GetIsKnownAsync(local!.Stdout));
        Assert.Null(await OutputUtilities.GetValueAsync(local.Stdout));
    }

    [Fact]
    public async Task Preview_is_the_default()
    {
        bool? dryRun = null;
        await Deployment.TestAsync(new RecordingMocks(), new TestOptions(), () => { dryRun = Deployment.Instance.IsDryRun; });
        Assert.True(dryRun);
    }
}
