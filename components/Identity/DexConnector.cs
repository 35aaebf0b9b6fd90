namespace Platform.Components.Identity;

/// <summary>One upstream identity provider Dex offers on its login page (one entry of
/// <c>platform:authentication.connectors</c>): its id, display name, type and the type's non-secret settings. The
/// secret (<see cref="DexConnectors.SecretField"/>) never is in here: it comes from <c>platform:authenticationSecrets</c>
/// and reaches Dex as an environment variable.</summary>
public sealed record DexConnector
{
    /// <summary>The connector's id: lowercase letters, digits and '-', starting with a letter, at most 40 characters
    /// (part of the login URL and of users' subject claims: changing it makes every user a new one). Required.</summary>
    public required string Id { get; init; }

    /// <summary>The name on Dex's login page, e.g. <c>Corporate directory</c>. Default: the id.</summary>
    public string? Name { get; init; }

    /// <summary>The connector's type. Required.</summary>
    public required DexConnectorType Type { get; init; }

    /// <summary>The type's settings as Dex names them (<see cref="DexConnectors.AllowedSettings"/>), plain values:
    /// strings, booleans, numbers, lists and maps of them. Default none.</summary>
    public IReadOnlyDictionary<string, object> Settings { get; init; } = new Dictionary<string, object>();

    /// <summary>The name shown on the login page: <see cref="Name"/>, or the id.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}
