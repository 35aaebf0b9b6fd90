namespace Pulumi
{
    /// <summary>Marks a struct that stands for a string or number enumeration on the wire.</summary>
    [AttributeUsage(AttributeTargets.Struct)]
    public sealed class EnumTypeAttribute : Attribute
    {
    }
}
