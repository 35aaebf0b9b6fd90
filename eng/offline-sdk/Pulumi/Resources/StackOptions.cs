namespace Pulumi
{
    /// <summary>Options for a stack.</summary>
    public class StackOptions
    {
        /// <summary>Creates empty options.</summary>
        public StackOptions()
        {
        }

        /// <summary>Transformations applied to every resource in the stack.</summary>
        public List<ResourceTransformation> ResourceTransformations
        {
            get => _resourceTransformations ??= new List<ResourceTransformation>();
            set => _resourceTransformations = value;
        }

        private List<ResourceTransformation>? _resourceTransformations;
    }
}
