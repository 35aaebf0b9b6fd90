namespace Pulumi
{
    /// <summary>Options for a component resource.</summary>
    public sealed class ComponentResourceOptions : ResourceOptions
    {
        /// <summary>Creates empty options.</summary>
        public ComponentResourceOptions()
        {
        }

        /// <summary>Providers the component's children use, one per package.</summary>
        public List<ProviderResource> Providers
        {
            get => _providers ??= new List<ProviderResource>();
            set => _providers = value;
        }

        private List<ProviderResource>? _providers;

        /// <summary>Merges two option sets into a new one: lists concatenate, values set in the second win.</summary>
        public static ComponentResourceOptions Merge(ComponentResourceOptions? options1, ComponentResourceOptions? options2)
        {
            var result = new ComponentResourceOptions();
            foreach (var source in new[] { options1, options2 })
            {
                if (source == null) continue;
                MergeInto(result, source);
                if (source._providers != null) result.Providers.AddRange(source._providers);
            }
            return result;
        }
    }
}
