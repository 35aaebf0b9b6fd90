using Platform.Components.Storage;
using Platform.Stacks.Capabilities;
using Platform.Stacks.Configuration;

namespace Platform.Stacks.Composition;

/// <summary>The one place that tells every layer which StorageClass its volumes use
/// (<see cref="PlatformContext.Storage"/>): decided once from the storage capability and <c>platform:storage</c>. A
/// layer that claims volumes reads <see cref="ClassName"/> from here and never names a class itself; its
/// <see cref="StatefulClaim"/> is checked against it with the rest of the configuration (<see cref="Problem"/>), so a
/// stateful layer without storage stops the run before anything is registered.</summary>
public sealed record PlatformStorage
{
    /// <summary>Whether the storage capability is on.</summary>
    public required bool CapabilityOn { get; init; }

    /// <summary>The provider configured in <c>platform:storage</c>.</summary>
    public required StorageProvider Provider { get; init; }

    /// <summary>The StorageClass every layer's volumes use, or null when there is no storage (the capability is off,
    /// or the provider is none).</summary>
    public string? ClassName { get; init; }

    /// <summary>Whether volumes wait for the storage layer's release (Rook-Ceph: the CephCluster and its classes);
    /// false when the class already exists or there is none.</summary>
    public bool DeployedByThePlatform => CapabilityOn && Provider == StorageProvider.RookCeph;

    /// <summary>The storage of a stack: <paramref name="settings"/>' <c>platform:storage</c> when the storage capability
    /// is on in <paramref name="decisions"/>, none otherwise.</summary>
    public static PlatformStorage From(PlatformSettings settings, IReadOnlyList<CapabilityDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(decisions);
        var on = decisions.Any(d => d.Id == CapabilityIds.Storage && d.Enabled);
        var provider = settings.Storage.Provider;
        return new PlatformStorage
        {
            CapabilityOn = on,
            Provider = provider,
            ClassName = !on ? null : provider switch
            {
                StorageProvider.RookCeph => RookCephValues.BlockClass,
                StorageProvider.Existing => settings.Storage.ClassName,
                _ => null,
            },
        };
    }

    /// <summary>Why <paramref name="claim"/> cannot get its volumes, naming the layer's key and the storage keys with
    /// the fixes; null when it can (there is a class, or the layer is ephemeral).</summary>
    public string? Problem(StatefulClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Ephemeral || ClassName is not null) return null;
        var layer = PlatformConfigKeys.Prefix + claim.ConfigKey;
        var storage = PlatformConfigKeys.Storage.FullName;
        var why = CapabilityOn
            ? $"{storage} has provider none"
            : $"the storage capability is off (switch it on with `pulumi config set {PlatformConfigKeys.StatefulWorkloads.FullName} true` " +
              $"or `pulumi config set --path {PlatformConfigKeys.Prefix}{ConfigSyntax.PathSegment(PlatformConfigKeys.Capabilities.Name, CapabilityIds.Storage)} true`)";
        var fix = claim.Fix ?? $"or set the layer ephemeral (`pulumi config set --path {layer}.ephemeral true`: its data is lost whenever its pods move)";
        return $"{claim.CapabilityId} keeps its data in persistent volumes, but {why}, so no StorageClass can provide them. " +
            $"Give the platform storage in {storage} (provider rook-ceph, or existing with className), {fix}.";
    }
}
