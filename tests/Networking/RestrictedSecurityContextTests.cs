using System.Text.Json;
using k8s.Models;
using Platform.Components.Networking;
using Platform.Tests.Harness;
using Platform.Tests.Validation;
using Pulumi;

namespace Platform.Tests.Networking;

/// <summary>The restricted security contexts the renderers share, decoded as the Kubernetes types they stand for.</summary>
public class RestrictedSecurityContextTests
{
    private static T Decode<T>(Dictionary<string, object> values) => StrictJson.Decode<T>(JsonSerializer.SerializeToNode(values));

    [Fact]
    public void A_container_escapes_nothing_and_drops_every_capability_on_a_read_only_root_by_default()
    {
        var context = Decode<V1SecurityContext>(RestrictedSecurityContext.Container());
        Assert.Equal(false, context.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], context.Capabilities.Drop);
        Assert.Equal(true, context.ReadOnlyRootFilesystem);
        Assert.Equal(["allowPrivilegeEscalation", "capabilities", "readOnlyRootFilesystem"], RestrictedSecurityContext.Container().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_container_sets_the_user_the_seccomp_profile_and_the_rest_only_when_asked()
    {
        var values = RestrictedSecurityContext.Container(runAsNonRoot: true, user: 1001, group: 1002, readOnlyRootFilesystem: null, privileged: false, seccomp: true);
        var context = Decode<V1SecurityContext>(values);
        Assert.Equal((true, 1001L, 1002L, false, "RuntimeDefault"),
            (context.RunAsNonRoot, context.RunAsUser, context.RunAsGroup, context.Privileged, context.SeccompProfile.Type));
        Assert.False(values.ContainsKey("readOnlyRootFilesystem"));

        // A root container (Fluent Bit reads the nodes' logs) says so, still without escalation or capabilities.
        var root = Decode<V1SecurityContext>(RestrictedSecurityContext.Container(runAsNonRoot: false, user: 0, group: 0));
        Assert.Equal((false, 0L, 0L, false), (root.RunAsNonRoot, root.RunAsUser, root.RunAsGroup, root.AllowPrivilegeEscalation));
    }

    [Fact]
    public void A_pod_runs_as_non_root_with_the_runtimes_seccomp_profile_and_the_given_ids()
    {
        var plain = RestrictedSecurityContext.Pod();
        Assert.Equal(["runAsNonRoot", "seccompProfile"], plain.Keys.Order(StringComparer.Ordinal));
        var pod = Decode<V1PodSecurityContext>(RestrictedSecurityContext.Pod(1000, 1001, 1002, fsGroupChangePolicy: "OnRootMismatch"));
        Assert.Equal((true, 1000L, 1001L, 1002L, "OnRootMismatch", "RuntimeDefault"),
            (pod.RunAsNonRoot, pod.RunAsUser, pod.RunAsGroup, pod.FsGroup, pod.FsGroupChangePolicy, pod.SeccompProfile.Type));

        Assert.Equal(["seccompProfile"], RestrictedSecurityContext.Pod(runAsNonRoot: null).Keys);
        Assert.Equal(["runAsNonRoot", "runAsUser"], RestrictedSecurityContext.Pod(user: 8888, seccomp: false).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_typed_contexts_of_the_programs_own_pods_are_the_same_as_the_values_maps()
    {
        var pod = RestrictedSecurityContext.PodArgs(100, 1000);
        Assert.Equal((true, 100, 1000, RestrictedSecurityContext.SeccompProfileType),
            (await Outputs.ValueAsync(pod.RunAsNonRoot!.ToOutput()), await Outputs.ValueAsync(pod.RunAsUser!.ToOutput()),
             await Outputs.ValueAsync(pod.RunAsGroup!.ToOutput()), await Outputs.ValueAsync(pod.SeccompProfile!.ToOutput().Apply(p => p.Type.ToOutput()))));
        var container = RestrictedSecurityContext.ContainerArgs();
        Assert.False(await Outputs.ValueAsync(container.AllowPrivilegeEscalation!.ToOutput()));
        Assert.True(await Outputs.ValueAsync(container.ReadOnlyRootFilesystem!.ToOutput()));
        Assert.Equal(new[] { "ALL" }, (await Outputs.ValueAsync(container.Capabilities!.ToOutput().Apply(c => c.Drop.ToOutput()))).ToArray());
    }
}
