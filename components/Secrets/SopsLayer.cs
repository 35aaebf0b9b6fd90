using Platform.Components.Catalog;
using Platform.Components.Networking;
using Pulumi;
using Pulumi.Random;

namespace Platform.Components.Secrets;

/// <summary>
/// The secret-management capability's SOPS variant: secrets live in git as <c>SopsSecret</c> manifests whose values
/// SOPS encrypted with age, and the sops-secrets-operator in the restricted namespace <see cref="Namespace"/> decrypts
/// them into Secrets. The operator's age key is 32 random bytes in Pulumi state (protected: without it no committed file
/// decrypts in the cluster), written as an age identity into the Secret the operator mounts, and never anywhere else in
/// plain; its public recipient (<see cref="Recipient"/>) is not secret and is what teams encrypt to, beside their own keys
/// (<see cref="SopsOptions.Recipients"/>). The <c>SopsSecret</c> CRD is registered before the chart.
/// </summary>
public sealed class SopsLayer : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "platform:secrets:Sops";

    /// <summary>The operator's namespace.</summary>
    public const string Namespace = "sops";

    /// <summary>Generates the age key and installs the operator.</summary>
    public SopsLayer(string name, SopsLayerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var problems = args.Options.Validate();
        if (problems.Count > 0) throw new ArgumentException("SOPS: " + string.Join(" ", problems), nameof(args));
        var values = SopsOperatorValues.Render();

        var ns = new PlatformNamespace($"{name}-namespace", new PlatformNamespaceArgs
        {
            Name = Namespace,
            // The operator watches SopsSecrets and writes Secrets through the API; nothing reaches it.
            Allowances = [NetworkAllowance.ToApiServer()],
        }, new ComponentResourceOptions { Parent = this });

        // The X25519 secret scalar. RandomBytes' outputs are secrets; everything derived from them stays secret but the
        // public recipient.
        var key = new RandomBytes($"{name}-age-key", new RandomBytesArgs { Length = 32 },
            new CustomResourceOptions { Parent = this, Protect = true });
        Recipient = Output.Unsecret(key.Base64.Apply(b => AgeKey.Recipient(Convert.FromBase64String(b))));
        var keyFile = Output.CreateSecret(key.Base64.Apply(b => AgeKey.KeyFile(Convert.FromBase64String(b))));
        var secret = SecretObjects.Create(this, $"{name}-age-key-secret", SopsOperatorValues.KeySecret, ns.NamespaceName, "Opaque",
            new InputMap<string> { { SopsOperatorValues.KeyFile, keyFile } });
        var editors = args.Options.Recipients;
        Recipients = Recipient.Apply(r => string.Join(',', new[] { r }.Concat(editors)));

        Release = HelmInstall.Chart($"{name}-operator", HelmCharts.SopsSecretsOperator, ns.NamespaceName, values,
            new CustomResourceOptions { Parent = this, DependsOn = { secret } });
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["namespace"] = Namespace,
            ["recipient"] = Recipient,
            ["recipients"] = Recipients,
        });
    }

    /// <summary>The operator's release (after its CRD and the key's Secret).</summary>
    public Pulumi.Kubernetes.Helm.V3.Release Release { get; }

    /// <summary>The generated key's age recipient (<c>age1...</c>), not secret: what a file the cluster decrypts is
    /// encrypted to.</summary>
    public Output<string> Recipient { get; }

    /// <summary>Every recipient, comma-separated, the generated one first: the argument of <c>sops --age</c>.</summary>
    public Output<string> Recipients { get; }
}
