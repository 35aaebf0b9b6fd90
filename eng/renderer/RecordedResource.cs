using Pulumi;

namespace Platform.Renderer;

/// <summary>One resource as the program registered it: the resource, its args and its options.</summary>
/// <param name="Order">Its place in the order the program registered resources (0 first).</param>
/// <param name="Resource">The resource object.</param>
/// <param name="Args">The args it was built with (secret inputs unwrapped, as the engine sends them).</param>
/// <param name="Options">Its options: parent, DependsOn, protection, additional secret outputs, ...</param>
public sealed record RecordedResource(long Order, Resource Resource, ResourceArgs Args, ResourceOptions Options);
