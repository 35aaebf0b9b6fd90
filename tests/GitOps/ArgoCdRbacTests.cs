using Platform.Components.GitOps;

namespace Platform.Tests.GitOps;

/// <summary>The RBAC policy from the identity provider's groups, rendered and parsed as Casbin reads it.</summary>
public class ArgoCdRbacTests
{
    [Fact]
    public void Each_group_gets_its_role_and_the_editor_changes_applications_only()
    {
        var policy = CasbinPolicy.Parse(ArgoCdRbac.PolicyCsv(["platform-admins", "sre"], ["team-a", "team-b"], ["auditors"]));

        Assert.Equal("role:admin", policy.RoleOf("platform-admins"));
        Assert.Equal("role:admin", policy.RoleOf("sre"));
        Assert.Equal(ArgoCdRbac.EditorRole, policy.RoleOf("team-a"));
        Assert.Equal(ArgoCdRbac.EditorRole, policy.RoleOf("team-b"));
        Assert.Equal("role:readonly", policy.RoleOf("auditors"));
        // The editor reads everything (it inherits role:readonly) and changes Applications and ApplicationSets in every
        // project, nothing else: projects, repositories, clusters, accounts, certificates and GPG keys stay the admins'.
        Assert.Equal("role:readonly", policy.RoleOf(ArgoCdRbac.EditorRole));
        Assert.Equal(
            [("applications", "*", "*/*"), ("applicationsets", "*", "*/*"), ("logs", "get", "*/*")],
            policy.Allowed(ArgoCdRbac.EditorRole));
        Assert.DoesNotContain(policy.Permissions, p => p.Resource is "projects" or "repositories" or "clusters" or "accounts" or "certificates" or "gpgkeys");
        Assert.DoesNotContain(policy.Permissions, p => p.Effect != "allow");
    }

    [Fact]
    public void Without_groups_only_the_editor_role_is_defined_and_nobody_is_given_a_role()
    {
        var policy = CasbinPolicy.Parse(ArgoCdRbac.PolicyCsv([], [], []));

        Assert.Equal([(ArgoCdRbac.EditorRole, "role:readonly")], policy.Groupings);
        Assert.Equal("", ArgoCdRbac.DefaultPolicy);
    }

    [Theory]
    [InlineData("ops, admins")]
    [InlineData("\"quoted\"")]
    [InlineData(" padded")]
    [InlineData("")]
    [InlineData("two\nlines")]
    public void A_group_name_casbin_cannot_carry_is_refused(string group)
    {
        var error = Assert.Throws<ArgumentException>(() => ArgoCdRbac.PolicyCsv([group], [], []));
        Assert.Contains("group names must be non-empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scopes_name_the_groups_claim()
    {
        Assert.Equal("[groups]", ArgoCdRbac.Scopes("groups"));
        Assert.Equal("[roles]", ArgoCdRbac.Scopes("roles"));
    }
}
