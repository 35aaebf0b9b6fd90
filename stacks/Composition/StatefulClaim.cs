namespace Platform.Stacks.Composition;

/// <summary>A layer that keeps data in volumes, as <see cref="PlatformStorage"/> checks it: which capability it belongs
/// to, the configuration key that configures it, and whether it has been set to run without persistent volumes.</summary>
/// <param name="CapabilityId">The capability of the layer, e.g. <c>logging</c>.</param>
/// <param name="ConfigKey">The layer's configuration key without the namespace, e.g. <c>logging</c> (its
/// <c>ephemeral</c> switch lives there).</param>
/// <param name="Ephemeral">Whether the layer is explicitly set to keep its data in <c>emptyDir</c> volumes, lost when its
/// pods move: then it needs no StorageClass.</param>
/// <param name="Fix">The way to run the layer without volumes, for a layer that has no <c>ephemeral</c> switch (e.g.
/// <c>or run without Harbor (...)</c>); null (the default) for the layer's <c>ephemeral</c> switch.</param>
public sealed record StatefulClaim(string CapabilityId, string ConfigKey, bool Ephemeral, string? Fix = null);
