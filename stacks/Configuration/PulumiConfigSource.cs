using Pulumi;

namespace Platform.Stacks.Configuration;

/// <summary>Reads raw <c>platform:</c> values from the stack's Pulumi configuration.</summary>
public sealed class PulumiConfigSource : IPlatformConfigSource
{
    private readonly Config _config;

    /// <summary>Reads the <c>platform</c> namespace of the running deployment's configuration.</summary>
    public PulumiConfigSource(Config? config = null) => _config = config ?? new Config(PlatformConfigKeys.Namespace);

    /// <inheritdoc />
    public string? Get(string key) => _config.Get(key);

    /// <inheritdoc />
    /// <remarks>Secrets are only checked for presence here, through GetSecret, so their values never leave Pulumi's secret outputs.</remarks>
    public bool IsSet(string key) => _config.GetSecret(key) is not null;
}
