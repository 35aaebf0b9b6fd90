using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Platform.Renderer;

/// <summary>The <c>summary.md</c> of a plan: capabilities on and off and why, resources per component, the longest
/// DependsOn chain, each node's steps and the Helm releases.</summary>
public static class Summary
{
    /// <summary>The Markdown text for <paramref name="plan"/>.</summary>
    public static string Render(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"# Plan of stack {plan.Stack.Name}");
        Line($"");
        Line($"From `{Path.GetFileName(plan.Stack.Path)}`, rendered under Pulumi's test engine: nothing deployed, no host contacted.");
        Line($"{plan.Registrations.Count} registrations.");
        Line($"");
        if (plan.Warnings.Count > 0)
        {
            Line($"## Warnings");
            Line($"");
            Line($"What `pulumi up` and `pulumi preview` warn about for this stack:");
            Line($"");
            foreach (var warning in plan.Warnings) Line($"- {warning}");
            Line($"");
        }
        Line($"## Capabilities");
        Line($"");
        Line($"| capability | on | level | reason |");
        Line($"|---|---|---|---|");
        foreach (var (id, value) in plan.Capabilities.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var entry = (ImmutableDictionary<string, object>)value;
            var on = entry.TryGetValue("enabled", out var enabled) && enabled is true ? "on" : "off";
            Line($"| {id} | {on} | {entry.GetValueOrDefault("level")} | {entry.GetValueOrDefault("explanation")} |");
        }
        Line($"");
        Line($"## Resources per component");
        Line($"");
        Line($"| component | type | resources |");
        Line($"|---|---|---|");
        var byName = plan.Registrations.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        string TopLevel(Registration r)
        {
            var current = r;
            while (current.Parent != null && byName.TryGetValue(current.Parent, out var parent) && parent.Type != "pulumi:pulumi:Stack")
                current = parent;
            return current.Name;
        }
        foreach (var group in plan.Registrations.Where(r => r.Type != "pulumi:pulumi:Stack").GroupBy(TopLevel))
            Line($"| {group.Key} | {byName[group.Key].Type} | {group.Count() - 1} |");
        Line($"");
        var chain = DependencyChain.Longest(plan.Registrations);
        Line($"## Longest DependsOn chain: {chain.Count} steps");
        Line($"");
        Line($"The longest chain of explicit DependsOn waits (a wait for a component counts as a wait for everything under it),");
        Line($"first to last: steps that run one after another on `pulumi up`. Waits through a provider or an output (the");
        Line($"Kubernetes provider waits for the first control-plane node, say) come on top of these.");
        Line($"");
        foreach (var name in chain) Line($"1. {name}");
        Line($"");
        Line($"## Node steps");
        Line($"");
        Line($"| node | step | runs on | waits for |");
        Line($"|---|---|---|---|");
        foreach (var command in plan.OfType("command:remote:Command"))
        {
            var (node, step) = PlanWriter.NodeStep(plan, command);
            var host = command.Inputs["connection"]?["host"]?.GetValue<string>();
            Line($"| {node} | {step} | {host} | {string.Join(", ", command.DependsOn)} |");
        }
        Line($"");
        Line($"## Helm releases");
        Line($"");
        Line($"| release | chart | version | namespace |");
        Line($"|---|---|---|---|");
        foreach (var release in plan.OfType("kubernetes:helm.sh/v3:Release"))
            Line($"| {release.Name} | {release.Inputs["chart"]} | {release.Inputs["version"]} | {release.Inputs["namespace"]} |");
        return text.ToString();
    }
}
