namespace Platform.Components.Secrets;

/// <summary>The inputs of <see cref="SopsLayer"/>.</summary>
public sealed record SopsLayerArgs
{
    /// <summary>The SOPS settings (the editors' age recipients). Required.</summary>
    public required SopsOptions Options { get; init; }
}
