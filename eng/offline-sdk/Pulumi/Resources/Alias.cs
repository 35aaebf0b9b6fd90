namespace Pulumi
{
    /// <summary>An earlier identity of a resource (name, type, parent, stack or project, or a whole URN).</summary>
    public sealed class Alias
    {
        /// <summary>Creates an alias with nothing set; unset parts mean "the same as now".</summary>
        public Alias()
        {
        }

        /// <summary>The earlier name.</summary>
        public Input<string>? Name { get; set; }

        /// <summary>The earlier type token.</summary>
        public Input<string>? Type { get; set; }

        /// <summary>The earlier parent.</summary>
        public Resource? Parent { get; set; }

        /// <summary>The earlier parent's URN.</summary>
        public Input<string>? ParentUrn { get; set; }

        /// <summary>Whether the resource had no parent.</summary>
        public bool NoParent { get; set; }

        /// <summary>The earlier stack.</summary>
        public Input<string>? Stack { get; set; }

        /// <summary>The earlier project.</summary>
        public Input<string>? Project { get; set; }

        /// <summary>The whole earlier URN.</summary>
        public string? Urn { get; set; }
    }
}
