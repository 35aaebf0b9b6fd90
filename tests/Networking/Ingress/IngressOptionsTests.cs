using Platform.Components.Networking.Ingress;

namespace Platform.Tests.Networking.Ingress;

public class IngressOptionsTests
{
    private static IngressControllerSpec Spec(IngressControllerKind kind, bool isDefault = false, string? className = null, int replicas = 2) =>
        new() { Kind = kind, Default = isDefault, ClassName = className, Replicas = replicas };

    [Fact]
    public void Default_is_one_traefik_controller_marked_default()
    {
        var options = new IngressOptions();

        var controller = Assert.Single(options.Controllers);
        Assert.Equal(IngressControllerKind.Traefik, controller.Kind);
        Assert.True(controller.Default);
        Assert.Equal("traefik", controller.EffectiveClassName);
        Assert.Equal(2, controller.Replicas);
        Assert.Equal(IngressExposure.LoadBalancer, controller.Exposure);
        Assert.Empty(options.Validate());
        Assert.Empty(options.Warnings());
    }

    [Fact]
    public void Several_controllers_with_one_default_are_valid()
    {
        var options = new IngressOptions
        {
            Controllers = [Spec(IngressControllerKind.Traefik, isDefault: true), Spec(IngressControllerKind.Contour), Spec(IngressControllerKind.HAProxy), Spec(IngressControllerKind.IngressNginx)],
        };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void No_controller_is_a_problem()
    {
        var problem = Assert.Single(new IngressOptions { Controllers = [] }.Validate());
        Assert.Contains("at least one controller", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_defaults_are_a_problem_naming_both()
    {
        var options = new IngressOptions { Controllers = [Spec(IngressControllerKind.Traefik, isDefault: true), Spec(IngressControllerKind.Contour, isDefault: true)] };

        var problem = Assert.Single(options.Validate());
        Assert.Contains("several are marked", problem, StringComparison.Ordinal);
        Assert.Contains("controllers[0] (traefik)", problem, StringComparison.Ordinal);
        Assert.Contains("controllers[1] (contour)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void No_default_is_a_problem_listing_the_candidates()
    {
        var options = new IngressOptions { Controllers = [Spec(IngressControllerKind.Traefik), Spec(IngressControllerKind.HAProxy)] };

        var problem = Assert.Single(options.Validate());
        Assert.Contains("none is marked", problem, StringComparison.Ordinal);
        Assert.Contains("controllers[1] (haproxy)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_class_names_are_a_problem()
    {
        var options = new IngressOptions { Controllers = [Spec(IngressControllerKind.Traefik, isDefault: true), Spec(IngressControllerKind.Contour, className: "traefik")] };

        var problem = Assert.Single(options.Validate());
        Assert.Contains("class name 'traefik' is used by more than one controller", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Traefik")]
    [InlineData("-edge")]
    [InlineData("edge_public")]
    [InlineData("")]
    [InlineData("a.b")]
    public void Invalid_class_names_are_a_problem(string className)
    {
        var options = new IngressOptions { Controllers = [Spec(IngressControllerKind.Traefik, isDefault: true, className: className)] };

        var problem = Assert.Single(options.Validate());
        Assert.Contains($"class name '{className}' is not a DNS-1123 label", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_controllers_of_one_kind_are_a_problem()
    {
        var options = new IngressOptions { Controllers = [Spec(IngressControllerKind.Traefik, isDefault: true), Spec(IngressControllerKind.Traefik, className: "traefik-internal")] };

        var problem = Assert.Single(options.Validate());
        Assert.Contains("only one traefik controller is allowed", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Replicas_outside_1_to_10_are_a_problem(int replicas)
    {
        var options = new IngressOptions { Controllers = [Spec(IngressControllerKind.Traefik, isDefault: true, replicas: replicas)] };

        Assert.Contains($"replicas must be 1 to 10, not {replicas}", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kind_is_a_problem()
    {
        var options = new IngressOptions { Controllers = [Spec((IngressControllerKind)42, isDefault: true)] };

        Assert.Contains("unknown controller kind 42", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Emissary_is_a_valid_choice_that_needs_its_crd_step()
    {
        var options = new IngressOptions { Controllers = [Spec(IngressControllerKind.Emissary, isDefault: true)] };

        Assert.Empty(options.Validate());
        Assert.True(IngressControllerCharts.RequiresCrdStep(IngressControllerKind.Emissary));
    }

    [Fact]
    public void Ingress_nginx_warns_that_it_is_retired()
    {
        var options = new IngressOptions { Controllers = [Spec(IngressControllerKind.IngressNginx, isDefault: true)] };

        var warning = Assert.Single(options.Warnings());
        Assert.Equal("ingress-nginx is retired upstream (best-effort maintenance ended March 2026): choose traefik for new clusters and plan the move", warning);
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik)]
    [InlineData(IngressControllerKind.Contour)]
    [InlineData(IngressControllerKind.HAProxy)]
    [InlineData(IngressControllerKind.Emissary)]
    public void Other_controllers_do_not_warn(IngressControllerKind kind) =>
        Assert.Empty(new IngressOptions { Controllers = [Spec(kind, isDefault: true)] }.Warnings());
}
