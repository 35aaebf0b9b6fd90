namespace Pulumi
{
    /// <summary>Options that control how a resource is registered and managed.</summary>
    public abstract class ResourceOptions
    {
        /// <summary>Creates empty options.</summary>
        protected ResourceOptions()
        {
        }

        /// <summary>The parent resource; by default the stack.</summary>
        public Resource? Parent { get; set; }

        /// <summary>Resources that must be created before this one, beyond those its inputs depend on.</summary>
        public InputList<Resource> DependsOn
        {
            get => _dependsOn ??= new InputList<Resource>();
            set => _dependsOn = value;
        }

        private InputList<Resource>? _dependsOn;

        internal bool HasDependsOn => _dependsOn != null;

        /// <summary>Whether deleting the resource is refused.</summary>
        public bool? Protect { get; set; }

        /// <summary>Input property names whose changes are ignored on update.</summary>
        public List<string> IgnoreChanges
        {
            get => _ignoreChanges ??= new List<string>();
            set => _ignoreChanges = value;
        }

        private List<string>? _ignoreChanges;

        /// <summary>Input property names whose changes force a replacement.</summary>
        public List<string> ReplaceOnChanges
        {
            get => _replaceOnChanges ??= new List<string>();
            set => _replaceOnChanges = value;
        }

        private List<string>? _replaceOnChanges;

        /// <summary>The version of the provider plugin to use.</summary>
        public string? Version { get; set; }

        /// <summary>The provider to use for this resource (or, on a component, for its children of that package).</summary>
        public ProviderResource? Provider { get; set; }

        /// <summary>Timeouts for create, update and delete.</summary>
        public CustomTimeouts? CustomTimeouts { get; set; }

        /// <summary>Transformations applied to this resource and its children before registration.</summary>
        public List<ResourceTransformation> ResourceTransformations
        {
            get => _resourceTransformations ??= new List<ResourceTransformation>();
            set => _resourceTransformations = value;
        }

        private List<ResourceTransformation>? _resourceTransformations;

        /// <summary>Earlier identities of this resource, so renaming or re-parenting does not recreate it.</summary>
        public List<Input<Alias>> Aliases
        {
            get => _aliases ??= new List<Input<Alias>>();
            set => _aliases = value;
        }

        private List<Input<Alias>>? _aliases;

        /// <summary>Whether the cloud object is kept when the resource is deleted from the stack.</summary>
        public bool? RetainOnDelete { get; set; }

        /// <summary>A resource whose deletion also deletes this one, so this one is not deleted separately.</summary>
        public Resource? DeletedWith { get; set; }

        /// <summary>Merges <paramref name="source"/> into <paramref name="target"/>: lists concatenate, set values win.</summary>
        internal static void MergeInto(ResourceOptions target, ResourceOptions source)
        {
            target.Parent = source.Parent ?? target.Parent;
            if (source._dependsOn != null)
                target.DependsOn = target._dependsOn == null ? source._dependsOn : target._dependsOn.Concat(source._dependsOn);
            target.Protect = source.Protect ?? target.Protect;
            if (source._ignoreChanges != null) target.IgnoreChanges.AddRange(source._ignoreChanges);
            if (source._replaceOnChanges != null) target.ReplaceOnChanges.AddRange(source._replaceOnChanges);
            target.Version = source.Version ?? target.Version;
            target.Provider = source.Provider ?? target.Provider;
            target.CustomTimeouts = source.CustomTimeouts ?? target.CustomTimeouts;
            if (source._resourceTransformations != null) target.ResourceTransformations.AddRange(source._resourceTransformations);
            if (source._aliases != null) target.Aliases.AddRange(source._aliases);
            target.RetainOnDelete = source.RetainOnDelete ?? target.RetainOnDelete;
            target.DeletedWith = source.DeletedWith ?? target.DeletedWith;
        }
    }
}
