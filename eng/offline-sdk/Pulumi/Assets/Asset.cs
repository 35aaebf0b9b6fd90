namespace Pulumi
{
    /// <summary>A single file's contents.</summary>
    public abstract class Asset : AssetOrArchive
    {
        private protected Asset(string kind, object value) : base(kind, value)
        {
        }
    }
}
