using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Components.Networking.Ingress;

/// <summary>The ingress controllers of a cluster: several may run side by side, each with its own IngressClass, and
/// exactly one class is the cluster default.</summary>
public sealed partial record IngressOptions
{
    /// <summary>The most replicas a controller may ask for.</summary>
    public const int MaxReplicas = 10;

    /// <summary>The controllers to install. Default: one Traefik controller (class <c>traefik</c>, the default class,
    /// 2 replicas, behind a LoadBalancer Service).</summary>
    public IReadOnlyList<IngressControllerSpec> Controllers { get; init; } =
        [new IngressControllerSpec { Kind = IngressControllerKind.Traefik, Default = true }];

    /// <summary>Every problem with these options, each naming the controller (<c>controllers[i]</c>) and what is wrong;
    /// empty when they are valid.</summary>
    /// <remarks>Only one controller per kind is allowed: a second release of the same chart would fight the first over
    /// cluster-scoped objects (ClusterRoles, CRDs, admission webhooks, the IngressClass controller value each
    /// controller watches for) and over the kind's fixed namespace.</remarks>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Controllers.Count == 0)
        {
            problems.Add("ingress: at least one controller is required (the default is traefik)");
            return problems;
        }

        for (var i = 0; i < Controllers.Count; i++)
        {
            var spec = Controllers[i];
            problems.AddRange(SpecProblems(i, spec));
        }

        var defaults = Controllers.Select((spec, i) => (spec, i)).Where(x => x.spec.Default).ToList();
        if (defaults.Count == 0)
            problems.Add("ingress: exactly one controller must be the default IngressClass, none is marked; set default on one of: " + string.Join(", ", Controllers.Select(Label)));
        else if (defaults.Count > 1)
            problems.Add("ingress: exactly one controller must be the default IngressClass, several are marked: " + string.Join(", ", defaults.Select(x => Label(x.spec, x.i))));

        foreach (var group in Controllers.Select((spec, i) => (spec, i)).GroupBy(x => x.spec.Kind).Where(g => g.Count() > 1))
            problems.Add($"ingress: only one {IngressControllerCharts.DisplayName(group.Key)} controller is allowed (two releases of one chart would share its namespace and cluster-wide objects), found {string.Join(", ", group.Select(x => Label(x.spec, x.i)))}");

        foreach (var group in Controllers.Select((spec, i) => (spec, i)).Where(x => Enum.IsDefined(x.spec.Kind))
                     .GroupBy(x => x.spec.EffectiveClassName, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"ingress: class name '{group.Key}' is used by more than one controller: {string.Join(", ", group.Select(x => Label(x.spec, x.i)))}");

        return problems;
    }

    /// <summary>The problems of one controller on its own: kind, class name, replicas and exposure.</summary>
    internal static IEnumerable<string> SpecProblems(int index, IngressControllerSpec spec)
    {
        var where = Label(index, spec);
        if (!Enum.IsDefined(spec.Kind))
        {
            yield return $"{where}: unknown controller kind {(int)spec.Kind}";
            yield break;
        }

        if (spec.ClassName is not null && !Dns1123Label().IsMatch(spec.ClassName))
            yield return $"{where}: class name '{spec.ClassName}' is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)";
        if (spec.Replicas is < 1 or > MaxReplicas)
            yield return $"{where}: replicas must be 1 to {MaxReplicas.ToString(CultureInfo.InvariantCulture)}, not {spec.Replicas.ToString(CultureInfo.InvariantCulture)}";
        if (!Enum.IsDefined(spec.Exposure))
            yield return $"{where}: unknown exposure {(int)spec.Exposure}";
    }

    /// <summary>Warnings about valid but discouraged choices; empty when there are none. Choosing ingress-nginx always
    /// warns, since it is retired upstream.</summary>
    public IReadOnlyList<string> Warnings() =>
        Controllers.Any(spec => spec.Kind == IngressControllerKind.IngressNginx)
            ? [IngressNginxRetiredWarning]
            : [];

    /// <summary>The warning every selection of ingress-nginx produces.</summary>
    public const string IngressNginxRetiredWarning =
        "ingress-nginx is retired upstream (best-effort maintenance ended March 2026): choose traefik for new clusters and plan the move";

    private static string Label(IngressControllerSpec spec, int index) => Label(index, spec);

    private static string Label(int index, IngressControllerSpec spec) =>
        Enum.IsDefined(spec.Kind)
            ? $"controllers[{index.ToString(CultureInfo.InvariantCulture)}] ({IngressControllerCharts.DisplayName(spec.Kind)})"
            : $"controllers[{index.ToString(CultureInfo.InvariantCulture)}]";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();
}
