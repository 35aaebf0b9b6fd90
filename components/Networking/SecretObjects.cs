using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Platform.Components.Networking;

/// <summary>Kubernetes Secrets a layer creates from Pulumi secrets: their data stays secret in state too.</summary>
internal static class SecretObjects
{
    public static Secret Create(Resource parent, string resourceName, string secretName, Input<string> ns, string type, InputMap<string> data)
        => new(resourceName, new SecretArgs
        {
            Metadata = new ObjectMetaArgs { Name = secretName, Namespace = ns },
            Type = type,
            StringData = data,
        }, new CustomResourceOptions { Parent = parent, AdditionalSecretOutputs = { "stringData", "data" } });
}
