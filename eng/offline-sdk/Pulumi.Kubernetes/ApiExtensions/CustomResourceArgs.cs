using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Pulumi.Kubernetes.ApiExtensions
{
    /// <summary>Args of an object of a custom resource type; derive and add [Input] members such as spec.</summary>
    public abstract class CustomResourceArgs : ResourceArgs
    {
        /// <summary>Declares the object's apiVersion and kind.</summary>
        protected CustomResourceArgs(string apiVersion, string kind)
        {
            ApiVersionValue = apiVersion;
            KindValue = kind;
            ApiVersion = apiVersion;
            Kind = kind;
        }

        internal string ApiVersionValue { get; }
        internal string KindValue { get; }

        /// <summary>The object's apiVersion.</summary>
        [Input("apiVersion")]
        public Input<string> ApiVersion { get; }

        /// <summary>The object's kind.</summary>
        [Input("kind")]
        public Input<string> Kind { get; }

        /// <summary>The object's metadata.</summary>
        [Input("metadata")]
        public Input<ObjectMetaArgs>? Metadata { get; set; }
    }
}
