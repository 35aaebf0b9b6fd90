namespace Pulumi
{
    /// <summary>An error that ends the program with its message alone, without a stack trace.</summary>
    public class RunException : Exception
    {
        /// <summary>Creates the error with a message.</summary>
        public RunException(string message) : base(message)
        {
        }

        /// <summary>Creates the error with a message and its cause.</summary>
        public RunException(string message, Exception? innerException) : base(message, innerException)
        {
        }
    }
}
