namespace Pulumi
{
    /// <summary>An explicitly configured provider instance (token <c>pulumi:providers:&lt;package&gt;</c>).</summary>
    public class ProviderResource : CustomResource
    {
        /// <summary>Registers a provider for <paramref name="package"/>.</summary>
        public ProviderResource(string package, string name, ResourceArgs args, CustomResourceOptions? options = null)
            : base("pulumi:providers:" + package, name, args, options)
        {
            Package = package;
        }

        internal string Package { get; }
    }
}
