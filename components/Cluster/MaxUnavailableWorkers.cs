using System.Globalization;

namespace Platform.Components.Cluster;

/// <summary>How many workers an upgrade takes out of service at once (drained, upgraded, uncordoned together): a count,
/// or a percentage of the workers rounded down, at least one either way. Control-plane nodes always go one at a
/// time.</summary>
public sealed record MaxUnavailableWorkers
{
    private MaxUnavailableWorkers(int? count, int? percent)
    {
        WorkerCount = count;
        Percent = percent;
    }

    /// <summary>The default: 10% of the workers (at least one).</summary>
    public static MaxUnavailableWorkers Default { get; } = FromPercent(10);

    /// <summary>The fixed number of workers, or null when <see cref="Percent"/> is set.</summary>
    public int? WorkerCount { get; }

    /// <summary>The percentage of the workers (1 to 100), or null when <see cref="WorkerCount"/> is set.</summary>
    public int? Percent { get; }

    /// <summary><paramref name="count"/> workers at once.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static MaxUnavailableWorkers FromCount(int count) =>
        count >= 1 ? new(count, null) : throw new ArgumentOutOfRangeException(nameof(count), count, "At least one worker upgrades at a time.");

    /// <summary><paramref name="percent"/> percent of the workers at once.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not between 1 and 100.</exception>
    public static MaxUnavailableWorkers FromPercent(int percent) =>
        percent is >= 1 and <= 100 ? new(null, percent) : throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentage is 1 to 100.");

    /// <summary>How many of <paramref name="workers"/> workers upgrade at once: the count or the percentage (rounded down),
    /// at least one and at most all of them.</summary>
    public int For(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        var atOnce = WorkerCount ?? workers * Percent!.Value / 100;
        return Math.Max(1, Math.Min(atOnce, Math.Max(workers, 1)));
    }

    /// <summary>The setting as configured: <c>3</c> or <c>10%</c>.</summary>
    public override string ToString() =>
        WorkerCount is { } count ? count.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Percent}%");
}
