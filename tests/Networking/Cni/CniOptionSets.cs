using Platform.Components.Networking.Cni;

namespace Platform.Tests.Networking.Cni;

/// <summary>Every valid combination of options, per plugin, for tests that must hold for all of them.</summary>
public static class CniOptionSets
{
    /// <summary>All valid Cilium option sets.</summary>
    public static TheoryData<CniOptions> Cilium()
    {
        var sets = new TheoryData<CniOptions>();
        foreach (var encryption in Enum.GetValues<CniEncryption>())
            foreach (var kubeProxyReplacement in new[] { false, true })
                foreach (var hubble in new[] { false, true })
                    sets.Add(new CniOptions { Encryption = encryption, KubeProxyReplacement = kubeProxyReplacement, Hubble = hubble });
        return sets;
    }

    /// <summary>All valid Calico option sets.</summary>
    public static TheoryData<CniOptions> Calico() =>
    [
        new CniOptions { Plugin = CniPlugin.Calico },
        new CniOptions { Plugin = CniPlugin.Calico, Encryption = CniEncryption.PodTraffic },
    ];
}
