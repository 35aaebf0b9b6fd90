using System.Collections.Immutable;
using Pulumi;
using Pulumi.Random;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace OfflineSdk.Tests;

public class OutputTests
{
    [Fact]
    public async Task Secrets_flow_through_Apply_All_Tuple_and_Format()
    {
        var secret = Output.CreateSecret("s3cr3t");
        var plain = Output.Create(7);
        Assert.True(await Output.IsSecretAsync(secret.Apply(s => s.Length)));
        Assert.True(await Output.IsSecretAsync(Output.All(secret, Output.Create("x"))));
        Assert.True(await Output.IsSecretAsync(Output.Tuple(secret, plain)));
        var formatted = Output.Format($"{plain}:{secret}");
        Assert.True(await Output.IsSecretAsync(formatted));
        Assert.Equal("7:s3cr3t", await OutputUtilities.GetValueAsync(formatted));
        Assert.False(await Output.IsSecretAsync(Output.Unsecret(secret)));
        Assert.False(await Output.IsSecretAsync(plain.Apply(p => p + 1)));
        Assert.True(await Output.IsSecretAsync(plain.Apply(p => Output.CreateSecret(p))));
    }

    [Fact]
    public async Task Unknown_values_never_reach_apply_and_make_combinations_unknown()
    {
        var unknown = OutputUtilities.CreateUnknown("hidden");
        var called = false;
        var applied = unknown.Apply(v => { called = true; return v.Length; });
        Assert.False(await OutputUtilities.GetIsKnownAsync(applied));
        Assert.False(called);
        Assert.False(await OutputUtilities.GetIsKnownAsync(Output.Tuple(unknown, Output.Create(1))));
        Assert.False(await OutputUtilities.GetIsKnownAsync(Output.Format($"a{unknown}")));
    }

    [Fact]
    public async Task Input_collections_combine_plain_values_and_outputs()
    {
        var list = new InputList<string> { "a", Output.Create("b") };
        list.Add(new InputList<string> { "c" });
        Assert.Equal(new[] { "a", "b", "c" }, await OutputUtilities.GetValueAsync(list.ToOutput()));
        var map = new InputMap<string> { { "k", "v" }, { "s", Output.CreateSecret("x") } };
        map["k"] = "w";
        var value = await OutputUtilities.GetValueAsync(map.ToOutput());
        Assert.Equal("w", value["k"]);
        Assert.True(await Output.IsSecretAsync(map.ToOutput()));
        var merged = InputMap<string>.Merge(map, new InputMap<string> { { "n", "1" } });
        Assert.Equal(3, (await OutputUtilities.GetValueAsync(merged.ToOutput())).Count);
    }

    [Fact]
    public async Task Outputs_of_a_resource_depend_on_it_and_combinations_on_all()
    {
        Output<(string, string)>? both = null;
        RandomString? a = null, b = null;
        await Deployment.TestAsync(new RecordingMocks { Extra = r => new Dictionary<string, object> { ["result"] = "r-" + r.Name } },
            new TestOptions { IsPreview = false }, () =>
            {
                a = new RandomString("a", new RandomStringArgs { Length = 1 });
                b = new RandomString("b", new RandomStringArgs { Length = 1 });
                both = Output.Tuple(a.Result, b.Result);
            });
        Assert.Equal(new Resource[] { a! }, (await OutputUtilities.GetDependenciesAsync(a!.Result)).ToArray());
        Assert.Equal(ImmutableHashSet.Create<Resource>(a!, b!), await OutputUtilities.GetDependenciesAsync(both!));
        Assert.Equal(("r-a", "r-b"), await OutputUtilities.GetValueAsync(both!));
    }
}
