namespace Pulumi
{
    /// <summary>Messages for the person running the deployment. Under the mock engine an error fails the run.</summary>
    public static class Log
    {
        /// <summary>A debug message.</summary>
        public static void Debug(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null) => Write("debug", message);

        /// <summary>An informational message.</summary>
        public static void Info(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null) => Write("info", message);

        /// <summary>A warning.</summary>
        public static void Warn(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null) => Write("warning", message);

        /// <summary>An error; the deployment fails.</summary>
        public static void Error(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null) => Write("error", message);

        /// <summary>An exception, logged as an error.</summary>
        public static void Exception(Exception exception, Resource? resource = null, int? streamId = null, bool? ephemeral = null) => Write("error", exception.ToString());

        private static void Write(string level, string message)
        {
            if (Engine.Current is { } engine) engine.AddLog(level, message);
            else Console.Error.WriteLine($"{level}: {message}");
        }
    }
}
