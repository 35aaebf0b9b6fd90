using System.Text.Json.Nodes;
using k8s.Models;
using Platform.Components.Cluster;
using Platform.Components.Observability;
using Platform.Components.Observability.Scraping;
using Platform.Renderer;
using Platform.Tests.Harness;
using Platform.Tests.Validation;
using Pulumi;

namespace Platform.Tests.Observability.Scraping;

/// <summary>The metrics proxies as they are registered: every built-in object decoded strictly into its KubernetesClient
/// model, the DaemonSets' placement, containers, ports and arguments, the RBAC they get, the certificates and the
/// node upstreams' ServiceMonitors, which wait for the Prometheus Operator's CRDs.</summary>
public class ControlPlaneMetricsProxyTests
{
    private const string Crds = "prometheus-operator-crds";

    private static Task<ComponentRun> Run(bool kubeProxy = true, bool calicoFelix = false) => ComponentRun.RunAsync(
        () => new Pulumi.Kubernetes.Core.V1.Namespace(Crds),
        (crds, options) =>
        {
            var ca = new CertificateAuthority(Output.Create(PlatformMocks.Pem("CERTIFICATE", "ca")), Output.CreateSecret(PlatformMocks.Pem("PRIVATE KEY", "ca")),
                Output.Create(PlatformMocks.Pem("PUBLIC KEY", "ca")), Output.Create("2036-01-01T00:00:00Z"));
            _ = new ControlPlaneMetricsProxy("metrics-proxy", new ControlPlaneMetricsProxyArgs
            {
                ClusterCa = ca,
                Metrics = new MetricsScraping { CrdsReady = crds },
                KubeProxy = kubeProxy,
                CalicoFelix = calicoFelix,
            }, options);
        });

    private static T Decode<T>(ComponentRun run, string type, string name)
    {
        var json = WireJson.Object(run.Registration(type, name).Inputs);
        return (T)StrictJson.Decode(json, typeof(T));
    }

    [Fact]
    public async Task Every_built_in_object_decodes_strictly()
    {
        var run = await Run(calicoFelix: true);
        var decoded = 0;
        foreach (var registration in run.Registrations.Where(r => r.Name != Crds))
        {
            if (!KubernetesModels.TryGetForPulumiType(registration.Type!, out var builtIn)) continue;
            var json = WireJson.Object(registration.Inputs);
            Assert.Equal(builtIn.ApiVersion, (string?)json["apiVersion"]);
            Assert.Equal(builtIn.Kind, (string?)json["kind"]);
            _ = StrictJson.Decode(json, builtIn.Model);
            decoded++;
        }
        // Two Secrets, the ServiceAccount, two ClusterRoles and their bindings, two DaemonSets, two Services.
        Assert.Equal(11, decoded);
    }

    [Fact]
    public async Task The_control_plane_daemon_set_runs_a_proxy_per_component_on_the_host_network_of_control_planes()
    {
        var run = await Run();
        var set = Decode<V1DaemonSet>(run, "kubernetes:apps/v1:DaemonSet", "metrics-proxy-control-plane");
        Assert.Equal("kube-system", set.Metadata.NamespaceProperty);
        var pod = set.Spec.Template.Spec;
        // A renewed certificate changes the template's digest, so the proxies restart and read it.
        Assert.Matches("^[0-9a-f]{64}$", set.Spec.Template.Metadata.Annotations[ControlPlaneMetricsProxy.CertificatesAnnotation]);
        Assert.True(pod.HostNetwork);
        Assert.Equal("ClusterFirstWithHostNet", pod.DnsPolicy);
        Assert.Equal(new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "" }, pod.NodeSelector);
        var toleration = Assert.Single(pod.Tolerations);
        Assert.Equal("Exists", toleration.OperatorProperty);
        Assert.Null(toleration.Key);
        Assert.Equal("metrics-proxy", pod.ServiceAccountName);
        Assert.Equal(set.Spec.Selector.MatchLabels, set.Spec.Template.Metadata.Labels);
        Assert.Equal(MetricsProxyIdentity.Labels(MetricsProxyIdentity.ControlPlaneApp).OrderBy(kv => kv.Key), set.Spec.Template.Metadata.Labels.OrderBy(kv => kv.Key));

        Assert.Equal(["controller-manager", "scheduler", "etcd"], pod.Containers.Select(c => c.Name));
        foreach (var container in pod.Containers)
        {
            var upstream = container.Name switch
            {
                "controller-manager" => MetricsUpstreams.ControllerManager,
                "scheduler" => MetricsUpstreams.Scheduler,
                _ => MetricsUpstreams.Etcd,
            };
            Assert.Equal(ObservabilityImages.KubeRbacProxy, container.Image);
            Assert.Equal(MetricsProxyArguments.For(upstream), container.Args);
            var port = Assert.Single(container.Ports);
            Assert.Equal(upstream.ListenPort, port.ContainerPort);
            Assert.Null(port.HostPort);
            var env = Assert.Single(container.Env);
            Assert.Equal("NODE_IP", env.Name);
            Assert.Equal("status.hostIP", env.ValueFrom.FieldRef.FieldPath);
            Assert.Equal(upstream.ListenPort.ToString(System.Globalization.CultureInfo.InvariantCulture), container.ReadinessProbe.TcpSocket.Port.Value);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.Null(container.SecurityContext.Privileged);
            // The client certificate and the cluster CA only where the upstream is HTTPS.
            Assert.Equal(upstream.Tls ? new[] { "serving", "client", "cluster-ca" } : new[] { "serving" }, container.VolumeMounts.Select(m => m.Name));
            Assert.All(container.VolumeMounts, m => Assert.True(m.ReadOnlyProperty));
        }
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        var volumes = pod.Volumes.ToDictionary(v => v.Name);
        Assert.Equal(ControlPlaneMetricsProxy.ServingSecret, volumes["serving"].Secret.SecretName);
        Assert.Equal(ControlPlaneMetricsProxy.ClientSecret, volumes["client"].Secret.SecretName);
        Assert.Equal("kube-root-ca.crt", volumes["cluster-ca"].ConfigMap.Name);
    }

    [Theory]
    [InlineData(true, false, new[] { "kube-proxy" })]
    [InlineData(false, true, new[] { "calico-felix" })]
    [InlineData(true, true, new[] { "kube-proxy", "calico-felix" })]
    [InlineData(false, false, new string[0])]
    public async Task Every_node_gets_a_proxy_for_kube_proxy_and_felix_where_they_run_with_a_service_monitor_that_waits_for_the_crds(
        bool kubeProxy, bool felix, string[] upstreams)
    {
        var run = await Run(kubeProxy, felix);
        var sets = run.Of("kubernetes:apps/v1:DaemonSet");
        if (upstreams.Length == 0)
        {
            Assert.Single(sets);
            Assert.Empty(run.Of("kubernetes:monitoring.coreos.com/v1:ServiceMonitor"));
            return;
        }
        var set = Decode<V1DaemonSet>(run, "kubernetes:apps/v1:DaemonSet", "metrics-proxy-nodes");
        Assert.Null(set.Spec.Template.Spec.NodeSelector);
        Assert.Equal("Exists", Assert.Single(set.Spec.Template.Spec.Tolerations).OperatorProperty);
        Assert.Equal(upstreams, set.Spec.Template.Spec.Containers.Select(c => c.Name));

        foreach (var name in upstreams)
        {
            var upstream = name == "kube-proxy" ? MetricsUpstreams.KubeProxy : MetricsUpstreams.CalicoFelix;
            var service = Decode<V1Service>(run, "kubernetes:core/v1:Service", $"metrics-proxy-{name}");
            Assert.Equal("None", service.Spec.ClusterIP);
            Assert.Equal(set.Spec.Template.Metadata.Labels, service.Spec.Selector);
            var port = Assert.Single(service.Spec.Ports);
            Assert.Equal(upstream.ListenPort, port.Port);
            Assert.Equal("http-metrics", port.Name);
            Assert.Equal(name, service.Metadata.Labels["jobLabel"]);

            var monitor = WireJson.Object(run.Registration("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", $"metrics-proxy-{name}").Inputs);
            Assert.Equal("kube-system", (string?)monitor["metadata"]!["namespace"]);
            var spec = monitor["spec"]!;
            // It selects exactly this Service.
            var selector = spec["selector"]!["matchLabels"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
            Assert.Equal(service.Metadata.Labels, selector);
            var endpoint = Assert.Single(spec["endpoints"]!.AsArray())!;
            Assert.Equal("http-metrics", (string?)endpoint["port"]);
            Assert.Equal("https", (string?)endpoint["scheme"]);
            Assert.Equal(MetricsProxyIdentity.ServerName, (string?)endpoint["tlsConfig"]!["serverName"]);
            Assert.Equal("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt", (string?)endpoint["tlsConfig"]!["caFile"]);
            Assert.False((bool)endpoint["tlsConfig"]!["insecureSkipVerify"]!);
            Assert.Contains(Crds, run.DependsOn[$"metrics-proxy-{name}"]);
            CheckAgainstCrd(spec);
        }
    }

    [Fact]
    public async Task The_service_account_may_create_reviews_only_and_the_client_certificate_user_may_get_metrics_only()
    {
        var run = await Run();
        var reviews = Decode<V1ClusterRole>(run, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "metrics-proxy-reviews");
        Assert.Equal(
            ["authentication.k8s.io/tokenreviews:create", "authorization.k8s.io/subjectaccessreviews:create"],
            reviews.Rules.Select(r => $"{Assert.Single(r.ApiGroups)}/{Assert.Single(r.Resources)}:{string.Join(",", r.Verbs)}"));
        var reviewsBinding = Decode<V1ClusterRoleBinding>(run, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "metrics-proxy-reviews");
        var account = Assert.Single(reviewsBinding.Subjects);
        Assert.Equal(("ServiceAccount", "metrics-proxy", "kube-system"), (account.Kind, account.Name, account.NamespaceProperty));

        var upstream = Decode<V1ClusterRole>(run, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "metrics-proxy-upstream");
        var rule = Assert.Single(upstream.Rules);
        Assert.Equal(["/metrics"], rule.NonResourceURLs);
        Assert.Equal(["get"], rule.Verbs);
        Assert.Null(rule.Resources);
        var user = Assert.Single(Decode<V1ClusterRoleBinding>(run, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "metrics-proxy-upstream").Subjects);
        Assert.Equal(("User", MetricsProxyIdentity.UpstreamUser), (user.Kind, user.Name));

        // The certificates: the serving one for the name every scrape verifies, the client one for that user, both
        // signed by the cluster CA, their keys secret.
        var serving = run.Registration("tls:index/certRequest:CertRequest", "metrics-proxy-serving-csr").Inputs;
        Assert.Equal(MetricsProxyIdentity.ServerName, Assert.Single((System.Collections.Immutable.ImmutableArray<object>)serving["dnsNames"]));
        var client = run.Registration("tls:index/certRequest:CertRequest", "metrics-proxy-client-csr").Inputs;
        Assert.Equal(MetricsProxyIdentity.UpstreamUser, ((IReadOnlyDictionary<string, object>)client["subject"])["commonName"]);
        foreach (var cert in new[] { "metrics-proxy-serving-cert", "metrics-proxy-client-cert" })
            Assert.Equal(PlatformMocks.Pem("CERTIFICATE", "ca"), run.Registration("tls:index/locallySignedCert:LocallySignedCert", cert).Inputs["caCertPem"]);
        var secret = Decode<V1Secret>(run, "kubernetes:core/v1:Secret", "metrics-proxy-serving");
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.Equal(["tls.crt", "tls.key"], secret.StringData.Keys.Order());
    }

    /// <summary>Every key of the ServiceMonitor spec is one its CRD (kube-prometheus-stack 88.5.3's) declares.</summary>
    private static void CheckAgainstCrd(JsonNode spec)
    {
        var crd = (System.Collections.IDictionary)ValuesTree.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "..", "shared", "charts",
            "kube-prometheus-stack", "88.5.3", "crds", "servicemonitors.monitoring.coreos.com.yaml")))!;
        var version = ((System.Collections.IList)((System.Collections.IDictionary)crd["spec"]!)["versions"]!).Cast<System.Collections.IDictionary>().Single();
        var schema = (System.Collections.IDictionary)((System.Collections.IDictionary)((System.Collections.IDictionary)version["schema"]!)["openAPIV3Schema"]!)["properties"]!;
        Walk((System.Collections.IDictionary)schema["spec"]!, spec, "spec");

        static void Walk(System.Collections.IDictionary schema, JsonNode node, string path)
        {
            switch (node)
            {
                case JsonObject obj when schema.Contains("properties"):
                    var properties = (System.Collections.IDictionary)schema["properties"]!;
                    foreach (var (key, value) in obj)
                    {
                        Assert.True(properties.Contains(key), $"{path}.{key} is not in the ServiceMonitor CRD");
                        Walk((System.Collections.IDictionary)properties[key]!, value!, $"{path}.{key}");
                    }
                    break;
                case JsonArray array:
                    foreach (var item in array) Walk((System.Collections.IDictionary)schema["items"]!, item!, $"{path}[]");
                    break;
            }
        }
    }
}
