namespace Platform.Stacks.Configuration;

/// <summary>Where raw `platform:` configuration values come from (Pulumi config in a program, a dictionary in tests).</summary>
public interface IPlatformConfigSource
{
    /// <summary>The raw string value of `platform:{key}`, or null when unset. Structured values (lists, maps) arrive as JSON text.</summary>
    /// <param name="key">The bare key, without the <c>platform:</c> namespace, e.g. <c>tier</c>.</param>
    /// <returns>The raw value, or null when the key is not set.</returns>
    string? Get(string key);

    /// <summary>Whether `platform:{key}` is set at all (used for secrets, whose value is never read here).</summary>
    /// <param name="key">The bare key, without the <c>platform:</c> namespace, e.g. <c>sshPrivateKey</c>.</param>
    /// <returns>True when the key has a value.</returns>
    bool IsSet(string key);
}
