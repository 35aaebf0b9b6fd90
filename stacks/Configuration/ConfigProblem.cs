namespace Platform.Stacks.Configuration;

/// <summary>One thing wrong with the <c>platform:</c> configuration.</summary>
/// <param name="Key">The full configuration key, in <c>pulumi config --path</c> notation, e.g. <c>platform:nodes[2].address</c>.</param>
/// <param name="Message">What is wrong and how to fix it, e.g. <c>'2' is an even number of control-plane nodes. Use 1, 3 or 5.</c></param>
public sealed record ConfigProblem(string Key, string Message)
{
    /// <summary>The problem as one line: <c>platform:&lt;key&gt;: &lt;message&gt;</c>.</summary>
    /// <returns>The key and the message.</returns>
    public override string ToString() => $"{Key}: {Message}";
}
