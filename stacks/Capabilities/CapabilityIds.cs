namespace Platform.Stacks.Capabilities;

/// <summary>The capability ids, as used in <c>platform:capabilities.&lt;id&gt;</c> and <see cref="CapabilityDefinition.Id"/>.</summary>
public static class CapabilityIds
{
    /// <summary>Installation: kubeadm on Ubuntu or Flatcar.</summary>
    public const string Installation = "installation";

    /// <summary>Cluster autoscaler.</summary>
    public const string ClusterAutoscaler = "clusterAutoscaler";

    /// <summary>Network (CNI) plugin.</summary>
    public const string Cni = "cni";

    /// <summary>Ingress controller.</summary>
    public const string Ingress = "ingress";

    /// <summary>Monitoring.</summary>
    public const string Monitoring = "monitoring";

    /// <summary>Logging.</summary>
    public const string Logging = "logging";

    /// <summary>Tracing.</summary>
    public const string Tracing = "tracing";

    /// <summary>Backup.</summary>
    public const string Backup = "backup";

    /// <summary>In-cluster storage.</summary>
    public const string Storage = "storage";

    /// <summary>Non-root containers.</summary>
    public const string NonRootContainers = "nonRootContainers";

    /// <summary>Policy enforcement.</summary>
    public const string PolicyEnforcement = "policyEnforcement";

    /// <summary>Authentication.</summary>
    public const string Authentication = "authentication";

    /// <summary>Secret management.</summary>
    public const string SecretManagement = "secretManagement";

    /// <summary>Security audits.</summary>
    public const string SecurityAudits = "securityAudits";

    /// <summary>Container image scanning.</summary>
    public const string ImageScanning = "imageScanning";

    /// <summary>User interface.</summary>
    public const string UserInterface = "userInterface";

    /// <summary>Service mesh.</summary>
    public const string ServiceMesh = "serviceMesh";

    /// <summary>External DNS.</summary>
    public const string ExternalDns = "externalDns";

    /// <summary>Certificates.</summary>
    public const string Certificates = "certificates";

    /// <summary>Additional cluster metrics.</summary>
    public const string ClusterMetrics = "clusterMetrics";

    /// <summary>GitOps.</summary>
    public const string GitOps = "gitOps";
}
