using Platform.Components.Catalog;
using Platform.Components.Networking;
using Platform.Components.Security.Policies;
using Pulumi;
using Pulumi.Kubernetes.Helm.V3;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using static Platform.Components.Networking.HelmValues;

namespace Platform.Components.Security;

/// <summary>
/// The policy enforcement capability: OPA Gatekeeper in the restricted platform namespace <see cref="Namespace"/>, and
/// the platform's typed policies (<see cref="PlatformPolicy"/>), each a ConstraintTemplate of the platform's own CEL
/// and one Constraint. The webhook, the controller and the audit skip the exempt namespaces (kube-system and the
/// platform's own). Every Constraint waits for its template, and the template's resource is ready only once
/// Gatekeeper has created the Constraint's CRD from it (<see cref="PolicyManifests.WaitForCrd"/>).
/// </summary>
public sealed class PolicyEnforcementLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:security:PolicyEnforcement";

    /// <summary>The namespace Gatekeeper runs in.</summary>
    public const string Namespace = "gatekeeper-system";

    /// <summary>The Gatekeeper Config object's apiVersion; Gatekeeper reads only the one named <c>config</c> in its
    /// namespace.</summary>
    public const string ConfigApiVersion = "config.gatekeeper.sh/v1alpha1";

    /// <summary>Installs Gatekeeper and the policies.</summary>
    public PolicyEnforcementLayer(string name, PolicyEnforcementLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Policies.SelectMany(p => p.Validate().Select(problem => $"{p.Id}: {problem}")).ToList();
        if (args.Policies.Select(p => p.Kind).Distinct(StringComparer.Ordinal).Count() != args.Policies.Count)
            problems.Add("each policy may be given once");
        if (problems.Count > 0)
            throw new ArgumentException($"Policy enforcement: {string.Join("; ", problems)}.", nameof(args));

        var exempt = args.ExemptNamespaces.Append(Namespace).Append("kube-system").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        ExemptNamespaces = exempt;
        var values = GatekeeperValues.Render(args.Replicas, args.FailClosed, exempt,
            deleteOperations: args.Policies.OfType<ApiRestrictions>().Any(p => p.RefusesDeletions));

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            Allowances =
            [
                // The controller watches every kind its constraints match, the audit lists them, both write statuses.
                NetworkAllowance.ToApiServer(),
                // The API server calls the webhook from the control-plane nodes' own addresses: the port is the narrowest rule.
                new NetworkAllowance { Name = "allow-webhook", Direction = TrafficDirection.Ingress, AnyPeer = true,
                    Ports = [(GatekeeperValues.WebhookPort, "TCP")] },
            ],
            MetricsPorts = [(GatekeeperValues.MetricsPort, "TCP")],
        }, new ComponentResourceOptions { Parent = this });

        var releaseOptions = new CustomResourceOptions { Parent = this };
        Release = HelmInstall.Chart($"{name}-gatekeeper", HelmCharts.Gatekeeper, ns.NamespaceName, values, releaseOptions);

        // The audit (and the sync) skip the exempt namespaces too; Gatekeeper reads the Config named config only.
        _ = new Pulumi.Kubernetes.ApiExtensions.CustomResource($"{name}-config", new CustomObjectArgs(ConfigApiVersion, "Config")
        {
            Metadata = new ObjectMetaArgs { Name = "config", Namespace = ns.NamespaceName },
            Spec = new InputMap<object>
            {
                ["match"] = new object[] { Map(("excludedNamespaces", exempt.Cast<object>().ToArray()), ("processes", new object[] { "*" })) },
            },
        }, new CustomResourceOptions { Parent = this, DependsOn = new Resource[] { Release } });

        if (args.Metrics is { } metrics)
        {
            _ = new Pulumi.Kubernetes.ApiExtensions.CustomResource($"{name}-pod-monitor", new CustomObjectArgs("monitoring.coreos.com/v1", "PodMonitor")
            {
                Metadata = new ObjectMetaArgs { Name = "gatekeeper", Namespace = ns.NamespaceName },
                Spec = new InputMap<object>
                {
                    // The controller's and the audit's pods (the chart labels both gatekeeper.sh/system: "yes").
                    ["selector"] = Map(("matchLabels", Map(("gatekeeper.sh/system", "yes")))),
                    ["podMetricsEndpoints"] = new object[] { Map(("port", "metrics")) },
                },
            }, new CustomResourceOptions { Parent = this, DependsOn = new[] { metrics.CrdsReady, Release } });
        }

        var templates = new List<Pulumi.Kubernetes.ApiExtensions.CustomResource>();
        var constraints = new List<Pulumi.Kubernetes.ApiExtensions.CustomResource>();
        foreach (var policy in args.Policies)
        {
            var template = Object($"{name}-template-{policy.ConstraintName}", PolicyManifests.ConstraintTemplate(policy),
                new CustomResourceOptions { Parent = this, DependsOn = new Resource[] { Release } });
            templates.Add(template);
            // The template is ready once its Constraint CRD exists (its waitFor annotation), so the Constraint finds its kind.
            constraints.Add(Object($"{name}-constraint-{policy.ConstraintName}", PolicyManifests.Constraint(policy),
                new CustomResourceOptions { Parent = this, DependsOn = new Resource[] { template } }));
        }
        Templates = templates;
        Constraints = constraints;
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["policies"] = args.Policies.Select(p => $"{p.ConstraintName}={PolicyManifests.Action(p.Enforcement)}").ToArray(),
        });
    }

    /// <summary>Gatekeeper's release.</summary>
    public Release Release { get; }

    /// <summary>The namespaces no policy checks, the layer's own and kube-system included.</summary>
    public IReadOnlyList<string> ExemptNamespaces { get; }

    /// <summary>The ConstraintTemplates, in policy order.</summary>
    public IReadOnlyList<Pulumi.Kubernetes.ApiExtensions.CustomResource> Templates { get; }

    /// <summary>The Constraints, in policy order, each waiting for its template.</summary>
    public IReadOnlyList<Pulumi.Kubernetes.ApiExtensions.CustomResource> Constraints { get; }

    private static Pulumi.Kubernetes.ApiExtensions.CustomResource Object(string resourceName, Dictionary<string, object> manifest, CustomResourceOptions options)
    {
        var metadata = (Dictionary<string, object>)manifest["metadata"];
        var meta = new ObjectMetaArgs { Name = (string)metadata["name"] };
        if (metadata.TryGetValue("annotations", out var annotations))
            meta.Annotations = ((Dictionary<string, object>)annotations).ToDictionary(kv => kv.Key, kv => (string)kv.Value);
        return new Pulumi.Kubernetes.ApiExtensions.CustomResource(resourceName, new CustomObjectArgs((string)manifest["apiVersion"], (string)manifest["kind"])
        {
            Metadata = meta,
            Spec = ((Dictionary<string, object>)manifest["spec"]).ToDictionary(kv => kv.Key, kv => kv.Value),
        }, options);
    }
}
