namespace Pulumi
{
    /// <summary>A file or a set of files sent to a provider.</summary>
    public abstract class AssetOrArchive
    {
        private protected AssetOrArchive(string kind, object value)
        {
            Kind = kind;
            Value = value;
        }

        internal string Kind { get; }
        internal object Value { get; }
    }
}
