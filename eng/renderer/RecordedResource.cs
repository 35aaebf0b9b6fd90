using Pulumi;

namespace Platform.Renderer;

/// <summary>One resource as the program registered it: the resource, its args and its options.</summary>
/// <param name="Resource">The resource object.</param>
/// <param name="Args">The args it was built with (secret inputs unwrapped, as the engine sends them).</param>
/// <param name="Options">Its options: parent, DependsOn, protection, additional secret outputs, ...</param>
public sealed record RecordedResource(Resource Resource, ResourceArgs Args, ResourceOptions Options);
