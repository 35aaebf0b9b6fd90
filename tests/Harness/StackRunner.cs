using System.Collections.Concurrent;
using System.Text.Json;
using Platform.Stacks;
using Pulumi;
using Pulumi.Testing;

namespace Platform.Tests.Harness;

/// <summary>
/// Runs <see cref="PlatformStack"/> under the mocks with a given <c>platform:</c> configuration. Runs are serialised
/// (Pulumi has one deployment per process); the configuration reaches the program the way the Pulumi CLI passes it,
/// through PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS.
/// </summary>
public static class StackRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly string[] SecretKeys = { "sshPrivateKey", "rfc2136TsigSecret", "externalDnsCredentials" };

    /// <summary>Runs the stack; <paramref name="config"/> holds bare keys ("tier", not "platform:tier").</summary>
    public static async Task<StackRun> RunAsync(IReadOnlyDictionary<string, string> config, bool preview = true, PlatformMocks? mocks = null)
    {
        mocks ??= new PlatformMocks();
        await OneAtATime.WaitAsync();
        try
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config.ToDictionary(kv => "platform:" + kv.Key, kv => kv.Value)));
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS",
                JsonSerializer.Serialize(SecretKeys.Where(config.ContainsKey).Select(k => "platform:" + k)));
            ObservedPlatformStack.Seen = new ConcurrentDictionary<string, ResourceOptions>();
            ObservedPlatformStack.SeenArgs = new ConcurrentDictionary<string, ResourceArgs>();
            var resources = await Deployment.TestAsync<ObservedPlatformStack>(mocks.Mock.Object,
                new TestOptions { IsPreview = preview, ProjectName = "platform", StackName = "test" });
            return new StackRun(resources, mocks.Registrations, new Dictionary<string, ResourceOptions>(ObservedPlatformStack.Seen),
                new Dictionary<string, ResourceArgs>(ObservedPlatformStack.SeenArgs));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
            OneAtATime.Release();
        }
    }

    /// <summary>The platform stack with a stack transformation that records every resource's args and options.</summary>
    internal sealed class ObservedPlatformStack : PlatformStack
    {
        internal static ConcurrentDictionary<string, ResourceOptions> Seen = new();
        internal static ConcurrentDictionary<string, ResourceArgs> SeenArgs = new();

        public ObservedPlatformStack() : base(Observe())
        {
        }

        private static StackOptions Observe()
        {
            var seen = Seen;
            var seenArgs = SeenArgs;
#pragma warning disable CS0618 // ResourceTransformations is the transformation hook that also runs under the mock engine.
            return new StackOptions
            {
                ResourceTransformations =
                {
                    args =>
                    {
                        seen[args.Resource.GetResourceName()] = args.Options;
                        seenArgs[args.Resource.GetResourceName()] = args.Args;
                        return null;
                    },
                },
            };
#pragma warning restore CS0618
        }
    }
}
