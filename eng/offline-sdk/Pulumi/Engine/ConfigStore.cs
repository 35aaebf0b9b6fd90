using System.Collections.Immutable;
using System.Text.Json;

namespace Pulumi
{
    /// <summary>Configuration as Pulumi hands it to a program: PULUMI_CONFIG (a JSON object) and PULUMI_CONFIG_SECRET_KEYS (a JSON array).</summary>
    internal sealed class ConfigStore
    {
        private ConfigStore(ImmutableDictionary<string, string> values, ImmutableHashSet<string> secretKeys)
        {
            Values = values;
            SecretKeys = secretKeys;
        }

        public ImmutableDictionary<string, string> Values { get; }
        public ImmutableHashSet<string> SecretKeys { get; }

        public static ConfigStore FromEnvironment()
        {
            var values = ImmutableDictionary.CreateBuilder<string, string>();
            var raw = Environment.GetEnvironmentVariable("PULUMI_CONFIG");
            if (!string.IsNullOrWhiteSpace(raw))
            {
                using var document = JsonDocument.Parse(raw);
                foreach (var property in document.RootElement.EnumerateObject())
                    values[CleanKey(property.Name)] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : property.Value.GetRawText();
            }
            var secrets = ImmutableHashSet.CreateBuilder<string>();
            var rawSecrets = Environment.GetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS");
            if (!string.IsNullOrWhiteSpace(rawSecrets))
            {
                using var document = JsonDocument.Parse(rawSecrets);
                foreach (var key in document.RootElement.EnumerateArray())
                    secrets.Add(CleanKey(key.GetString()!));
            }
            return new ConfigStore(values.ToImmutable(), secrets.ToImmutable());
        }

        /// <summary>Old-style keys "project:config:key" mean "project:key".</summary>
        private static string CleanKey(string key)
        {
            var parts = key.Split(':');
            return parts.Length == 3 && parts[1] == "config" ? $"{parts[0]}:{parts[2]}" : key;
        }
    }
}
