namespace Pulumi
{
    /// <summary>Facts about the deployment running now.</summary>
    public sealed class DeploymentInstance
    {
        private readonly Engine _engine;

        internal DeploymentInstance(Engine engine) => _engine = engine;

        /// <summary>Whether this is a preview (no changes are made).</summary>
        public bool IsDryRun => _engine.IsDryRun;

        /// <summary>The project's name.</summary>
        public string ProjectName => _engine.ProjectName;

        /// <summary>The stack's name.</summary>
        public string StackName => _engine.StackName;

        /// <summary>The organization's name.</summary>
        public string OrganizationName => _engine.OrganizationName;
    }
}
