using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Components.UserInterface;

namespace Platform.Stacks.Configuration;

/// <summary>Reads <c>platform:userInterface</c>; unknown fields are errors.</summary>
internal static class UserInterfaceOptionsParser
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private sealed record UserInterfaceJson(
        [property: JsonPropertyName("host")] string? Host,
        [property: JsonPropertyName("replicas")] int? Replicas,
        [property: JsonPropertyName("sessionTtlSeconds")] int? SessionTtlSeconds,
        [property: JsonPropertyName("plugins")] bool? Plugins);

    /// <summary>The options: the defaults when the key is unset, null when the value is wrong (see the problems).</summary>
    public static UserInterfaceOptions? Read(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.UserInterface;
        var text = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(text)) return new UserInterfaceOptions();
        UserInterfaceJson json;
        try
        {
            json = JsonSerializer.Deserialize<UserInterfaceJson>(text, Strict) ?? throw new JsonException("The value is null.");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? key.Name : key.Name + e.Path.TrimStart('$');
            problems.Add(where, $"{e.Message.Split(" Path:")[0]} Use e.g. `{key.Example}`.");
            return null;
        }
        var defaults = new UserInterfaceOptions();
        var options = new UserInterfaceOptions
        {
            Host = json.Host,
            Replicas = json.Replicas,
            SessionTtlSeconds = json.SessionTtlSeconds ?? defaults.SessionTtlSeconds,
            Plugins = json.Plugins ?? defaults.Plugins,
        };
        var found = options.Validate();
        foreach (var problem in found)
            problems.Add(key.Name, problem);
        return found.Count == 0 ? options : null;
    }
}
