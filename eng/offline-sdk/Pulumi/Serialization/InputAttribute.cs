namespace Pulumi
{
    /// <summary>Marks a field or property of an args class as a resource input, with its name on the wire.</summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class InputAttribute : Attribute
    {
        /// <summary>Declares the wire name, whether the input is required, and whether it is sent as JSON text.</summary>
        public InputAttribute(string name, bool required = false, bool json = false)
        {
            Name = name;
            IsRequired = required;
            Json = json;
        }

        internal string Name { get; }
        internal bool IsRequired { get; }
        internal bool Json { get; }
    }
}
