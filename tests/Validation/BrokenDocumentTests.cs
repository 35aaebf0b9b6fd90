using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Platform.Renderer;
using Platform.Tests.Validation.Kubeconfig;
using YamlDotNet.Core;

namespace Platform.Tests.Validation;

/// <summary>Deliberately broken documents: each must fail to decode, which proves the strict decoders used on the
/// platform's objects can fail at all (a decoder that accepts everything would make every other test vacuous).</summary>
public class BrokenDocumentTests
{
    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: kube-vip
          namespace: kube-system
        spec:
          hostNetwork: true
          containers:
          - name: kube-vip
            image: ghcr.io/kube-vip/kube-vip:v0.8.9
            env:
            - name: port
              value: "6443"
        """;

    private const string NetworkPolicy = """
        {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "allow-dns", "namespace": "traefik"},
         "spec": {"podSelector": {}, "policyTypes": ["Egress"], "egress": [{"ports": [{"port": 53, "protocol": "UDP"}]}]}}
        """;

    private const string Kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: prod
          cluster:
            server: https://10.0.0.10:6443
            certificate-authority-data: Q0E=
        users:
        - name: kubernetes-admin
          user:
            client-certificate-data: Q0VSVA==
            client-key-data: S0VZ
        contexts:
        - name: kubernetes-admin@prod
          context:
            cluster: prod
            user: kubernetes-admin
        current-context: kubernetes-admin@prod
        preferences: {}
        """;

    [Fact]
    public void The_unbroken_documents_decode()
    {
        Assert.Equal("6443", StrictJson.DecodeYaml<V1Pod>(Pod).Spec.Containers[0].Env[0].Value);
        Assert.Equal("53", StrictJson.Decode<V1NetworkPolicy>(JsonNode.Parse(NetworkPolicy)).Spec.Egress[0].Ports[0].Port.Value);
        Assert.Equal("prod", StrictJson.DecodeYaml<KubeconfigDocument>(Kubeconfig).Clusters[0].Name);
    }

    [Theory]
    [InlineData("unknown field", "    image: ghcr.io/kube-vip/kube-vip:v0.8.9", "    image: ghcr.io/kube-vip/kube-vip:v0.8.9\n    imagePullPolcy: IfNotPresent")]
    [InlineData("unknown top-level field", "kind: Pod", "kind: Pod\nstatus2: {}")]
    [InlineData("misspelt case", "  hostNetwork: true", "  HostNetwork: true")]
    [InlineData("boolean where a string is expected", "    value: \"6443\"", "    value: true")]
    [InlineData("number where a string is expected", "    value: \"6443\"", "    value: 6443")]
    [InlineData("yes, a YAML 1.1 boolean, where a string is expected", "    value: \"6443\"", "    value: yes")]
    [InlineData("string where a boolean is expected", "  hostNetwork: true", "  hostNetwork: \"true\"")]
    [InlineData("number written as a string", "  hostNetwork: true", "  hostNetwork: true\n  terminationGracePeriodSeconds: \"30\"")]
    [InlineData("duplicate key", "  namespace: kube-system", "  namespace: kube-system\n  namespace: default")]
    [InlineData("anchor and alias", "  name: kube-vip\n", "  name: &n kube-vip\n  generateName: *n\n")]
    [InlineData("tag", "  hostNetwork: true", "  hostNetwork: !!bool true")]
    public void A_broken_pod_fails(string defect, string from, string to)
    {
        var broken = Pod.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Pod, broken);
        var error = Record.Exception(() => StrictJson.DecodeYaml<V1Pod>(broken));
        Assert.True(error is JsonException or YamlException, $"{defect}: expected a decode error, got {error?.GetType().Name ?? "none"}");
    }

    [Theory]
    [InlineData("number written as a string", "\"port\": 53,", "\"port\": 53, \"endPort\": \"60\",")]
    [InlineData("fractional number for an integer", "\"port\": 53,", "\"port\": 53, \"endPort\": 60.5,")]
    [InlineData("unknown field", "\"podSelector\": {}", "\"podSelector\": {}, \"ingres\": []")]
    [InlineData("duplicate key", "\"podSelector\": {}", "\"podSelector\": {}, \"podSelector\": {}")]
    [InlineData("object where a list is expected", "\"policyTypes\": [\"Egress\"]", "\"policyTypes\": {\"Egress\": true}")]
    [InlineData("boolean where a string is expected", "\"protocol\": \"UDP\"", "\"protocol\": true")]
    [InlineData("wrong case", "\"podSelector\"", "\"PodSelector\"")]
    public void A_broken_network_policy_fails(string defect, string from, string to)
    {
        var broken = NetworkPolicy.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(NetworkPolicy, broken);
        // From the text, as the API server reads the JSON the provider sends (a JsonNode cannot hold a duplicate key).
        var error = Record.Exception(() => JsonSerializer.Deserialize<V1NetworkPolicy>(broken, StrictJson.Options));
        Assert.True(error is JsonException, $"{defect}: expected a JsonException, got {error?.GetType().Name ?? "none"}: {error?.Message}");
    }

    [Fact]
    public void A_port_is_an_int_or_string_as_in_kubernetes_so_a_named_port_decodes_too()
    {
        var named = StrictJson.Decode<V1NetworkPolicy>(JsonNode.Parse(NetworkPolicy.Replace("\"port\": 53", "\"port\": \"dns\"", StringComparison.Ordinal)));
        Assert.Equal("dns", named.Spec.Egress[0].Ports[0].Port.Value);
        var numbered = StrictJson.Decode<V1NetworkPolicy>(JsonNode.Parse(NetworkPolicy));
        Assert.Equal("53", numbered.Spec.Egress[0].Ports[0].Port.Value);
    }

    [Theory]
    [InlineData("unknown field", "    server: https://10.0.0.10:6443", "    server: https://10.0.0.10:6443\n    insecure-skip-tls-verify: true")]
    [InlineData("field in preferences", "preferences: {}", "preferences: {colors: true}")]
    [InlineData("YAML 1.1 boolean as a name", "- name: prod", "- name: on")]
    [InlineData("number as a name", "- name: prod", "- name: 123")]
    [InlineData("null for a required string", "current-context: kubernetes-admin@prod", "current-context: ~")]
    [InlineData("missing required field", "current-context: kubernetes-admin@prod\n", "")]
    [InlineData("duplicate key", "kind: Config", "kind: Config\nkind: Config")]
    [InlineData("wrong case", "current-context:", "currentContext:")]
    public void A_broken_kubeconfig_fails(string defect, string from, string to)
    {
        var broken = Kubeconfig.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Kubeconfig, broken);
        var error = Record.Exception(() => StrictJson.DecodeYaml<KubeconfigDocument>(broken));
        Assert.True(error is JsonException or YamlException, $"{defect}: expected a decode error, got {error?.GetType().Name ?? "none"}");
    }

    [Fact]
    public void Anchors_and_aliases_are_detected_and_refused()
    {
        const string Aliased = "a: &x [1, 2]\nb: *x\n";
        Assert.True(KubeYaml.HasAnchorsOrAliases(Aliased));
        Assert.Throws<YamlException>(() => KubeYaml.Single(Aliased));
        Assert.False(KubeYaml.HasAnchorsOrAliases("a: '&x'\nb: '*x'\n"));
    }

    [Fact]
    public void A_wire_value_that_is_not_json_is_refused_with_its_path()
    {
        var inputs = System.Collections.Immutable.ImmutableDictionary<string, object>.Empty.Add("spec",
            System.Collections.Immutable.ImmutableDictionary<string, object>.Empty.Add("replicas", 2));
        var error = Assert.Throws<InvalidOperationException>(() => WireJson.Object(inputs));
        Assert.Contains("$.spec.replicas", error.Message);
        Assert.Throws<InvalidOperationException>(() => WireJson.Node(double.NaN));
    }
}
