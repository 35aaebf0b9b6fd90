namespace Pulumi.Testing
{
    /// <summary>What tests supply in place of providers: the state of each new resource and the result of each call.</summary>
    public interface IMocks
    {
        /// <summary>Returns the ID and output state of a resource being registered.</summary>
        Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args);

        /// <summary>Returns the result of a provider function call.</summary>
        Task<object> CallAsync(MockCallArgs args);

        /// <summary>Receives a component's registered outputs; does nothing unless overridden.</summary>
        Task RegisterResourceOutputs(MockRegisterResourceOutputsRequest args) => Task.CompletedTask;
    }
}
