using System.Collections.Immutable;

namespace Pulumi.Testing
{
    /// <summary>A resource registration as the mocks see it.</summary>
    public class MockResourceArgs
    {
        /// <summary>Creates empty args.</summary>
        public MockResourceArgs()
        {
        }

        /// <summary>The type token, e.g. <c>kubernetes:helm.sh/v3:Release</c>.</summary>
        public string? Type { get; set; }

        /// <summary>The resource's name.</summary>
        public string? Name { get; set; }

        /// <summary>The inputs by wire name: strings, booleans, doubles, immutable lists and dictionaries, assets.</summary>
        public ImmutableDictionary<string, object> Inputs { get; set; } = ImmutableDictionary<string, object>.Empty;

        /// <summary>The provider reference (<c>urn::id</c>), or empty.</summary>
        public string? Provider { get; set; }

        /// <summary>The import ID, or empty.</summary>
        public string? Id { get; set; }
    }
}
