using Platform.Components.Cluster;

namespace Platform.Tests.Cluster;

public class MaxUnavailableWorkersTests
{
    [Theory]
    [InlineData(300, 30)]
    [InlineData(25, 2)]
    [InlineData(9, 1)]
    [InlineData(3, 1)]
    [InlineData(0, 1)]
    public void The_default_takes_ten_percent_of_the_workers_rounded_down_and_at_least_one(int workers, int atOnce) =>
        Assert.Equal(atOnce, MaxUnavailableWorkers.Default.For(workers));

    [Theory]
    [InlineData(5, 300, 5)]
    [InlineData(5, 3, 3)]
    [InlineData(1, 1, 1)]
    public void A_count_is_taken_as_it_is_up_to_every_worker(int count, int workers, int atOnce) =>
        Assert.Equal(atOnce, MaxUnavailableWorkers.FromCount(count).For(workers));

    [Theory]
    [InlineData(100, 7, 7)]
    [InlineData(34, 3, 1)]
    [InlineData(50, 5, 2)]
    public void A_percentage_rounds_down(int percent, int workers, int atOnce) =>
        Assert.Equal(atOnce, MaxUnavailableWorkers.FromPercent(percent).For(workers));

    [Fact]
    public void Out_of_range_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MaxUnavailableWorkers.FromCount(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaxUnavailableWorkers.FromPercent(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaxUnavailableWorkers.FromPercent(101));
    }

    [Fact]
    public void It_prints_as_configured()
    {
        Assert.Equal("10%", MaxUnavailableWorkers.Default.ToString());
        Assert.Equal("4", MaxUnavailableWorkers.FromCount(4).ToString());
    }
}
