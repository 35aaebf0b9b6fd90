using Pulumi.Kubernetes.Types.Outputs.Meta.V1;

namespace Pulumi.Kubernetes.ApiExtensions
{
    /// <summary>An object of a custom resource type (type token <c>kubernetes:&lt;apiVersion&gt;:&lt;kind&gt;</c>).</summary>
    public class CustomResource : KubernetesResource
    {
        /// <summary>Registers the object.</summary>
        public CustomResource(string name, CustomResourceArgs args, CustomResourceOptions? options = null)
            : base($"kubernetes:{args.ApiVersionValue}:{args.KindValue}", name, args, options)
        {
        }

        /// <summary>The object's apiVersion.</summary>
        [Output("apiVersion")]
        public Output<string> ApiVersion { get; private set; } = null!;

        /// <summary>The object's kind.</summary>
        [Output("kind")]
        public Output<string> Kind { get; private set; } = null!;

        /// <summary>The object's metadata.</summary>
        [Output("metadata")]
        public Output<ObjectMeta> Metadata { get; private set; } = null!;
    }
}
