using System.Collections.Concurrent;
using Platform.Stacks;
using Pulumi;

namespace Platform.Renderer;

/// <summary>
/// <see cref="PlatformStack"/> with a stack transformation that records every resource's args and options (parent,
/// DependsOn, secrets, ...) as it is registered. Transformations run the same under the real packages and the offline
/// SDK, so what is recorded here is what <c>pulumi up</c> would register. One run at a time: <see cref="Begin"/> starts
/// a fresh record.
/// </summary>
public sealed class RecordedPlatformStack : PlatformStack
{
    private static ConcurrentDictionary<Resource, RecordedResource> _current = new();
    private static long _order;
    private static TimeProvider _clock = TimeProvider.System;

    /// <summary>Built by <c>Deployment.TestAsync</c>.</summary>
    public RecordedPlatformStack() : base(Observe(_current), _clock)
    {
    }

    /// <summary>Starts a new record and returns it; the next stack built fills it and runs at <paramref name="clock"/>'s
    /// time.</summary>
    public static ConcurrentDictionary<Resource, RecordedResource> Begin(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        return _current = new ConcurrentDictionary<Resource, RecordedResource>();
    }

    private static StackOptions Observe(ConcurrentDictionary<Resource, RecordedResource> record)
    {
#pragma warning disable CS0618 // ResourceTransformations is the transformation hook that also runs under the mock engine.
        return new StackOptions
        {
            ResourceTransformations =
            {
                args =>
                {
                    record[args.Resource] = new RecordedResource(Interlocked.Increment(ref _order), args.Resource, args.Args, args.Options);
                    return null;
                },
            },
        };
#pragma warning restore CS0618
    }
}
