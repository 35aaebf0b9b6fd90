using System.Collections.Immutable;

namespace Pulumi.Testing
{
    /// <summary>A component's registered outputs as the mocks see them.</summary>
    public class MockRegisterResourceOutputsRequest
    {
        /// <summary>Bundles the component's URN with its outputs.</summary>
        public MockRegisterResourceOutputsRequest(string urn, ImmutableDictionary<string, Output<object>> outputs)
        {
            Urn = urn;
            Outputs = outputs;
        }

        /// <summary>The component's URN.</summary>
        public readonly string Urn;

        /// <summary>The outputs by name.</summary>
        public readonly ImmutableDictionary<string, Output<object>> Outputs;
    }
}
