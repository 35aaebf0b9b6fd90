namespace Platform.Renderer;

/// <summary>A clock that always reads <see cref="Now"/>: a render's time, or a test's.</summary>
public sealed class FixedClock : TimeProvider
{
    /// <summary>A clock at <paramref name="now"/>.</summary>
    public FixedClock(DateTimeOffset now) => Now = now;

    /// <summary>The time it reads.</summary>
    public DateTimeOffset Now { get; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;
}
