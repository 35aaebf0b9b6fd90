using System.Text.RegularExpressions;
using Platform.Components.Observability.Monitoring;
using Pulumi;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace Platform.Components.Observability;

/// <summary>A Grafana data source: a Secret in Grafana's namespace labelled <c>grafana_datasource: "1"</c>, which
/// kube-prometheus-stack's datasource sidecar loads into Grafana (and reloads on change). A Secret, not a ConfigMap,
/// because a data source may hold a password; its data stays a Pulumi secret.</summary>
public sealed partial class GrafanaDataSource : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:observability:GrafanaDataSource";

    /// <summary>Provisions the data source.</summary>
    public GrafanaDataSource(string name, GrafanaDataSourceArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!Label().IsMatch(args.Name))
            throw new ArgumentException($"Grafana data source name '{args.Name}' is not a DNS-1123 label.", nameof(args));
        SecretName = $"grafana-datasource-{args.Name}";
        Secret = new Secret($"{name}-secret", new SecretArgs
        {
            Metadata = new ObjectMetaArgs
            {
                Name = SecretName,
                Namespace = args.Namespace,
                Labels = { { GrafanaDataSourceDocuments.SidecarLabel, GrafanaDataSourceDocuments.SidecarLabelValue } },
            },
            Type = "Opaque",
            StringData = { { $"{args.Name}.yaml", Output.CreateSecret(args.Document.ToOutput()) } },
        }, new CustomResourceOptions { Parent = this, DependsOn = args.After.ToArray(), AdditionalSecretOutputs = { "stringData", "data" } });
        RegisterOutputs(new Dictionary<string, object?> { ["secretName"] = SecretName });
    }

    /// <summary>The Secret's name.</summary>
    public string SecretName { get; }

    /// <summary>The Secret the sidecar loads.</summary>
    public Secret Secret { get; }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$")]
    private static partial Regex Label();
}
