namespace Pulumi
{
    /// <summary>A resource that a provider creates, reads, updates and deletes.</summary>
    public class CustomResource : Resource
    {
        /// <summary>Registers a custom resource of <paramref name="type"/>.</summary>
        public CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
            : base(type, name, custom: true, args ?? ResourceArgs.Empty, options ?? new CustomResourceOptions(), remote: false)
        {
        }

        /// <summary>The provider-assigned ID (unknown during preview until the provider has one).</summary>
        [Output("id")]
        public Output<string> Id { get; private set; } = null!;

        internal void SetIdOutput(Output<string> id) => Id = id;

        /// <summary>The provider this resource is managed by, if one was given or inherited.</summary>
        internal ProviderResource? ResolvedProvider { get; set; }
    }
}
