namespace Pulumi
{
    /// <summary>What a <see cref="ResourceTransformation"/> receives.</summary>
    public readonly struct ResourceTransformationArgs
    {
        /// <summary>Bundles the resource being built with its args and options.</summary>
        public ResourceTransformationArgs(Resource resource, ResourceArgs args, ResourceOptions options)
        {
            Resource = resource;
            Args = args;
            Options = options;
        }

        /// <summary>The resource being built.</summary>
        public Resource Resource { get; }

        /// <summary>Its args.</summary>
        public ResourceArgs Args { get; }

        /// <summary>Its options.</summary>
        public ResourceOptions Options { get; }
    }
}
