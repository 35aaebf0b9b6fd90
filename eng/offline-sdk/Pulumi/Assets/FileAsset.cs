namespace Pulumi
{
    /// <summary>An asset whose contents are read from a local file.</summary>
    public sealed class FileAsset : Asset
    {
        /// <summary>Creates the asset.</summary>
        public FileAsset(string path) : base("path", path)
        {
        }
    }
}
