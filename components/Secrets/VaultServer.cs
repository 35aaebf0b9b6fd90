using Pulumi;

namespace Platform.Components.Secrets;

/// <summary>What the layers that configure or use the secret-management layer's Vault (or OpenBao) need: where it is,
/// the CA that signs its certificate, the CLI image, and the Kubernetes-auth role a setup Job logs in with. The
/// secret-management layer sets it once the server is registered (null with SOPS or with the capability off).</summary>
public sealed record VaultServer
{
    /// <summary>The namespace the server runs in. Default <c>vault</c>.</summary>
    public string Namespace { get; init; } = "vault";

    /// <summary>The server's HTTPS address inside the cluster, e.g. <c>https://vault-active.vault.svc:8200</c>.
    /// Required.</summary>
    public required string Address { get; init; }

    /// <summary>The PEM certificate of the CA that signs the server's certificate: clients verify against it. Required.</summary>
    public required Output<string> CaCertificatePem { get; init; }

    /// <summary>True for OpenBao, false for HashiCorp Vault (same API; the CLI is <c>bao</c> instead of <c>vault</c>).
    /// Default false.</summary>
    public bool OpenBao { get; init; }

    /// <summary>The image (repository:tag) whose CLI a setup Job runs: the server's own image. Required.</summary>
    public required string CliImage { get; init; }

    /// <summary>The mount path of the Kubernetes auth method configured for this cluster. Default <c>kubernetes</c>.</summary>
    public string KubernetesAuthMount { get; init; } = "kubernetes";

    /// <summary>The ServiceAccount (in <see cref="Namespace"/>) a setup Job runs as. Default <c>vault-setup</c>.</summary>
    public string SetupServiceAccount { get; init; } = "vault-setup";

    /// <summary>The Kubernetes-auth role <see cref="SetupServiceAccount"/> logs in with, allowed to manage auth methods,
    /// policies, secrets engines and audit devices. Default <c>platform-setup</c>.</summary>
    public string SetupRole { get; init; } = "platform-setup";

    /// <summary>False while the server cannot be configured yet (sealed, waiting for its operators' unseal); a setup Job
    /// runs only when true. Required.</summary>
    public required bool Configurable { get; init; }

    /// <summary>The resource a client waits for (the server's release and its initialisation). Required.</summary>
    public required Resource Ready { get; init; }
}
