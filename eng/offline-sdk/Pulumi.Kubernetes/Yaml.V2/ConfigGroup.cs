using System.Collections.Immutable;
using Pulumi.Kubernetes.Types.Inputs.Yaml.V2;

namespace Pulumi.Kubernetes.Yaml.V2
{
    /// <summary>Kubernetes objects from YAML text, files or object maps, created by the provider (a remote component).</summary>
    public class ConfigGroup : ComponentResource
    {
        /// <summary>Registers the group.</summary>
        public ConfigGroup(string name, ConfigGroupArgs? args = null, ComponentResourceOptions? options = null)
            : base("kubernetes:yaml/v2:ConfigGroup", name, args ?? new ConfigGroupArgs(), options, remote: true)
        {
        }

        /// <summary>The objects the group created.</summary>
        [Output("resources")]
        public Output<ImmutableArray<object>> Resources { get; private set; } = null!;
    }
}
