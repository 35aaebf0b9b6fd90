using Platform.Components.Cluster.Reboots;
using Platform.Stacks.Configuration;

namespace Platform.Tests.Configuration;

/// <summary><c>platform:reboots</c>: the window, time zone and drain timeout kured gets, and a clear error, naming the
/// field and the fix, for each bad value.</summary>
public class RebootOptionsTests
{
    private static NodeRebootOptions Load(string? reboots) => ValidConfig.Load(values => ValidConfig.Set(values, "reboots", reboots)).Reboots;

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("null")]
    public void Unset_reboots_are_on_every_day_the_whole_day_in_utc_with_a_fifteen_minute_drain(string? reboots)
    {
        var options = Load(reboots);

        Assert.True(options.Enabled);
        Assert.Equal(Enum.GetValues<DayOfWeek>(), options.Days);
        Assert.Equal(new TimeOnly(0, 0), options.StartTime);
        Assert.Equal(new TimeOnly(23, 59, 59), options.EndTime);
        Assert.Equal("UTC", options.TimeZone);
        Assert.Equal(TimeSpan.FromMinutes(15), options.DrainTimeout);
    }

    [Fact]
    public void The_documented_default_is_what_an_unset_key_gives()
    {
        var unset = Load(null);
        var documented = Load(PlatformConfigKeys.Reboots.Default);

        Assert.Equal(unset.Days, documented.Days);
        Assert.Equal(unset with { Days = documented.Days }, documented);
    }

    [Fact]
    public void A_window_over_midnight_on_weekends_in_a_named_zone_is_read_as_given()
    {
        var options = Load("""{"days": ["Saturday", "sun"], "startTime": "22:30", "endTime": "04:00:30", "timeZone": "Europe/Berlin", "drainTimeout": "1h30m"}""");

        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], options.Days);
        Assert.Equal(new TimeOnly(22, 30), options.StartTime);
        Assert.Equal(new TimeOnly(4, 0, 30), options.EndTime);
        Assert.Equal("Europe/Berlin", options.TimeZone);
        Assert.Equal(TimeSpan.FromMinutes(90), options.DrainTimeout);
    }

    [Fact]
    public void Reboots_can_be_switched_off()
    {
        Assert.False(Load("""{"enabled": false}""").Enabled);
    }

    [Theory]
    [InlineData("""{"days": ["mon", "funday"]}""", "platform:reboots.days[1]", "'funday' is not a day of the week (did you mean 'sunday'?). Use a list of day names")]
    [InlineData("""{"days": [1]}""", "platform:reboots.days[0]", "1 is not a day of the week. Use a list of day names")]
    [InlineData("""{"days": ["mo", "monday"]}""", "platform:reboots.days[1]", "'monday' repeats Monday. List each day once.")]
    [InlineData("""{"days": []}""", "platform:reboots.days", "is empty: nodes would never reboot.")]
    [InlineData("""{"days": "sat"}""", "platform:reboots.days", "is a string, not a list.")]
    [InlineData("""{"startTime": "25:00"}""", "platform:reboots.startTime", "\"25:00\" is not a time of day. Use a 24-hour time of day as text, HH:MM or HH:MM:SS")]
    [InlineData("""{"startTime": "2am"}""", "platform:reboots.startTime", "\"2am\" is not a time of day.")]
    [InlineData("""{"endTime": 4}""", "platform:reboots.endTime", "4 is not a time of day.")]
    [InlineData("""{"startTime": "03:00", "endTime": "03:00"}""", "platform:reboots.endTime", "is the same as startTime (03:00:00): the window would be empty.")]
    [InlineData("""{"timeZone": "Europe/Berlim"}""", "platform:reboots.timeZone", "\"Europe/Berlim\" is not an IANA time zone (did you mean 'Europe/Berlin'?). Use a tz database name as text")]
    [InlineData("""{"timeZone": "CEST"}""", "platform:reboots.timeZone", "\"CEST\" is not an IANA time zone")]
    [InlineData("""{"timeZone": 1}""", "platform:reboots.timeZone", "1 is not an IANA time zone.")]
    [InlineData("""{"drainTimeout": "15 minutes"}""", "platform:reboots.drainTimeout", "\"15 minutes\" is not a duration. Use hours, minutes and seconds as text")]
    [InlineData("""{"drainTimeout": 900}""", "platform:reboots.drainTimeout", "900 is not a duration.")]
    [InlineData("""{"drainTimeout": "0s"}""", "platform:reboots.drainTimeout", "\"0s\" is outside 1m to 24h")]
    [InlineData("""{"drainTimeout": "25h"}""", "platform:reboots.drainTimeout", "\"25h\" is outside 1m to 24h")]
    [InlineData("""{"enabled": "yes"}""", "platform:reboots.enabled", "is a string (\"yes\"), not a boolean.")]
    [InlineData("""{"window": "nights"}""", "platform:reboots.window", "unknown field 'window'. Use only enabled, days, startTime, endTime, timeZone or drainTimeout.")]
    [InlineData("\"nights\"", "platform:reboots", "is a string, not an object.")]
    [InlineData("{\"days\": [", "platform:reboots", "is not valid JSON")]
    public void A_bad_value_is_reported_with_its_field_and_the_fix(string reboots, string expectedKey, string expectedMessage)
    {
        var exception = ValidConfig.Problems(values => values["reboots"] = reboots);

        var problem = Assert.Single(exception.Problems);
        Assert.Equal(expectedKey, problem.Key);
        Assert.Contains(expectedMessage, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var exception = ValidConfig.Problems(values => values["reboots"] = """{"days": ["xx"], "startTime": "x", "timeZone": "Mars/Olympus", "drainTimeout": "1d"}""");

        Assert.Equal(["platform:reboots.days[0]", "platform:reboots.startTime", "platform:reboots.timeZone", "platform:reboots.drainTimeout"],
            exception.Problems.Select(p => p.Key));
    }
}
