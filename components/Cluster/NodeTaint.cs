namespace Platform.Components.Cluster;

/// <summary>A taint registered on a node when it joins the cluster.</summary>
public sealed record NodeTaint
{
    /// <summary>The taint key, with the syntax of a Kubernetes label key (optional DNS prefix and '/', then a name),
    /// e.g. <c>dedicated</c> or <c>example.com/gpu</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The taint value, or null (the default) for a taint without a value.</summary>
    public string? Value { get; init; }

    /// <summary>What the taint does to pods that do not tolerate it.</summary>
    public required TaintEffect Effect { get; init; }

    /// <summary>The taint in kubectl notation: <c>key=value:Effect</c>, or <c>key:Effect</c> without a value.</summary>
    /// <returns>The taint as kubectl writes it.</returns>
    public override string ToString() => Value is null ? $"{Key}:{Effect}" : $"{Key}={Value}:{Effect}";
}
