using System.Collections.Immutable;

namespace Pulumi.Testing
{
    /// <summary>A provider function call as the mocks see it.</summary>
    public class MockCallArgs
    {
        /// <summary>Creates empty args.</summary>
        public MockCallArgs()
        {
        }

        /// <summary>The function's token.</summary>
        public string? Token { get; set; }

        /// <summary>The arguments by wire name.</summary>
        public ImmutableDictionary<string, object> Args { get; set; } = ImmutableDictionary<string, object>.Empty;

        /// <summary>The provider reference, or empty.</summary>
        public string? Provider { get; set; }
    }
}
