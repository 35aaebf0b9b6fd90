using Pulumi;
using Pulumi.Utilities;

namespace Platform.Tests.Harness;

/// <summary>Reading outputs in tests.</summary>
public static class Outputs
{
    /// <summary>The output's value.</summary>
    public static Task<T> ValueAsync<T>(Output<T> output) => OutputUtilities.GetValueAsync(output);

    /// <summary>Whether the output is a secret.</summary>
    public static Task<bool> IsSecretAsync<T>(Output<T> output) => Output.IsSecretAsync(output);

    /// <summary>Whether the output is known.</summary>
    public static Task<bool> IsKnownAsync<T>(Output<T> output) => OutputUtilities.GetIsKnownAsync(output);

    /// <summary>The value of an output that must be a secret; fails the test when it is not.</summary>
    public static async Task<T> SecretValueAsync<T>(Output<T> output)
    {
        Assert.True(await Output.IsSecretAsync(output), "expected a secret output");
        return await OutputUtilities.GetValueAsync(output);
    }
}
