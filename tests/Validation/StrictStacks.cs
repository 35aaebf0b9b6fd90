using Platform.Renderer;
using Platform.Tests.Configuration;
using Platform.Tests.Stacks;

namespace Platform.Tests.Validation;

/// <summary>
/// The stack configurations whose objects are decoded strictly (<see cref="StackObjectsDecodeTests"/>): every example
/// stack and richer configurations that switch on what the examples leave off. A new stack file or configuration is
/// one more entry here: its name, its configuration, the built-in kinds it must write and its kube-vip pods.
/// </summary>
internal static class StrictStacks
{
    private const string MetalLb = """{"provider": "metallb", "pools": [{"name": "default", "addresses": ["10.0.2.200-10.0.2.220"]}]}""";
    private const string CiliumL2 = """{"provider": "cilium-l2", "pools": [{"name": "default", "addresses": ["10.0.2.0/28"]}]}""";

    private const string EveryIngress = """
        {"controllers": [
          {"kind": "traefik", "default": true},
          {"kind": "ingress-nginx", "className": "nginx-internal", "replicas": 3},
          {"kind": "contour", "exposure": "nodePort"},
          {"kind": "haproxy", "exposure": "hostPort"},
          {"kind": "emissary", "replicas": 1}
        ]}
        """;

    /// <summary>Kinds every stack writes: each platform namespace and its network policies.</summary>
    private static readonly string[] Baseline = ["v1/Namespace", "networking.k8s.io/v1/NetworkPolicy"];

    /// <summary>Kinds a stack with teams' namespaces (platform:tenants) writes besides: each one's quota, limit range and
    /// the team's RoleBinding.</summary>
    private static readonly string[] Tenants = [.. Baseline, "v1/ResourceQuota", "v1/LimitRange", "rbac.authorization.k8s.io/v1/RoleBinding"];

    public static IReadOnlyDictionary<string, StrictStack> All { get; } = new[]
    {
        new StrictStack("example-small", () => ExampleStackTests.Values("example-small"), Tenants, KubeVipPods: 0),
        new StrictStack("example-medium", () => ExampleStackTests.Values("example-medium"), Tenants, KubeVipPods: 3),
        new StrictStack("example-enterprise", () => ExampleStackTests.Values("example-enterprise"), Tenants, KubeVipPods: 0),
        // The render fixtures (eng/render --all): every option on, secrets as the renderer's placeholders.
        new StrictStack("fixture-full", () => Fixture("fixture-full"), [.. Tenants, "v1/Secret", "apiextensions.k8s.io/v1/CustomResourceDefinition"], KubeVipPods: 3),
        new StrictStack("fixture-full-calico", () => Fixture("fixture-full-calico"), [.. Tenants, "v1/Secret"], KubeVipPods: 0),
        new StrictStack("calico-metallb-every-ingress", () => With(v =>
        {
            v["cni"] = """{"plugin": "calico", "encryption": "pod"}""";
            v["loadBalancer"] = MetalLb;
            v["ingress"] = EveryIngress;
        }), Baseline, KubeVipPods: 3),
        new StrictStack("metallb-http01-cloudflare", () => With(v =>
        {
            v["loadBalancer"] = MetalLb;
            v["ingress"] = EveryIngress;
            v["capabilities"] = """{"certificates": true, "externalDns": true}""";
            v["certificates"] = """{"acmeEmail": "platform@example.com"}""";
            v["externalDns"] = """{"provider": "cloudflare", "domainFilters": ["apps.example.com", "example.org"]}""";
            v["externalDnsCredentials"] = """{"cloudflare-api-token": "token-value"}""";
        }), [.. Baseline, "v1/Secret"], KubeVipPods: 3),
        new StrictStack("cilium-l2-dns01-rfc2136", () => With(v =>
        {
            v["cni"] = """{"encryption": "all", "kubeProxyReplacement": true, "hubble": true}""";
            v["loadBalancer"] = CiliumL2;
            v["capabilities"] = """{"certificates": true, "externalDns": true}""";
            v["certificates"] = """
                {"acmeEmail": "platform@example.com", "challenge": "dns01",
                 "rfc2136": {"nameserver": "10.0.0.53", "tsigKeyName": "acme"}}
                """;
            v["rfc2136TsigSecret"] = "c2VjcmV0";
            v["externalDns"] = """
                {"provider": "rfc2136", "domainFilters": ["apps.example.com"], "sync": true,
                 "rfc2136": {"nameserver": "ns1.example.com", "zone": "example.com", "tsigKeyName": "external-dns"}}
                """;
            v["externalDnsCredentials"] = """{"tsig-secret": "c2VjcmV0"}""";
        }), [.. Baseline, "v1/Secret"], KubeVipPods: 3),
        new StrictStack("aws-dns-internal-ca-only", () => With(v =>
        {
            v["capabilities"] = """{"certificates": true, "externalDns": true}""";
            v["certificates"] = """{"letsEncrypt": false}""";
            v["externalDns"] = """{"provider": "aws", "domainFilters": ["apps.example.com"], "awsRegion": "eu-central-1"}""";
            v["externalDnsCredentials"] = """{"aws-access-key-id": "AKIA0000", "aws-secret-access-key": "secret"}""";
        }), [.. Baseline, "v1/Secret"], KubeVipPods: 3),
        new StrictStack("yaml-1-1-lookalike-names", () => With(v =>
        {
            // Valid names and values that a YAML 1.1 reader takes for booleans, nulls or numbers unless quoted.
            v["clusterName"] = "on";
            v["environment"] = "no";
            v["nodes"] = """
                [
                  {"name": "1", "address": "10.0.0.11", "role": "control-plane", "taints": [{"key": "example.com/dedicated", "value": "true", "effect": "NoSchedule"}]},
                  {"name": "0x10", "address": "10.0.0.12", "role": "control-plane", "labels": {"example.com/gpu": "yes"}},
                  {"name": "1e3", "address": "10.0.0.13", "role": "control-plane"},
                  {"name": "null", "address": "10.0.0.21", "role": "worker", "taints": [{"key": "example.com/pool", "value": "0755", "effect": "NoExecute"}]}
                ]
                """;
        }), Baseline, KubeVipPods: 3),
    }.ToDictionary(s => s.Name);

    private static Dictionary<string, string> With(Action<Dictionary<string, string>> edit)
    {
        var values = ValidConfig.Values();
        edit(values);
        return values;
    }

    private static Dictionary<string, string> Fixture(string name) =>
        ExampleStackTests.Bare(StackFile.Load(Render.RenderedStacks.File(name)));
}
