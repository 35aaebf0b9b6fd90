using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Components.Cluster.Kubeadm;

namespace Platform.Components.Cluster;

/// <summary>
/// The kube-vip static pod for control-plane nodes (ARP mode with leader election). It is a template: the node
/// script fills in <see cref="InterfacePlaceholder"/> (the interface that reaches the virtual IP) and
/// <see cref="KubeconfigPlaceholder"/> (super-admin.conf during <c>kubeadm init</c>, admin.conf afterwards). The files
/// step places it on every control-plane node; each node's kube-vip step, triggered by its <see cref="Fingerprint"/>,
/// rolls a changed template out, one control-plane node at a time.
/// </summary>
public static class KubeVipManifest
{
    /// <summary>Replaced on the node by the network interface.</summary>
    public const string InterfacePlaceholder = "@INTERFACE@";

    /// <summary>Replaced on the node by the kubeconfig kube-vip uses.</summary>
    public const string KubeconfigPlaceholder = "@KUBECONFIG@";

    /// <summary>The manifest for virtual IP <paramref name="address"/>, serving the API on <paramref name="port"/>.
    /// kube-vip reads its settings from environment variables, whose values are strings: <c>true</c>, <c>6443</c> and
    /// <c>32</c> are written quoted, as every string a YAML 1.1 reader (the kubelet's) would take for something else.</summary>
    public static string Render(string address, int port = 6443)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var env = new (string Name, string Value)[]
        {
            ("vip_arp", "true"),
            ("port", port.ToString(CultureInfo.InvariantCulture)),
            ("vip_interface", InterfacePlaceholder),
            ("vip_subnet", "32"),
            ("cp_enable", "true"),
            ("cp_namespace", "kube-system"),
            ("vip_leaderelection", "true"),
            ("vip_leasename", "plndr-cp-lock"),
            ("vip_leaseduration", "5"),
            ("vip_renewdeadline", "3"),
            ("vip_retryperiod", "1"),
            ("address", address),
        };
        var pod = new Dictionary<string, object>
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new Dictionary<string, object> { ["name"] = "kube-vip", ["namespace"] = "kube-system" },
            ["spec"] = new Dictionary<string, object>
            {
                ["containers"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["name"] = "kube-vip",
                        ["image"] = ClusterImages.KubeVip,
                        ["imagePullPolicy"] = "IfNotPresent",
                        ["args"] = new[] { "manager" },
                        ["env"] = env.Select(e => new Dictionary<string, object> { ["name"] = e.Name, ["value"] = e.Value }).ToArray(),
                        // Only what ARP announcements need, as kube-vip's own manifest generator writes it (v1.2.3
                        // pkg/kubevip/config_generator.go): NET_ADMIN and NET_RAW, everything else dropped.
                        ["securityContext"] = new Dictionary<string, object>
                        {
                            ["capabilities"] = new Dictionary<string, object>
                            {
                                ["add"] = new[] { "NET_ADMIN", "NET_RAW" },
                                ["drop"] = new[] { "ALL" },
                            },
                        },
                        ["volumeMounts"] = new[]
                        {
                            new Dictionary<string, object> { ["mountPath"] = "/etc/kubernetes/admin.conf", ["name"] = "kubeconfig" },
                        },
                    },
                },
                ["hostAliases"] = new[]
                {
                    new Dictionary<string, object> { ["hostnames"] = new[] { "kubernetes" }, ["ip"] = "127.0.0.1" },
                },
                ["hostNetwork"] = true,
                // The API's address must outlive any eviction: the class and priority kubeadm gives its own static pods.
                ["priorityClassName"] = "system-node-critical",
                ["priority"] = 2000001000,
                ["volumes"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["name"] = "kubeconfig",
                        ["hostPath"] = new Dictionary<string, object> { ["path"] = KubeconfigPlaceholder },
                    },
                },
            },
        };
        return KubeadmYaml.Serialize(pod);
    }

    /// <summary>What identifies a rendered template, <c>sha256:</c> and the hex SHA-256 of its text: the trigger of each
    /// control-plane node's kube-vip step. The template holds no secret, so its fingerprint may stand in plain text.</summary>
    public static string Fingerprint(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template)));
    }
}
