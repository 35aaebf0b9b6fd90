namespace Platform.Tests.GitOps;

/// <summary>An Argo CD <c>policy.csv</c> read the way Casbin's CSV adapter reads it: one rule a line, fields separated by
/// commas with surrounding spaces trimmed; <c>p</c> rules are <c>subject, resource, action, object, effect</c>, <c>g</c>
/// rules <c>subject, role</c>. Anything else fails the parse.</summary>
internal sealed record CasbinPolicy(IReadOnlyList<(string Subject, string Resource, string Action, string Object, string Effect)> Permissions,
    IReadOnlyList<(string Subject, string Role)> Groupings)
{
    public static CasbinPolicy Parse(string csv)
    {
        var permissions = new List<(string, string, string, string, string)>();
        var groupings = new List<(string, string)>();
        foreach (var line in csv.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            Assert.All(fields, f => Assert.False(string.IsNullOrEmpty(f) || f.Contains('"'), $"empty or quoted field in '{line}'"));
            switch (fields[0])
            {
                case "p" when fields.Length == 6:
                    Assert.Contains(fields[5], new[] { "allow", "deny" });
                    permissions.Add((fields[1], fields[2], fields[3], fields[4], fields[5]));
                    break;
                case "g" when fields.Length == 3:
                    groupings.Add((fields[1], fields[2]));
                    break;
                default:
                    Assert.Fail($"'{line}' is neither a p rule of 6 fields nor a g rule of 3");
                    break;
            }
        }
        return new CasbinPolicy(permissions, groupings);
    }

    /// <summary>The one role <paramref name="subject"/> is given.</summary>
    public string RoleOf(string subject) => Assert.Single(Groupings, g => g.Subject == subject).Role;

    /// <summary>The (resource, action, object) triples <paramref name="role"/> is allowed directly.</summary>
    public IReadOnlyList<(string Resource, string Action, string Object)> Allowed(string role) =>
        [.. Permissions.Where(p => p.Subject == role && p.Effect == "allow").Select(p => (p.Resource, p.Action, p.Object))];
}
