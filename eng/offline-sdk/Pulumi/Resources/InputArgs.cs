namespace Pulumi
{
    /// <summary>Base of every args class: its [Input] fields and properties are what the engine sends.</summary>
    public abstract class InputArgs
    {
        /// <summary>For derived args classes.</summary>
        protected InputArgs()
        {
        }
    }
}
