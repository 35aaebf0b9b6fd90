using Platform.Components.Tenancy;

namespace Platform.Tests.Tenancy;

/// <summary>The sizing grammar the monitoring, logging, log-shipping and security-audit options read their CPU and memory
/// with: one parser, the same inputs each of them accepted, valued as Kubernetes values them.</summary>
public class SizingQuantityTests
{
    [Theory]
    [InlineData("500m", 0.5)]
    [InlineData("2", 2)]
    [InlineData("0", 0)]
    [InlineData("1.5Gi", 1.5 * 1024 * 1024 * 1024)]
    [InlineData("128Mi", 128 * 1024 * 1024)]
    [InlineData("64Ki", 64 * 1024)]
    [InlineData("2Ti", 2d * 1024 * 1024 * 1024 * 1024)]
    [InlineData("3k", 3000)]
    [InlineData("4G", 4e9)]
    [InlineData("5M", 5e6)]
    [InlineData("1T", 1e12)]
    public void Sizing_quantities_are_valued_as_kubernetes_values_them(string text, double expected)
    {
        Assert.True(KubernetesQuantity.IsSizing(text));
        Assert.Equal(expected, KubernetesQuantity.SizingValue(text)!.Value, 6);
        // The general grammar reads the same value.
        Assert.Equal(expected, KubernetesQuantity.Value(text)!.Value, 6);
    }

    [Theory]
    // Quantities Kubernetes reads that the sizing options never accepted.
    [InlineData(".5")]
    [InlineData("2.")]
    [InlineData("-1")]
    [InlineData("+3k")]
    [InlineData("1e3")]
    [InlineData("1Pi")]
    [InlineData("1E")]
    // Not quantities at all.
    [InlineData("8GB")]
    [InlineData("4 cores")]
    [InlineData("")]
    [InlineData("Mi")]
    [InlineData("1.2.3")]
    [InlineData("1ki")]
    [InlineData(null)]
    public void Anything_else_is_not_a_sizing_quantity(string? text)
    {
        Assert.False(KubernetesQuantity.IsSizing(text));
        Assert.Null(KubernetesQuantity.SizingValue(text));
    }
}
