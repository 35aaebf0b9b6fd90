namespace Pulumi
{
    internal static class Constants
    {
        /// <summary>The value Pulumi puts on the wire for "not known yet".</summary>
        public const string UnknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    }
}
