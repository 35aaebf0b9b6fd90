using System.Globalization;
using System.Text.Json;

namespace Pulumi
{
    /// <summary>Reads the stack's configuration in one namespace (the project name by default).</summary>
    public sealed class Config
    {
        private readonly string _name;

        /// <summary>Reads keys under <paramref name="name"/>, or under the project's name when omitted.</summary>
        public Config(string? name = null)
        {
            _name = name ?? Deployment.Instance.ProjectName;
        }

        private static ConfigStore Store => (Engine.Current ?? throw new InvalidOperationException(
            "Configuration can only be read inside a Pulumi program (Deployment.RunAsync or Deployment.TestAsync).")).Config;

        private string FullKey(string key) => $"{_name}:{key}";

        private string? Raw(string key, bool usedAsSecret)
        {
            var fullKey = FullKey(key);
            if (!Store.Values.TryGetValue(fullKey, out var value)) return null;
            if (!usedAsSecret && Store.SecretKeys.Contains(fullKey))
                Log.Warn($"Configuration '{fullKey}' value is a secret; use `GetSecret` instead of `Get`");
            return value;
        }

        /// <summary>The value, or null when unset.</summary>
        public string? Get(string key) => Raw(key, false);

        /// <summary>The value as a secret output, or null when unset.</summary>
        public Output<string>? GetSecret(string key) => Raw(key, true) is { } v ? Output.CreateSecret(v) : null;

        /// <summary>The value; fails the program with a hint when unset.</summary>
        public string Require(string key) => Get(key) ?? throw Missing(key, false);

        /// <summary>The value as a secret output; fails the program with a hint when unset.</summary>
        public Output<string> RequireSecret(string key) => GetSecret(key) ?? throw Missing(key, true);

        /// <summary>The value as a boolean, or null when unset.</summary>
        public bool? GetBoolean(string key) => Parse(key, Get(key), "Boolean", v => bool.TryParse(v, out var b) ? b : (bool?)null);

        /// <summary>The value as a boolean; fails the program when unset.</summary>
        public bool RequireBoolean(string key) => GetBoolean(key) ?? throw Missing(key, false);

        /// <summary>The value as a 32-bit integer, or null when unset.</summary>
        public int? GetInt32(string key)
            => Parse(key, Get(key), "Int32", v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : (int?)null);

        /// <summary>The value as a 32-bit integer; fails the program when unset.</summary>
        public int RequireInt32(string key) => GetInt32(key) ?? throw Missing(key, false);

        /// <summary>The value as a double, or null when unset.</summary>
        public double? GetDouble(string key)
            => Parse(key, Get(key), "Double", v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (double?)null);

        /// <summary>The value as a double; fails the program when unset.</summary>
        public double RequireDouble(string key) => GetDouble(key) ?? throw Missing(key, false);

        /// <summary>The value parsed from JSON, or default when unset.</summary>
        public T? GetObject<T>(string key) => Deserialize<T>(key, Get(key));

        /// <summary>The value parsed from JSON; fails the program when unset.</summary>
        public T RequireObject<T>(string key) => Get(key) is { } v ? Deserialize<T>(key, v)! : throw Missing(key, false);

        /// <summary>The value parsed from JSON, as a secret output, or null when unset.</summary>
        public Output<T>? GetSecretObject<T>(string key) => Raw(key, true) is { } v ? Output.CreateSecret(Deserialize<T>(key, v)!) : null;

        /// <summary>The value parsed from JSON, as a secret output; fails the program when unset.</summary>
        public Output<T> RequireSecretObject<T>(string key) => GetSecretObject<T>(key) ?? throw Missing(key, true);

        private T? Deserialize<T>(string key, string? value)
        {
            if (value == null) return default;
            try
            {
                return JsonSerializer.Deserialize<T>(value);
            }
            catch (JsonException e)
            {
                throw new RunException($"Configuration '{FullKey(key)}' value '{value}' is not a valid {typeof(T).FullName}", e);
            }
        }

        private T? Parse<T>(string key, string? value, string typeName, Func<string, T?> parse) where T : struct
        {
            if (value == null) return null;
            return parse(value) ?? throw new RunException($"Configuration '{FullKey(key)}' value '{value}' is not a valid {typeName}");
        }

        private RunException Missing(string key, bool secret)
            => new($"Missing Required configuration variable '{FullKey(key)}'\n" +
                   $"\tplease set a value using the command `pulumi config set {(secret ? "--secret " : "")}{FullKey(key)} <value>`");
    }
}
