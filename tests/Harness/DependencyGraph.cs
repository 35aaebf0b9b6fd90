using Pulumi;
using Pulumi.Utilities;

namespace Platform.Tests.Harness;

/// <summary>The explicit DependsOn edges of a run, by resource name, and what each resource waits for in all.</summary>
public sealed class DependencyGraph
{
    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> _direct;

    private DependencyGraph(IReadOnlyDictionary<string, IReadOnlySet<string>> direct) => _direct = direct;

    /// <summary>Reads every resource's DependsOn option.</summary>
    public static async Task<DependencyGraph> OfAsync(StackRun run)
    {
        var direct = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var (name, options) in run.Options)
        {
            var dependencies = await OutputUtilities.GetValueAsync(options.DependsOn.ToOutput());
            direct[name] = (dependencies.IsDefault ? [] : dependencies.Select(r => r.GetResourceName())).ToHashSet();
        }
        return new DependencyGraph(direct);
    }

    /// <summary>The resources <paramref name="name"/> names in its DependsOn.</summary>
    public IReadOnlySet<string> Direct(string name) => _direct.TryGetValue(name, out var set) ? set : new HashSet<string>();

    /// <summary>Everything <paramref name="name"/> waits for, directly or through what it waits for.</summary>
    public IReadOnlySet<string> Transitive(string name)
    {
        var seen = new HashSet<string>();
        var pending = new System.Collections.Generic.Stack<string>(Direct(name));
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next)) continue;
            foreach (var dependency in Direct(next)) pending.Push(dependency);
        }
        return seen;
    }

    /// <summary>The longest chain of explicit DependsOn waits, counted in resources: the steps that run one after another.</summary>
    public int LongestChain()
    {
        var memo = new Dictionary<string, int>();
        int Depth(string name)
        {
            if (memo.TryGetValue(name, out var known)) return known;
            memo[name] = 0;
            var depth = 1 + Direct(name).Select(Depth).DefaultIfEmpty(0).Max();
            memo[name] = depth;
            return depth;
        }
        return _direct.Keys.Select(Depth).DefaultIfEmpty(0).Max();
    }
}
