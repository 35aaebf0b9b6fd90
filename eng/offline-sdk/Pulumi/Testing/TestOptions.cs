namespace Pulumi.Testing
{
    /// <summary>How a test deployment presents itself to the program.</summary>
    public class TestOptions
    {
        /// <summary>Creates options: a preview of stack "stack" in project "project".</summary>
        public TestOptions()
        {
        }

        /// <summary>Whether the run is a preview; null means true, as in Pulumi.</summary>
        public bool? IsPreview { get; set; }

        /// <summary>The project name (default "project").</summary>
        public string? ProjectName { get; set; }

        /// <summary>The stack name (default "stack").</summary>
        public string? StackName { get; set; }

        /// <summary>The organization name (default "organization").</summary>
        public string? OrganizationName { get; set; }
    }
}
