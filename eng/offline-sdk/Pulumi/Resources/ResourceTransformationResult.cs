namespace Pulumi
{
    /// <summary>The args and options a <see cref="ResourceTransformation"/> replaces the originals with.</summary>
    public readonly struct ResourceTransformationResult
    {
        /// <summary>Bundles replacement args and options.</summary>
        public ResourceTransformationResult(ResourceArgs args, ResourceOptions options)
        {
            Args = args;
            Options = options;
        }

        /// <summary>The replacement args.</summary>
        public ResourceArgs Args { get; }

        /// <summary>The replacement options.</summary>
        public ResourceOptions Options { get; }
    }
}
