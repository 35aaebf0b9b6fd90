namespace Pulumi
{
    /// <summary>Options for a custom resource (one a provider manages).</summary>
    public sealed class CustomResourceOptions : ResourceOptions
    {
        /// <summary>Creates empty options.</summary>
        public CustomResourceOptions()
        {
        }

        /// <summary>Whether a replacement deletes the old object before creating the new one.</summary>
        public bool? DeleteBeforeReplace { get; set; }

        /// <summary>Output property names to mark secret (real deployments only; mock runs do not mark them).</summary>
        public List<string> AdditionalSecretOutputs
        {
            get => _additionalSecretOutputs ??= new List<string>();
            set => _additionalSecretOutputs = value;
        }

        private List<string>? _additionalSecretOutputs;

        /// <summary>The ID of an existing object to adopt instead of creating one.</summary>
        public string? ImportId { get; set; }

        /// <summary>Merges two option sets into a new one: lists concatenate, values set in the second win.</summary>
        public static CustomResourceOptions Merge(CustomResourceOptions? options1, CustomResourceOptions? options2)
        {
            var result = new CustomResourceOptions();
            foreach (var source in new[] { options1, options2 })
            {
                if (source == null) continue;
                MergeInto(result, source);
                result.DeleteBeforeReplace = source.DeleteBeforeReplace ?? result.DeleteBeforeReplace;
                if (source._additionalSecretOutputs != null) result.AdditionalSecretOutputs.AddRange(source._additionalSecretOutputs);
                result.ImportId = source.ImportId ?? result.ImportId;
            }
            return result;
        }
    }
}
