using System.Collections.Immutable;

namespace Pulumi
{
    /// <summary>Base of every resource: a named, typed node of the deployment with a URN.</summary>
    public class Resource
    {
        private readonly string _type;
        private readonly string _name;

        private protected Resource(string type, string name, bool custom, ResourceArgs args, ResourceOptions options, bool remote)
        {
            if (string.IsNullOrEmpty(type)) throw new ArgumentException("A resource needs a type token.", nameof(type));
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("A resource needs a name.", nameof(name));
            _type = type;
            _name = name;
            var engine = Engine.Current ?? throw new InvalidOperationException(
                $"Resource '{name}' ({type}) was created outside a Pulumi program: create resources inside Deployment.RunAsync or Deployment.TestAsync.");
            engine.Register(this, custom, remote, args, options);
        }

        /// <summary>The resource's unique name in the deployment.</summary>
        [Output("urn")]
        public Output<string> Urn { get; private set; } = null!;

        /// <summary>The name the resource was created with.</summary>
        public string GetResourceName() => _name;

        /// <summary>The resource's type token.</summary>
        public string GetResourceType() => _type;

        internal void SetUrnOutput(Output<string> urn) => Urn = urn;

        /// <summary>The resource's parent (null only for the stack).</summary>
        internal Resource? ParentResource { get; set; }

        /// <summary>Transformations that apply to this resource's children: its own and its ancestors'.</summary>
        internal ImmutableList<ResourceTransformation> Transformations { get; set; } = ImmutableList<ResourceTransformation>.Empty;

        /// <summary>Providers this resource's children use, by package.</summary>
        internal ImmutableDictionary<string, ProviderResource> ChildProviders { get; set; } = ImmutableDictionary<string, ProviderResource>.Empty;
    }
}
