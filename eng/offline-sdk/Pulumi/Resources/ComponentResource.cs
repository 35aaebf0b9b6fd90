namespace Pulumi
{
    /// <summary>A resource that groups child resources into one logical unit.</summary>
    public class ComponentResource : Resource
    {
        /// <summary>Registers a component of <paramref name="type"/>.</summary>
        public ComponentResource(string type, string name, ComponentResourceOptions? options = null)
            : this(type, name, ResourceArgs.Empty, options)
        {
        }

        /// <summary>Registers a component; a remote component is constructed by its provider.</summary>
        public ComponentResource(string type, string name, ResourceArgs? args, ComponentResourceOptions? options = null, bool remote = false)
            : base(type, name, custom: false, args ?? ResourceArgs.Empty, options ?? new ComponentResourceOptions(), remote)
        {
        }

        /// <summary>Signals that the component has registered all its children and has no outputs.</summary>
        protected void RegisterOutputs() => RegisterOutputs(new Dictionary<string, object?>());

        /// <summary>Signals that the component has registered all its children, with its outputs.</summary>
        protected void RegisterOutputs(IDictionary<string, object?> outputs) => RegisterOutputs(Task.FromResult(outputs));

        /// <summary>Signals that the component has registered all its children, with its outputs.</summary>
        protected void RegisterOutputs(Task<IDictionary<string, object?>> outputs) => RegisterOutputs(Output.Create(outputs));

        /// <summary>Signals that the component has registered all its children, with its outputs.</summary>
        protected void RegisterOutputs(Output<IDictionary<string, object?>> outputs)
            => Engine.Current?.RegisterResourceOutputs(this, outputs);
    }
}
