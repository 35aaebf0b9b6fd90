namespace Pulumi
{
    /// <summary>An asset whose contents are the given text.</summary>
    public sealed class StringAsset : Asset
    {
        /// <summary>Creates the asset.</summary>
        public StringAsset(string text) : base("text", text)
        {
        }
    }
}
