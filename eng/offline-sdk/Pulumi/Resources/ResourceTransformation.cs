namespace Pulumi
{
    /// <summary>Rewrites a resource's args and options before it is registered; null leaves them as they are.</summary>
    public delegate ResourceTransformationResult? ResourceTransformation(ResourceTransformationArgs args);
}
