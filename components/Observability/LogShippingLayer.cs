using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Observability.LogShipping;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;

namespace Platform.Components.Observability;

/// <summary>
/// The logging capability's shipper: Fluent Bit as a DaemonSet on every node (control planes and tainted nodes
/// included) in the namespace <see cref="Namespace"/>, sending container logs with their pods' metadata, the kubelet's
/// and containerd's journal and, from the control planes, the API server's audit log to the logging layer's OpenSearch
/// (<see cref="FluentBitConfig"/>), buffered on each node's disk so that an OpenSearch outage loses nothing within
/// <see cref="LogShippingOptions.BufferLimit"/> per output. The namespace is privileged: Fluent Bit reads the host's
/// <c>/var/log</c> and keeps its buffer in a hostPath, which the baseline and restricted levels refuse. It verifies
/// OpenSearch's certificate against the logging layer's CA (a Secret here) and logs in as the
/// <see cref="LoggingClients.FluentBit"/> user, whose password is a Secret here, read into environment variables.
/// </summary>
public sealed class LogShippingLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:observability:LogShipping";

    /// <summary>The namespace Fluent Bit runs in (<see cref="LoggingClients.Namespaces"/>' entry for Fluent Bit).</summary>
    public const string Namespace = "fluent-bit";

    /// <summary>Validates the options and the backend, then installs Fluent Bit.</summary>
    /// <exception cref="ArgumentException">The options are invalid, the endpoint is not an https URL, or the backend has
    /// no Fluent Bit user.</exception>
    public LogShippingLayer(string name, LogShippingLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var logging = args.Logging ?? throw new ArgumentException("Log shipping: Logging (the OpenSearch backend) is required.", nameof(args));
        if (!Uri.TryCreate(logging.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"Log shipping: the OpenSearch endpoint '{logging.Endpoint}' is not an https URL.", nameof(args));
        if (!logging.Users.TryGetValue(LoggingClients.FluentBit, out var user))
            throw new ArgumentException($"Log shipping: the OpenSearch backend has no '{LoggingClients.FluentBit}' user.", nameof(args));
        // Renders (and so validates) everything before anything is registered.
        var config = FluentBitConfig.Render(args.Options, endpoint.Host, logging.Port, args.AuditLog);
        var values = FluentBitValues.Render(args.Options, config, args.NodeTaints, serviceMonitor: args.Metrics is not null);

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            // hostPath volumes (the host's logs, the buffer and position databases) are admitted only at privileged.
            Enforce = PodSecurityLevel.Privileged,
            Allowances =
            [
                // The kubernetes filter reads pods and namespaces from the API server.
                NetworkAllowance.ToApiServer(),
                new NetworkAllowance
                {
                    Name = "allow-opensearch",
                    Direction = TrafficDirection.Egress,
                    Namespace = logging.Namespace,
                    Ports = [(logging.Port, "TCP")],
                },
            ],
            MetricsPorts = [(FluentBitConfig.MetricsPort, "TCP")],
        }, new ComponentResourceOptions { Parent = this });

        var credentials = SecretObjects.Create(this, $"{name}-opensearch-credentials", FluentBitValues.CredentialsSecret, ns.NamespaceName, "Opaque",
            new InputMap<string>
            {
                { FluentBitValues.UsernameKey, user.Username },
                { FluentBitValues.PasswordKey, Output.CreateSecret(user.Password) },
            });
        // A Secret rather than a ConfigMap only because the platform creates no ConfigMaps of its own; the CA is public.
        var ca = SecretObjects.Create(this, $"{name}-opensearch-ca", FluentBitValues.CaSecret, ns.NamespaceName, "Opaque",
            new InputMap<string> { { FluentBitValues.CaKey, logging.CaCertificatePem } });

        var waitFor = new List<Resource> { credentials, ca, logging.Ready };
        if (args.Metrics is { } metrics) waitFor.Add(metrics.CrdsReady);
        Release = HelmInstall.Chart($"{name}-fluent-bit", HelmCharts.FluentBit, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = waitFor.ToArray() });
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["bufferLimit"] = args.Options.BufferLimit,
        });
    }

    /// <summary>Fluent Bit's Helm release.</summary>
    public Release Release { get; }
}
