using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Platform.Stacks.Configuration;

/// <summary>The address of the Kubernetes API server as clients and joining nodes reach it (kubeadm's
/// <c>controlPlaneEndpoint</c>): an IPv4 address or DNS name, and a port.</summary>
public sealed record ApiEndpoint
{
    /// <summary>The port used when none is given: 6443, the kube-apiserver default.</summary>
    public const int DefaultPort = 6443;

    /// <summary>Creates an endpoint.</summary>
    /// <param name="host">An IPv4 address or DNS name.</param>
    /// <param name="port">The port, 1–65535; defaults to 6443.</param>
    /// <exception cref="ArgumentException"><paramref name="host"/> is neither an IPv4 address nor a DNS name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is outside 1–65535.</exception>
    public ApiEndpoint(string host, int port = DefaultPort)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (ConfigSyntax.HostProblem(host) is { } problem)
        {
            throw new ArgumentException($"The API endpoint host {problem}.", nameof(host));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Host = host;
        Port = port;
    }

    /// <summary>The IPv4 address or DNS name of the API server (or of the load balancer in front of it).</summary>
    public string Host { get; }

    /// <summary>The API server port; 6443 unless configured otherwise.</summary>
    public int Port { get; }

    /// <summary>The address as an IP address when <see cref="Host"/> is an IPv4 address, otherwise null.</summary>
    public IPAddress? HostAddress => ConfigSyntax.Ipv4OrNull(Host);

    /// <summary>The API server URL, <c>https://host:port</c> (no trailing slash), as written in a kubeconfig.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"https://{Host}:{Port}");

    /// <summary>Parses <c>host</c> or <c>host:port</c>.</summary>
    /// <param name="text">The endpoint, e.g. <c>10.0.0.10</c> or <c>k8s-api.example.internal:6443</c>.</param>
    /// <returns>The endpoint; the port defaults to 6443.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a valid endpoint; the message says why.</exception>
    public static ApiEndpoint Parse(string text) =>
        TryParse(text, out var endpoint, out var problem) ? endpoint : throw new FormatException(problem + ".");

    /// <summary>Parses <c>host</c> or <c>host:port</c>.</summary>
    /// <param name="text">The endpoint text.</param>
    /// <param name="endpoint">The endpoint, or null when <paramref name="text"/> is not valid.</param>
    /// <returns>True when <paramref name="text"/> is a valid endpoint.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ApiEndpoint? endpoint) => TryParse(text, out endpoint, out _);

    /// <summary>The endpoint as <c>host:port</c>.</summary>
    /// <returns>The endpoint text, always with the port.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    /// <summary>Parses like <see cref="TryParse(string?, out ApiEndpoint?)"/>, explaining a failure in
    /// <paramref name="problem"/> (a sentence fragment without a final period).</summary>
    internal static bool TryParse(string? text, [NotNullWhen(true)] out ApiEndpoint? endpoint, out string problem)
    {
        endpoint = null;
        problem = string.Empty;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            problem = "is empty";
            return false;
        }

        if (trimmed.Contains("://", StringComparison.Ordinal))
        {
            problem = $"'{trimmed}' is a URL; give only the host or host:port, without a scheme";
            return false;
        }

        if (trimmed.StartsWith('[') || trimmed.Count(c => c == ':') > 1)
        {
            problem = $"'{trimmed}' looks like an IPv6 address, and Platform supports IPv4 only for now";
            return false;
        }

        var host = trimmed;
        var port = DefaultPort;
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            host = trimmed[..colon];
            var portText = trimmed[(colon + 1)..];
            if (portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit) ||
                !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                problem = $"port '{portText}' in '{trimmed}' is not a number between 1 and 65535";
                return false;
            }
        }

        if (ConfigSyntax.HostProblem(host) is { } hostProblem)
        {
            problem = host.Length == 0 ? $"'{trimmed}' has no host" : hostProblem;
            return false;
        }

        endpoint = new ApiEndpoint(host, port);
        return true;
    }
}
