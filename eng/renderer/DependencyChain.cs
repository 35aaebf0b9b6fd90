namespace Platform.Renderer;

/// <summary>The longest chain of DependsOn waits in a plan: the steps that must run one after another. Waiting for a
/// component means waiting for everything under it.</summary>
public static class DependencyChain
{
    /// <summary>The resource names of the longest chain, first to last.</summary>
    public static IReadOnlyList<string> Longest(IReadOnlyList<Registration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        var children = registrations.Where(r => r.Parent != null).ToLookup(r => r.Parent!, r => r.Name);
        var components = registrations.Where(r => children.Contains(r.Name)).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var waits = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var r in registrations)
            waits[r.Name] = r.DependsOn.SelectMany(d => components.Contains(d) ? Descendants(d, children) : [d]).Distinct().ToList();

        var memo = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string> ChainTo(string name, HashSet<string> visiting)
        {
            if (memo.TryGetValue(name, out var known)) return known;
            if (!visiting.Add(name)) throw new InvalidOperationException($"DependsOn cycle through {name}.");
            var best = new List<string>();
            foreach (var before in waits.GetValueOrDefault(name, []))
            {
                var chain = ChainTo(before, visiting);
                if (chain.Count > best.Count) best = chain;
            }
            visiting.Remove(name);
            return memo[name] = [.. best, name];
        }

        var longest = new List<string>();
        foreach (var r in registrations.Where(r => !components.Contains(r.Name)))
        {
            var chain = ChainTo(r.Name, new HashSet<string>(StringComparer.Ordinal));
            if (chain.Count > longest.Count) longest = chain;
        }
        return longest;
    }

    private static IEnumerable<string> Descendants(string component, ILookup<string, string> children)
    {
        foreach (var child in children[component])
        {
            // A PlatformNamespace's Namespace has its component's name: that child is a resource, not the component again.
            if (child != component && children.Contains(child))
                foreach (var below in Descendants(child, children)) yield return below;
            else
                yield return child;
        }
    }
}
