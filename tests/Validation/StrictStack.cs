namespace Platform.Tests.Validation;

/// <summary>One stack configuration whose objects are decoded strictly, and what it must contain so the check
/// cannot pass vacuously.</summary>
/// <param name="Name">The theory row's name.</param>
/// <param name="Config">The <c>platform:</c> configuration (bare keys).</param>
/// <param name="ExpectedKinds">Built-in kinds, as <c>apiVersion/kind</c>, that must be among the decoded objects.</param>
/// <param name="KubeVipPods">How many control-plane nodes receive the kube-vip static pod.</param>
public sealed record StrictStack(string Name, Func<Dictionary<string, string>> Config, IReadOnlyList<string> ExpectedKinds, int KubeVipPods);
