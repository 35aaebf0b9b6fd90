namespace Pulumi
{
    /// <summary>How long create, update and delete may take before the operation fails.</summary>
    public sealed class CustomTimeouts
    {
        /// <summary>Creates timeouts with nothing set (provider defaults).</summary>
        public CustomTimeouts()
        {
        }

        /// <summary>The create timeout.</summary>
        public TimeSpan? Create { get; set; }

        /// <summary>The update timeout.</summary>
        public TimeSpan? Update { get; set; }

        /// <summary>The delete timeout.</summary>
        public TimeSpan? Delete { get; set; }
    }
}
