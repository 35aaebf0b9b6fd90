using Pulumi;

namespace Platform.Components.Observability;

/// <summary>One OpenSearch service user (<see cref="LoggingBackend.Users"/>): its name and its password as a Pulumi
/// secret. A client puts them into a Kubernetes Secret of its own namespace; never into Helm values or command
/// lines.</summary>
public sealed record OpenSearchCredentials
{
    /// <summary>The user name. Required.</summary>
    public required string Username { get; init; }

    /// <summary>The password; a secret output. Required.</summary>
    public required Output<string> Password { get; init; }
}
