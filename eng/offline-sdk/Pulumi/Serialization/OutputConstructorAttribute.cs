namespace Pulumi
{
    /// <summary>Marks the constructor the engine uses to build an output type; parameter names are wire names.</summary>
    [AttributeUsage(AttributeTargets.Constructor)]
    public sealed class OutputConstructorAttribute : Attribute
    {
    }
}
