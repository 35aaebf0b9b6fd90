using Platform.Components.Security;
using Platform.Components.Security.Policies;
using static Platform.Tests.Security.Workloads;

namespace Platform.Tests.Security;

/// <summary>Every policy's ConstraintTemplate, as rendered, run by a real CEL engine (<see cref="GatekeeperCel"/>) on
/// admission objects: what each must admit and what it must refuse, the exemptions, and the messages.</summary>
public class PolicyTemplateTests
{
    private static GatekeeperCel.Result Eval(PlatformPolicy policy, string? obj, string? old = null, GatekeeperCel.Request? request = null,
        IReadOnlyDictionary<string, string>? namespaceLabels = null)
        => GatekeeperCel.Evaluate(PolicyManifests.ConstraintTemplate(policy), PolicyManifests.Constraint(policy), obj, old, request, namespaceLabels);

    private static Dictionary<string, object> OneContainer(string image) => PodSpec([Container("app", image)]);

    // ---- 1. Allowed registries ----

    private static readonly AllowedRegistries Registries = new() { Registries = ["registry.example.com", "docker.io"] };

    [Theory]
    [InlineData("registry.example.com/team/app:1.0")]
    [InlineData("registry.example.com/app@sha256:0123456789abcdef")]
    [InlineData("nginx:1.27")]
    [InlineData("library/nginx:1.27")]
    [InlineData("docker.io/library/nginx:1.27")]
    public void Allowed_registries_admit_images_from_the_listed_registries(string image)
    {
        var result = Eval(Registries, Pod("web", OneContainer(image)));

        Assert.True(result.Matched);
        Assert.True(result.Allowed, string.Join("; ", result.Violations));
    }

    [Theory]
    [InlineData("quay.io/team/app:1.0")]
    [InlineData("registry.example.com.evil.io/app:1.0")]
    [InlineData("localhost:5000/app:1.0")]
    [InlineData("ghcr.io/team/app:1.0")]
    public void Allowed_registries_refuse_images_from_elsewhere_and_name_them(string image)
    {
        var result = Eval(Registries, Pod("web", OneContainer(image)));

        var message = Assert.Single(result.Violations);
        Assert.StartsWith("allowed-registries: images from registries that are not allowed: app (" + image + ")", message);
        Assert.EndsWith("allowed registries: registry.example.com, docker.io", message);
    }

    [Fact]
    public void Docker_hub_images_without_a_registry_part_need_docker_io_listed()
    {
        var only = new AllowedRegistries { Registries = ["registry.example.com"] };

        Assert.False(Eval(only, Pod("web", OneContainer("nginx:1.27"))).Allowed);
        Assert.True(Eval(only, Pod("web", OneContainer("registry.example.com/nginx:1.27"))).Allowed);
    }

    [Fact]
    public void Init_and_ephemeral_containers_and_every_pod_template_kind_are_checked()
    {
        var badInit = PodSpec([Container("app", "registry.example.com/app:1")], [Container("init", "quay.io/x/init:1")]);
        Assert.Equal(["allowed-registries: images from registries that are not allowed: init (quay.io/x/init:1); allowed registries: registry.example.com, docker.io"],
            Eval(Registries, Workload("Deployment", "web", badInit)).Violations);
        foreach (var kind in new[] { "StatefulSet", "DaemonSet", "ReplicaSet", "Job" })
            Assert.False(Eval(Registries, Workload(kind, "web", badInit)).Allowed, kind);
        Assert.False(Eval(Registries, CronJob("nightly", badInit)).Allowed);

        var ephemeral = OneContainer("registry.example.com/app:1");
        ephemeral["ephemeralContainers"] = new object[] { Container("debug", "quay.io/debug/shell:1") };
        Assert.False(Eval(Registries, Pod("web", ephemeral)).Allowed);
        Assert.True(Eval(Registries, Workload("Deployment", "web", OneContainer("registry.example.com/app:1"))).Allowed);
    }

    [Fact]
    public void Exemptions_leave_their_namespaces_images_and_objects_alone_and_nothing_else()
    {
        var policy = Registries with
        {
            Exemptions =
            [
                new PolicyExemption { Name = "vendor", Reason = "vendor images, TICKET-7", Images = ["quay.io/vendor/"] },
                new PolicyExemption { Name = "legacy", Reason = "until June", Namespaces = ["legacy-*"],
                    Objects = [new ExemptObject { Kind = "Pod", Namespace = "team-a", Name = "batch-*" }, new ExemptObject { Kind = "Deployment", Name = "old-web" }] },
            ],
        };

        Assert.True(Eval(policy, Pod("web", OneContainer("quay.io/vendor/agent:1"))).Allowed);
        Assert.False(Eval(policy, Pod("web", OneContainer("quay.io/other/agent:1"))).Allowed);
        Assert.False(Eval(policy, Eval2Containers()).Allowed);
        // The namespace glob: not matched at all, as Gatekeeper's excludedNamespaces.
        Assert.False(Eval(policy, Pod("web", OneContainer("quay.io/x/y:1"), ns: "legacy-billing")).Matched);
        Assert.True(Eval(policy, Pod("web", OneContainer("quay.io/x/y:1"), ns: "team-legacy")).Matched);
        // Objects: by kind, namespace and name or name prefix.
        Assert.True(Eval(policy, Pod("batch-7f9c", OneContainer("quay.io/x/y:1"))).Allowed);
        Assert.False(Eval(policy, Pod("batch-7f9c", OneContainer("quay.io/x/y:1"), ns: "team-b")).Allowed);
        Assert.False(Eval(policy, Pod("web-batch", OneContainer("quay.io/x/y:1"))).Allowed);
        Assert.True(Eval(policy, Workload("Deployment", "old-web", OneContainer("quay.io/x/y:1"), ns: "team-b")).Allowed);
        Assert.False(Eval(policy, Workload("StatefulSet", "old-web", OneContainer("quay.io/x/y:1"))).Allowed);

        // One exempt image does not exempt the pod's other containers.
        static string Eval2Containers() => Pod("web", PodSpec([Container("a", "quay.io/vendor/agent:1"), Container("b", "quay.io/other/b:1")]));
    }

    [Fact]
    public void The_namespace_selector_limits_the_policy_to_labelled_namespaces()
    {
        var policy = Registries with { NamespaceSelector = new Dictionary<string, string> { ["policy.example.com/enforced"] = "true" } };
        var pod = Pod("web", OneContainer("quay.io/x/y:1"));

        Assert.False(Eval(policy, pod).Matched);
        Assert.False(Eval(policy, pod, namespaceLabels: new Dictionary<string, string> { ["policy.example.com/enforced"] = "true" }).Allowed);
    }

    // ---- 2. Allowed images ----

    [Theory]
    [InlineData("nginx", false)]
    [InlineData("nginx:latest", false)]
    [InlineData("registry.example.com:5000/app", false)]
    [InlineData("registry.example.com:5000/app:latest", false)]
    [InlineData("nginx:1.27", true)]
    [InlineData("registry.example.com:5000/app:v1", true)]
    [InlineData("nginx@sha256:0123456789abcdef", true)]
    [InlineData("nginx:latest@sha256:0123456789abcdef", true)]
    public void Allowed_images_refuse_the_latest_tag_explicit_or_implied(string image, bool allowed)
    {
        var result = Eval(new AllowedImages(), Pod("web", OneContainer(image)));

        Assert.Equal(allowed, result.Allowed);
        if (!allowed) Assert.Equal([$"allowed-images: images on the latest tag (give a version tag or a digest): app ({image})"], result.Violations);
    }

    [Fact]
    public void Allowed_images_can_require_a_digest()
    {
        var policy = new AllowedImages { DigestRequired = true };

        Assert.Equal(["allowed-images: images not pinned by digest (@sha256:...): app (nginx:1.27)"], Eval(policy, Pod("web", OneContainer("nginx:1.27"))).Violations);
        Assert.True(Eval(policy, Pod("web", OneContainer("nginx@sha256:0123456789abcdef"))).Allowed);
    }

    [Theory]
    [InlineData("registry.example.com/team/app:1", true)]
    [InlineData("registry.example.com/team:1", true)]
    [InlineData("registry.example.com/team/sub/app@sha256:0123", true)]
    [InlineData("registry.example.com/teamx/app:1", false)]
    [InlineData("registry.example.com/other:1", false)]
    public void Allowed_images_keep_to_the_listed_repositories(string image, bool allowed)
    {
        var policy = new AllowedImages { Repositories = ["registry.example.com/team"] };

        Assert.Equal(allowed, Eval(policy, Workload("StatefulSet", "db", OneContainer(image))).Allowed);
    }

    // ---- 3. Required labels ----

    private static readonly RequiredLabels Labels = new()
    {
        Labels = [new RequiredLabel { Key = "owner" }, new RequiredLabel { Key = "project", AllowedRegex = "^[a-z][a-z0-9-]*$" }],
    };

    [Fact]
    public void Required_labels_admit_workloads_with_every_label_matching_its_pattern()
    {
        var labels = new Dictionary<string, string> { ["owner"] = "team-a", ["project"] = "billing-2" };

        Assert.True(Eval(Labels, Workload("Deployment", "web", OneContainer("nginx:1"), labels: labels)).Allowed);
        Assert.True(Eval(Labels, Workload("Job", "once", OneContainer("nginx:1"), labels: labels)).Allowed);
    }

    [Fact]
    public void Required_labels_refuse_missing_labels_and_values_off_their_pattern()
    {
        Assert.Equal(["required-labels: missing required labels: owner, project"],
            Eval(Labels, Workload("Deployment", "web", OneContainer("nginx:1"))).Violations);
        Assert.Equal(["required-labels: missing required labels: owner"],
            Eval(Labels, Workload("DaemonSet", "agent", OneContainer("nginx:1"), labels: new Dictionary<string, string> { ["project"] = "x" })).Violations);
        Assert.Equal(["required-labels: labels whose values do not match their pattern: project=Billing_2 (pattern ^[a-z][a-z0-9-]*$)"],
            Eval(Labels, Workload("StatefulSet", "db", OneContainer("nginx:1"), labels: new Dictionary<string, string> { ["owner"] = "a", ["project"] = "Billing_2" })).Violations);
    }

    [Fact]
    public void Required_labels_leave_pods_to_their_owners()
        => Assert.False(Eval(Labels, Pod("web-7f9c", OneContainer("nginx:1"))).Matched);

    // ---- 4. Reliability practices ----

    private static readonly ReliabilityPractices Reliability = new();

    [Fact]
    public void Reliability_admits_containers_with_requests_limits_within_the_maximum_and_probes()
    {
        var spec = PodSpec([Container("app", "nginx:1", Resources(cpuLimit: "4000m", memoryLimit: "16Gi"), probes: true)],
            [Container("migrate", "nginx:1")]);

        Assert.True(Eval(Reliability, Workload("Deployment", "web", spec)).Allowed, string.Join("; ", Eval(Reliability, Workload("Deployment", "web", spec)).Violations));
    }

    [Fact]
    public void Reliability_refuses_missing_requests_and_limits()
    {
        var noMemory = new Dictionary<string, object>
        {
            ["requests"] = new Dictionary<string, object> { ["cpu"] = "100m" },
            ["limits"] = new Dictionary<string, object> { ["memory"] = "1Gi" },
        };
        var result = Eval(Reliability, Workload("Deployment", "web", PodSpec([Container("app", "nginx:1", noMemory, probes: true), Container("bare", "nginx:1", probes: true)])));

        Assert.Equal(
        [
            "reliability-practices: containers without requests for cpu and memory: app, bare",
            "reliability-practices: containers without limits for cpu and memory: app, bare",
        ], result.Violations);
    }

    [Theory]
    [InlineData("8", "1Gi")]
    [InlineData("4001m", "1Gi")]
    [InlineData("2", "17Gi")]
    [InlineData("2", "20000000000")]
    public void Reliability_refuses_limits_above_the_maximum(string cpu, string memory)
    {
        var spec = PodSpec([Container("app", "nginx:1", Resources(cpuLimit: cpu, memoryLimit: memory), probes: true)]);

        Assert.Equal(["reliability-practices: containers with limits above the policy maximum: app"], Eval(Reliability, Pod("web", spec)).Violations);
    }

    [Fact]
    public void Reliability_asks_probes_of_long_running_pods_only()
    {
        var spec = PodSpec([Container("app", "nginx:1", Resources())]);

        Assert.Equal(["reliability-practices: containers without liveness and readiness probes: app"], Eval(Reliability, Pod("web", spec)).Violations);
        Assert.True(Eval(Reliability, Workload("Job", "once", spec)).Allowed);
        Assert.True(Eval(Reliability, CronJob("nightly", spec)).Allowed);
        var jobPod = new Dictionary<string, object>
        {
            ["ownerReferences"] = new object[] { new Dictionary<string, object> { ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["name"] = "once", ["uid"] = "1", ["controller"] = true } },
        };
        Assert.True(Eval(Reliability, Pod("once-x7k2", spec, metadata: jobPod)).Allowed);
        Assert.True(Eval(Reliability with { Probes = false }, Pod("web", spec)).Allowed);
    }

    // ---- 5. API restrictions ----

    private static readonly ApiRestrictions Api = new()
    {
        NodePortNamespaces = ["edge"],
        LoadBalancerNamespaces = ["edge"],
        Rules = [new ApiRule { Name = "no-secret-deletes", Groups = ["developers"], Kinds = ["Secret"], Operations = ["DELETE"] }],
    };

    [Theory]
    [InlineData("NodePort", "team-a", false)]
    [InlineData("LoadBalancer", "team-a", false)]
    [InlineData("NodePort", "edge", true)]
    [InlineData("LoadBalancer", "edge", true)]
    [InlineData("ClusterIP", "team-a", true)]
    public void Node_port_and_load_balancer_services_only_in_their_namespaces(string type, string ns, bool allowed)
    {
        var result = Eval(Api, Service("web", type, ns));

        Assert.Equal(allowed, result.Allowed);
        if (!allowed) Assert.Equal([$"api-restrictions: {type} Services are allowed only in: edge"], result.Violations);
    }

    [Fact]
    public void Ingress_hosts_may_be_neither_wildcards_nor_repeated()
    {
        Assert.True(Eval(Api, Ingress("web", "a.example.com", "b.example.com")).Allowed);
        Assert.Equal(["api-restrictions: wildcard Ingress hosts are not allowed: *.example.com"], Eval(Api, Ingress("web", "*.example.com")).Violations);
        Assert.Equal(["api-restrictions: an Ingress may list each host once: a.example.com, a.example.com"],
            Eval(Api, Ingress("web", "a.example.com", "a.example.com")).Violations);
        Assert.True(Eval(Api with { DenyWildcardHosts = false, DenyDuplicateHosts = false }, Ingress("web", "*.example.com", "*.example.com")).Allowed);
    }

    [Fact]
    public void Rules_refuse_their_operations_on_their_kinds_to_their_groups_only()
    {
        var developers = new GatekeeperCel.Request("DELETE", ["developers", "system:authenticated"]);

        Assert.Equal(["api-restrictions: DELETE of Secret is refused to your groups by rule no-secret-deletes"],
            Eval(Api, null, Secret("db-password"), developers).Violations);
        Assert.True(Eval(Api, null, Secret("db-password"), new GatekeeperCel.Request("DELETE", ["admins"])).Allowed);
        Assert.True(Eval(Api, Secret("db-password"), request: new GatekeeperCel.Request("CREATE", ["developers"])).Allowed);
        // A deletion is never refused for what the object is (a NodePort Service may always go).
        Assert.True(Eval(Api, null, Service("web", "NodePort"), developers).Allowed);
    }

    [Fact]
    public void Deletions_are_seen_only_when_a_rule_refuses_them()
    {
        var noDeletes = Api with { Rules = [new ApiRule { Name = "no-rb", Groups = ["developers"], Kinds = ["rbac.authorization.k8s.io/RoleBinding"], Operations = ["CREATE"] }] };

        Assert.False(Eval(noDeletes, null, Secret("x"), new GatekeeperCel.Request("DELETE", ["developers"])).Matched);
        Assert.True(Eval(Api, null, Secret("x"), new GatekeeperCel.Request("DELETE", ["developers"])).Matched);
        var roleBinding = """{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": "x", "namespace": "team-a"}}""";
        Assert.Equal(["api-restrictions: CREATE of RoleBinding is refused to your groups by rule no-rb"],
            Eval(noDeletes, roleBinding, request: new GatekeeperCel.Request("CREATE", ["developers"])).Violations);
    }

    [Theory]
    [InlineData(PolicyEnforcement.Deny, "deny")]
    [InlineData(PolicyEnforcement.Warn, "warn")]
    [InlineData(PolicyEnforcement.DryRun, "dryrun")]
    public void The_enforcement_is_the_constraints_enforcement_action(PolicyEnforcement enforcement, string action)
    {
        var spec = (Dictionary<string, object>)PolicyManifests.Constraint(new RequiredLabels { Enforcement = enforcement })["spec"];

        Assert.Equal(action, spec["enforcementAction"]);
    }
}
