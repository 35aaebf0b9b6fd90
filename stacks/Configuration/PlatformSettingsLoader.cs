using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;
using Platform.Stacks.Capabilities;

namespace Platform.Stacks.Configuration;

/// <summary>Loads and validates the <c>platform:</c> configuration once, before any resource is registered.</summary>
public static class PlatformSettingsLoader
{
    private const string CapabilitiesExample = """{"tracing": true}""";

    /// <summary>Parses and validates every <c>platform:</c> key, applying defaults.</summary>
    /// <param name="source">Where the raw values come from.</param>
    /// <returns>The validated settings.</returns>
    /// <exception cref="PlatformConfigException">At least one key is missing or invalid; the exception lists every
    /// problem found, each with its key, what is wrong and how to fix it.</exception>
    public static PlatformSettings Load(IPlatformConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var problems = new ProblemCollector();

        var tier = ReadTier(source, problems);
        var environment = ReadEnvironment(source, problems);
        var clusterName = ReadClusterName(source, problems);
        var kubernetesVersion = ReadKubernetesVersion(source, problems);
        var apiEndpoint = ReadApiEndpoint(source, problems);
        var podCidr = ReadCidr(source, PlatformConfigKeys.PodCidr, 8, "each node gets a /24 of pod addresses", problems);
        var serviceCidr = ReadCidr(source, PlatformConfigKeys.ServiceCidr, 12, "kube-apiserver refuses Service ranges larger than /12", problems);
        if (podCidr is not null && serviceCidr is not null && podCidr.Overlaps(serviceCidr))
        {
            problems.Add(
                PlatformConfigKeys.PodCidr.Name,
                $"{podCidr} overlaps platform:serviceCidr {serviceCidr}. Choose non-overlapping ranges, e.g. pod " +
                $"{PlatformSettings.DefaultPodCidr} and service {PlatformSettings.DefaultServiceCidr}.");
        }

        var clusterDomain = ReadClusterDomain(source, problems);
        var nodes = NodeInventoryParser.Parse(
            source.Get(PlatformConfigKeys.Nodes.Name), source.Get(PlatformConfigKeys.Bastion.Name), podCidr, serviceCidr, problems);
        if (apiEndpoint?.HostAddress is { } apiAddress)
        {
            NodeInventoryParser.CheckOutside(apiAddress, PlatformConfigKeys.ApiEndpoint.Name, podCidr, PlatformConfigKeys.PodCidr, "pod", problems);
            NodeInventoryParser.CheckOutside(apiAddress, PlatformConfigKeys.ApiEndpoint.Name, serviceCidr, PlatformConfigKeys.ServiceCidr, "Service", problems);
        }

        if (nodes is not null)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                // kubeadm advertises a control-plane node's API server on its address, which must be an IP.
                if (nodes[i].Role == Platform.Components.Cluster.NodeRole.ControlPlane && ConfigSyntax.Ipv4OrNull(nodes[i].Address) is null)
                    problems.Add($"{PlatformConfigKeys.Nodes.Name}[{i}].address",
                        $"'{nodes[i].Address}' is a DNS name, but a control-plane node's API server is advertised on an IPv4 address. Use the node's IPv4 address.");
            }
        }

        var apiLoadBalancer = ControlPlaneOptionsParser.ReadApiLoadBalancer(source, apiEndpoint, nodes, problems);
        var hardeningExceptions = ControlPlaneOptionsParser.ReadHardeningExceptions(source, problems);
        var cni = NetworkingOptionsParser.ReadCni(source, problems);
        var loadBalancer = IngressOptionsParser.ReadLoadBalancer(source, problems);
        var ingress = IngressOptionsParser.ReadIngress(source, loadBalancer, problems);
        var certificates = AddOnOptionsParser.ReadCertificates(source, problems);
        var externalDns = AddOnOptionsParser.ReadExternalDns(source, problems);
        var storage = AddOnOptionsParser.ReadStorage(source, problems);
        var monitoring = MonitoringOptionsParser.Read(source, tier, problems);
        var logging = LoggingOptionsParser.Read(source, tier, problems);
        var logShipping = LogShippingOptionsParser.Read(source, tier, problems);
        var tracing = TracingOptionsParser.Read(source, tier, problems);
        var backup = BackupOptionsParser.Read(source, problems);
        var policies = PolicyOptionsParser.Read(source, tier, problems);
        var imageScanning = ImageScanningOptionsParser.Read(source, tier, problems);
        var securityAudits = SecurityAuditsOptionsParser.Read(source, tier, problems);
        var gitOps = GitOpsOptionsParser.Read(source, problems);
        var userInterface = UserInterfaceOptionsParser.Read(source, problems);
        var authentication = AuthenticationOptionsParser.Read(source, problems);
        var serviceMesh = ServiceMeshOptionsParser.Read(source, tier, problems);
        if (loadBalancer is not null && cni is not null)
        {
            var ciliumIsTheCni = cni.Plugin == Platform.Components.Networking.Cni.CniPlugin.Cilium;
            foreach (var problem in loadBalancer.Validate(ciliumIsTheCni, ciliumIsTheCni && cni.KubeProxyReplacement))
                problems.Add(PlatformConfigKeys.LoadBalancer.Name, problem);
        }
        if (loadBalancer is not null)
            IngressOptionsParser.CheckPoolsAreFree(loadBalancer, podCidr, serviceCidr, nodes, apiEndpoint, problems);
        if (cni?.Plugin == Platform.Components.Networking.Cni.CniPlugin.Cilium && clusterName is { Length: > 32 })
        {
            problems.Add(
                PlatformConfigKeys.ClusterName.Name,
                $"'{clusterName}' is {clusterName.Length} characters long; Cilium (platform:cni) accepts cluster names of at most 32. Use a shorter name.");
        }
        CheckSshPrivateKey(source, problems);
        var statefulWorkloads = ReadStatefulWorkloads(source, problems);
        var secretsEncryptionMigration = ReadBoolean(source, PlatformConfigKeys.SecretsEncryptionMigration, problems);
        var maxUnavailableWorkers = UpgradeOptionsParser.ReadMaxUnavailableWorkers(source, problems);
        var reboots = RebootOptionsParser.Read(source, problems);
        var capabilities = ReadCapabilities(source, problems);
        var secretManagement = SecretManagementOptionsParser.Read(source, tier, capabilities, problems);
        var podSecurity = TenancyOptionsParser.ReadPodSecurity(source, problems);
        var tenants = TenancyOptionsParser.ReadTenants(source, problems);

        problems.ThrowIfAny();
        return new PlatformSettings
        {
            Tier = tier!.Value,
            Environment = environment!,
            ClusterName = clusterName!,
            KubernetesVersion = kubernetesVersion!,
            ApiEndpoint = apiEndpoint!,
            ApiLoadBalancer = apiLoadBalancer!.Value,
            HardeningExceptions = hardeningExceptions!,
            Cni = cni!,
            LoadBalancer = loadBalancer!,
            Ingress = ingress!,
            Certificates = certificates,
            ExternalDns = externalDns,
            Storage = storage!,
            Monitoring = monitoring!,
            Logging = logging!,
            LogShipping = logShipping!,
            Tracing = tracing!,
            Backup = backup!,
            Policies = policies!,
            ImageScanning = imageScanning!,
            SecurityAudits = securityAudits!,
            GitOps = gitOps!,
            UserInterface = userInterface!,
            Authentication = authentication,
            SecretManagement = secretManagement ?? new(),
            ServiceMesh = serviceMesh!,
            PodCidr = podCidr!,
            ServiceCidr = serviceCidr!,
            ClusterDomain = clusterDomain!,
            Nodes = nodes!,
            StatefulWorkloads = statefulWorkloads!.Value,
            SecretsEncryptionMigration = secretsEncryptionMigration!.Value,
            MaxUnavailableWorkers = maxUnavailableWorkers!,
            Reboots = reboots!,
            CapabilityOverrides = capabilities!,
            PodSecurity = podSecurity!,
            Tenants = tenants!,
        };
    }

    private static string? ReadRequired(IPlatformConfigSource source, PlatformConfigKey key, string hint, ProblemCollector problems)
    {
        var value = source.Get(key.Name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(key.Name, $"is required but not set. Set it with `{key.SetCommand}`{hint}.");
            return null;
        }

        return value;
    }

    private static string? ReadOptional(IPlatformConfigSource source, PlatformConfigKey key)
    {
        var value = source.Get(key.Name)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static PlatformTier? ReadTier(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Tier;
        var text = ReadRequired(source, key, "; the tiers are small, medium and enterprise", problems);
        if (text is null)
        {
            return null;
        }

        if (PlatformTierText.TryParse(text, out var tier))
        {
            return tier;
        }

        problems.Add(key.Name, $"'{text}' is not a tier. Use {PlatformTierText.Choices}.");
        return null;
    }

    private static string? ReadEnvironment(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Environment;
        var text = ReadRequired(source, key, " (dev, staging, prod, ...)", problems);
        if (text is null || ConfigSyntax.IsDns1123Label(text))
        {
            return text;
        }

        problems.Add(
            key.Name,
            $"'{text}' is not a DNS-1123 label. Use 1–63 lowercase letters, digits or '-', starting and ending with a letter or digit, e.g. dev, staging or prod.");
        return null;
    }

    private static string? ReadClusterName(IPlatformConfigSource source, ProblemCollector problems)
    {
        const int maxLength = 40;
        var key = PlatformConfigKeys.ClusterName;
        var text = ReadRequired(source, key, string.Empty, problems);
        if (text is null)
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            problems.Add(
                key.Name,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{text}' is {text.Length} characters long, more than the {maxLength} allowed (it becomes part of other names). Use a shorter name, e.g. platform-prod."));
            return null;
        }

        if (!ConfigSyntax.IsDns1123Label(text))
        {
            problems.Add(
                key.Name,
                $"'{text}' is not a DNS-1123 label. Use up to {maxLength} lowercase letters, digits or '-', starting and ending with a letter or digit, e.g. platform-prod.");
            return null;
        }

        return text;
    }

    private static KubernetesVersion? ReadKubernetesVersion(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.KubernetesVersion;
        var supported = string.Join(", ", KubernetesVersions.SupportedMinors);
        var text = ReadRequired(
            source,
            key,
            $" (supported minor versions: {supported}; for a running cluster, the version it runs). There is no default, " +
            "so that a new Platform release never upgrades a cluster",
            problems);
        if (text is null)
        {
            return null;
        }

        var example = KubernetesVersions.ExampleVersion;
        if (!KubernetesVersion.TryParse(text, out var version))
        {
            problems.Add(
                key.Name,
                $"'{text}' is not a version of the form MAJOR.MINOR.PATCH. Use a full version such as {example} (supported minor versions: {supported}).");
            return null;
        }

        if (!KubernetesVersions.IsSupported(version))
        {
            problems.Add(key.Name, $"{version} is not supported: its minor version {version.MinorVersion} is not one of {supported}. " + UnsupportedMinorAdvice(version));
            return null;
        }

        return version;
    }

    // What to do about a version whose minor is not supported: older minors are past upstream's end of life, and a
    // running cluster can only move one minor per upgrade.
    private static string UnsupportedMinorAdvice(KubernetesVersion version)
    {
        var oldest = KubernetesVersions.Minors[0];
        var newest = KubernetesVersions.Minors[^1];
        if (version.IsAtLeast(newest.NewestPatch.Major, newest.NewestPatch.Minor))
        {
            return $"{newest.Minor} is the newest minor Platform supports. Use a supported version, e.g. {KubernetesVersions.ExampleVersion}.";
        }

        var previous = new KubernetesVersion(oldest.NewestPatch.Major, oldest.NewestPatch.Minor - 1, 0).MinorVersion;
        var upgrade = version.MinorVersion == previous
            ? $"a cluster running {previous} is upgraded by setting a {oldest.Minor} version, e.g. {oldest.NewestPatch}"
            : $"a cluster running an older minor is first upgraded to {previous} with an earlier Platform release, then set to a {oldest.Minor} version, e.g. {oldest.NewestPatch}";
        return $"Upstream no longer patches {version.MinorVersion}. Kubernetes upgrades one minor at a time: {upgrade}.";
    }

    private static ApiEndpoint? ReadApiEndpoint(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.ApiEndpoint;
        var text = ReadRequired(source, key, " (host or host:port of the API server, its VIP or load balancer)", problems);
        if (text is null)
        {
            return null;
        }

        if (ApiEndpoint.TryParse(text, out var endpoint, out var problem))
        {
            return endpoint;
        }

        problems.Add(
            key.Name,
            $"{problem}. Use host or host:port, where host is an IPv4 address or DNS name, e.g. 10.0.0.10:6443 or k8s-api.example.internal.");
        return null;
    }

    private static Ipv4Cidr? ReadCidr(
        IPlatformConfigSource source, PlatformConfigKey key, int minPrefix, string minPrefixReason, ProblemCollector problems)
    {
        const int maxPrefix = 24;
        var text = ReadOptional(source, key) ?? key.Default!;
        if (!Ipv4Cidr.TryParse(text, out var cidr, out var problem))
        {
            problems.Add(key.Name, $"{problem}. Use an IPv4 range such as {key.Default}.");
            return null;
        }

        if (cidr.PrefixLength < minPrefix || cidr.PrefixLength > maxPrefix)
        {
            var why = cidr.PrefixLength < minPrefix ? minPrefixReason : "smaller ranges leave too few addresses for a cluster";
            problems.Add(
                key.Name,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{cidr} is a /{cidr.PrefixLength} range ({why}). Use a prefix length between /{minPrefix} and /{maxPrefix}, e.g. {key.Default}."));
            return null;
        }

        return cidr;
    }

    private static string? ReadClusterDomain(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.ClusterDomain;
        var text = ReadOptional(source, key) ?? PlatformSettings.DefaultClusterDomain;
        if (ConfigSyntax.IsDns1123Subdomain(text))
        {
            return text;
        }

        problems.Add(
            key.Name,
            $"'{text}' is not a valid DNS domain (dot-separated DNS-1123 labels: lowercase letters, digits or '-'). " +
            $"Use e.g. {PlatformSettings.DefaultClusterDomain} (the default).");
        return null;
    }

    private static void CheckSshPrivateKey(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.SshPrivateKey;
        if (!source.IsSet(key.Name))
        {
            problems.Add(
                key.Name,
                "is required but not set (Platform logs in to the nodes with it). Store the key as a secret, read from " +
                $"the key file on stdin: `{key.SetCommand}`.");
        }
    }

    private static bool? ReadStatefulWorkloads(IPlatformConfigSource source, ProblemCollector problems)
        => ReadBoolean(source, PlatformConfigKeys.StatefulWorkloads, problems);

    private static bool? ReadBoolean(IPlatformConfigSource source, PlatformConfigKey key, ProblemCollector problems)
    {
        var text = ReadOptional(source, key);
        if (text is null || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        problems.Add(key.Name, $"'{text}' is not a boolean. Use true or false, e.g. `{key.SetCommand}`.");
        return null;
    }

    private static ReadOnlyDictionary<string, bool>? ReadCapabilities(IPlatformConfigSource source, ProblemCollector problems)
    {
        var key = PlatformConfigKeys.Capabilities;
        var text = ReadOptional(source, key);
        var overrides = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (text is null)
        {
            return overrides.AsReadOnly();
        }

        if (!ConfigJson.TryParse(text, key.Name, CapabilitiesExample, problems, out var root))
        {
            return null;
        }

        if (root.ValueKind == JsonValueKind.Null)
        {
            return overrides.AsReadOnly();
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(
                key.Name,
                $"is {ConfigSyntax.Describe(root.ValueKind)}, not a map. Use an object of capability id to true or false, e.g. `{CapabilitiesExample}`.");
            return null;
        }

        var before = problems.Count;
        var known = CapabilityMatrix.Default.All.Select(capability => capability.Id).ToList();
        foreach (var property in ConfigJson.Properties(root, key.Name, problems))
        {
            var path = ConfigSyntax.PathSegment(key.Name, property.Name);
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add(
                    path,
                    $"'{property.Name}' is not a capability{ConfigSyntax.DidYouMean(property.Name, known)}. Use one of {string.Join(", ", known)}.");
                continue;
            }

            if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add(
                    path,
                    $"is {ConfigSyntax.Describe(property.Value.ValueKind)} ({property.Value.GetRawText()}), not a boolean. " +
                    $"Use true or false without quotes, e.g. `pulumi config set --path {PlatformConfigKeys.Prefix}{path} true`.");
                continue;
            }

            overrides[property.Name] = property.Value.GetBoolean();
        }

        return problems.Count == before ? overrides.AsReadOnly() : null;
    }
}
