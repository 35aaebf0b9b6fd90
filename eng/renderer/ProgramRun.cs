using System.Collections.Immutable;
using Pulumi;

namespace Platform.Renderer;

/// <summary>One run of the platform program under the test engine.</summary>
/// <param name="Resources">Every resource the engine knows, the stack included.</param>
/// <param name="Recorded">Each resource with the args and options it was registered with, in the program's order.</param>
public sealed record ProgramRun(ImmutableArray<Resource> Resources, IReadOnlyList<RecordedResource> Recorded);
