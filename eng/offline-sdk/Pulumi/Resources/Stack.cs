namespace Pulumi
{
    /// <summary>The root of a deployment; a derived class's [Output] properties are the stack outputs.</summary>
    public class Stack : ComponentResource
    {
        internal const string TypeToken = "pulumi:pulumi:Stack";

        /// <summary>Registers the stack; derived classes create their resources in their constructor.</summary>
        public Stack(StackOptions? options = null)
            : base(TypeToken, RootName(), ToComponentOptions(options))
        {
        }

        private static string RootName()
        {
            var instance = Deployment.Instance;
            return $"{instance.ProjectName}-{instance.StackName}";
        }

        private static ComponentResourceOptions ToComponentOptions(StackOptions? options)
        {
            var result = new ComponentResourceOptions();
            if (options != null) result.ResourceTransformations.AddRange(options.ResourceTransformations);
            return result;
        }
    }
}
