using System.Text.Json;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace OfflineSdk.Tests;

public class ConfigTests
{
    private static readonly TestOptions Run = new() { IsPreview = false, ProjectName = "proj", StackName = "dev" };

    [Fact]
    public async Task Values_come_from_PULUMI_CONFIG_and_secrets_stay_secret()
    {
        using var env = new ConfigEnvironment(new Dictionary<string, string>
        {
            ["proj:name"] = "demo", ["proj:count"] = "3", ["proj:on"] = "true", ["platform:key"] = "k3y",
            ["proj:obj"] = "{\"a\":[1,2]}", ["proj:config:legacy"] = "old-style",
        }, "platform:key");
        string? name = null, missing = "x", legacy = null;
        int? count = null;
        bool? on = null;
        JsonElement obj = default;
        Output<string>? secret = null;
        await Deployment.TestAsync(new RecordingMocks(), Run, () =>
        {
            var c = new Config();
            name = c.Require("name");
            missing = c.Get("missing");
            count = c.GetInt32("count");
            on = c.GetBoolean("on");
            obj = c.RequireObject<JsonElement>("obj");
            legacy = c.Get("legacy");
            secret = new Config("platform").RequireSecret("key");
        });
        Assert.Equal("demo", name);
        Assert.Null(missing);
        Assert.Equal(3, count);
        Assert.True(on);
        Assert.Equal(2, obj.GetProperty("a").GetArrayLength());
        Assert.Equal("old-style", legacy);
        Assert.True(await Output.IsSecretAsync(secret!));
        Assert.Equal("k3y", await OutputUtilities.GetValueAsync(secret!));
    }

    [Fact]
    public async Task A_missing_required_key_says_how_to_set_it()
    {
        using var env = new ConfigEnvironment(new Dictionary<string, string>());
        var e = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(new RecordingMocks(), Run, () => new Config("platform").RequireSecret("sshKey")));
        Assert.Equal("Missing Required configuration variable 'platform:sshKey'\n\tplease set a value using the command `pulumi config set --secret platform:sshKey <value>`", e.Message);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named()
    {
        using var env = new ConfigEnvironment(new Dictionary<string, string> { ["proj:count"] = "three" });
        var e = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(new RecordingMocks(), Run, () => new Config().GetInt32("count")));
        Assert.Equal("Configuration 'proj:count' value 'three' is not a valid Int32", e.Message);
    }

    [Fact]
    public async Task GetSecret_of_an_unset_key_is_null()
    {
        using var env = new ConfigEnvironment(new Dictionary<string, string>());
        Output<string>? secret = Output.Create("not null");
        await Deployment.TestAsync(new RecordingMocks(), Run, () => { secret = new Config("platform").GetSecret("absent"); });
        Assert.Null(secret);
    }
}
