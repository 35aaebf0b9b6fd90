using System.Text.RegularExpressions;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security.Policies;

/// <summary>Policy 3: every workload (Deployment, StatefulSet, DaemonSet, Job, CronJob) carries the listed labels on
/// its own metadata, each value matching its pattern where one is given. Pods and ReplicaSets are left out: they take
/// the labels of their templates, which their owners set.</summary>
public sealed partial record RequiredLabels : PlatformPolicy
{
    /// <summary>The labels. Default <c>project</c> and <c>owner</c>, any value.</summary>
    public IReadOnlyList<RequiredLabel> Labels { get; init; } = [new() { Key = "project" }, new() { Key = "owner" }];

    /// <inheritdoc />
    public override string Id => "requiredLabels";

    /// <inheritdoc />
    public override string Kind => "PlatformRequiredLabels";

    internal override IReadOnlyList<(string Group, string Kind)> MatchKinds { get; } =
        [("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("batch", "Job"), ("batch", "CronJob")];

    internal override IReadOnlyList<CelVariable> PolicyVariables { get; } =
    [
        new("labels", "has(variables.anyObject.metadata.labels) ? variables.anyObject.metadata.labels : {}"),
        new("missing", "variables.params.labels.filter(l, !(l.key in variables.labels))"),
        new("mismatched", "variables.params.labels.filter(l, l.key in variables.labels && l.allowedRegex != '' && !string(variables.labels[l.key]).matches(l.allowedRegex))"),
    ];

    internal override IReadOnlyList<CelValidation> PolicyValidations { get; } =
    [
        new("size(variables.missing) == 0", "'missing required labels: ' + variables.missing.map(l, l.key).join(', ')"),
        new("size(variables.mismatched) == 0",
            "'labels whose values do not match their pattern: ' + variables.mismatched.map(l, l.key + '=' + string(variables.labels[l.key]) + ' (pattern ' + l.allowedRegex + ')').join(', ')"),
    ];

    internal override Dictionary<string, object> PolicyParameters() => Map(
        ("labels", Labels.Select(l => (object)Map(("key", l.Key), ("allowedRegex", l.AllowedRegex ?? ""))).ToArray()));

    internal override Dictionary<string, object> PolicyParametersSchema() => Map(
        ("labels", Map(("type", "array"), ("items", Map(("type", "object"), ("properties", Map(
            ("key", Map(("type", "string"))),
            ("allowedRegex", Map(("type", "string"))))))))));

    private protected override IEnumerable<string> ValidateSettings()
    {
        if (Labels.Count == 0)
            yield return "labels is empty; list the labels workloads must carry, e.g. [{\"key\": \"owner\"}].";
        foreach (var group in Labels.GroupBy(l => l.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return $"label '{group.Key}' is listed twice; list each key once.";
        foreach (var label in Labels)
        {
            if (!LabelKey().IsMatch(label.Key ?? ""))
                yield return $"'{label.Key}' is not a label key (an optional DNS prefix and '/', then a name of up to 63 characters), e.g. example.com/owner.";
            if (label.AllowedRegex is { } pattern && !IsPortableRegex(pattern, out var problem))
                yield return $"the pattern of label '{label.Key}' is not a valid regular expression: {problem}. Use RE2 syntax, e.g. ^team-[a-z]+$.";
        }
    }

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();
}
