namespace Platform.Components.Networking.Ingress;

/// <summary>Builders for Helm values trees: ordinal string keys in insertion order, no nulls.</summary>
internal static class ValuesTree
{
    /// <summary>A map holding <paramref name="entries"/> in the given order.</summary>
    public static Dictionary<string, object> Map(params (string Key, object Value)[] entries)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
            map.Add(key, value);
        return map;
    }

    /// <summary>CPU and memory requests only: no CPU limit (throttling hurts proxies) and no memory limit that a
    /// traffic spike would turn into an OOM kill.</summary>
    public static Dictionary<string, object> Requests(string cpu, string memory) =>
        Map(("requests", Map(("cpu", cpu), ("memory", memory))));
}
