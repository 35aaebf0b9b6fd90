namespace Pulumi
{
    /// <summary>Base of resource args classes and of nested input types.</summary>
    public abstract class ResourceArgs : InputArgs
    {
        /// <summary>Args with no inputs.</summary>
        public static readonly ResourceArgs Empty = new EmptyResourceArgs();

        /// <summary>For derived args classes.</summary>
        protected ResourceArgs()
        {
        }

        private sealed class EmptyResourceArgs : ResourceArgs
        {
        }
    }
}
