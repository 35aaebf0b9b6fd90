namespace Pulumi
{
    /// <summary>Marks an <see cref="Output{T}"/> property of a resource or stack, with its name on the wire.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class OutputAttribute : Attribute
    {
        /// <summary>Declares the wire name (the property name when omitted).</summary>
        public OutputAttribute(string? name = null) => Name = name;

        /// <summary>The wire name.</summary>
        public string? Name { get; }
    }
}
