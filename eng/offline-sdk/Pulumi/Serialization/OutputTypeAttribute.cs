namespace Pulumi
{
    /// <summary>Marks a class that the engine builds from a resource's output values.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class OutputTypeAttribute : Attribute
    {
    }
}
