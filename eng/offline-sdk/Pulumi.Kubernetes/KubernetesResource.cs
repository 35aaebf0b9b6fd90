namespace Pulumi.Kubernetes
{
    /// <summary>Base of every Kubernetes object resource.</summary>
    public abstract class KubernetesResource : CustomResource
    {
        private protected KubernetesResource(string type, string name, ResourceArgs args, CustomResourceOptions? options)
            : base(type, name, args, options)
        {
        }

        /// <summary>Typed resources send their apiVersion and kind, as the real SDK's constructors set them.</summary>
        private protected static TArgs WithKind<TArgs>(TArgs? args, string apiVersion, string kind) where TArgs : ResourceArgs, new()
        {
            args ??= new TArgs();
            var type = typeof(TArgs);
            type.GetProperty("ApiVersion")?.SetValue(args, (Input<string>)apiVersion);
            type.GetProperty("Kind")?.SetValue(args, (Input<string>)kind);
            return args;
        }

        /// <summary>Helm releases always send compat "true" (what the real SDK's constructor does).</summary>
        private protected static Types.Inputs.Helm.V3.ReleaseArgs WithCompat(Types.Inputs.Helm.V3.ReleaseArgs? args)
        {
            args ??= new Types.Inputs.Helm.V3.ReleaseArgs();
            args.Compat = "true";
            return args;
        }
    }
}
