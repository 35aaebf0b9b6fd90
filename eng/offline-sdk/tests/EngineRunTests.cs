using Pulumi;
using Pulumi.Random;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace OfflineSdk.Tests;

public class EngineRunTests
{
    private static readonly TestOptions Run = new() { IsPreview = false, ProjectName = "proj", StackName = "dev" };

    private sealed class OutputsStack : Stack
    {
        public OutputsStack()
        {
            Answer = Output.Create(42);
            Hidden = Output.CreateSecret("s");
            _ = new RandomString("suffix", new RandomStringArgs { Length = 4 });
        }

        [Output("answer")] public Output<int> Answer { get; set; }
        [Output("hidden")] public Output<string> Hidden { get; set; }
    }

    private sealed class UnassignedOutputStack : Stack
    {
        [Output("missing")] public Output<string>? Missing { get; set; }
    }

    [Fact]
    public async Task A_stack_output_left_unassigned_fails_the_run()
    {
        var e = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync<UnassignedOutputStack>(new RecordingMocks(), Run));
        Assert.Contains("'Missing' have no value assigned", e.Message);
    }

    private sealed class ThrowingStack : Stack
    {
        public ThrowingStack() => throw new InvalidOperationException("bad stack");
    }

    [Fact]
    public async Task Stack_class_run_includes_the_stack_and_its_outputs()
    {
        var resources = await Deployment.TestAsync<OutputsStack>(new RecordingMocks(), Run);
        var stack = resources.OfType<OutputsStack>().Single();
        Assert.Equal("urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev", await OutputUtilities.GetValueAsync(stack.Urn));
        Assert.Equal(42, await OutputUtilities.GetValueAsync(stack.Answer));
        Assert.True(await Output.IsSecretAsync(stack.Hidden));
        Assert.Single(resources.OfType<RandomString>());
    }

    [Fact]
    public async Task Lambda_run_returns_outputs_and_leaves_the_stack_out()
    {
        var mocks = new RecordingMocks();
        var (resources, outputs) = await Deployment.TestAsync(mocks, Run, () =>
        {
            _ = new RandomString("suffix", new RandomStringArgs { Length = 4 });
            return new Dictionary<string, object?> { ["plain"] = "value" };
        });
        Assert.Single(resources);
        Assert.IsType<RandomString>(resources[0]);
        Assert.Equal("value", outputs["plain"]);
        Assert.DoesNotContain(mocks.Registrations, r => r.Type == "pulumi:pulumi:Stack");
    }

    [Fact]
    public async Task An_exception_in_the_program_fails_the_run_with_its_message()
    {
        var e = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync<ThrowingStack>(new RecordingMocks(), Run));
        Assert.StartsWith("Running program '", e.Message);
        Assert.Contains("failed with an unhandled exception:\nSystem.InvalidOperationException: bad stack", e.Message);
        Assert.DoesNotContain("   at ", e.Message);
    }

    [Fact]
    public async Task An_exception_inside_apply_fails_the_run()
    {
        var e = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(new RecordingMocks(), Run, () =>
        {
            var s = new RandomString("s", new RandomStringArgs { Length = 4 });
            _ = new RandomString("t", new RandomStringArgs { Length = s.Result.Apply(new Func<string, int>(_ => throw new ArgumentException("boom"))) });
        }));
        Assert.EndsWith("System.ArgumentException: boom", e.Message);
    }

    [Fact]
    public async Task A_run_exception_reads_as_its_message_alone()
    {
        var e = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(new RecordingMocks(), Run, (Action)(() => throw new RunException("plain message"))));
        Assert.Equal("plain message", e.Message);
    }

    [Fact]
    public async Task A_logged_error_fails_the_run_and_a_warning_does_not()
    {
        await Deployment.TestAsync(new RecordingMocks(), Run, () => Log.Warn("careful"));
        var e = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(new RecordingMocks(), Run, () => Log.Error("broken")));
        Assert.Equal("broken", e.Message);
    }

    [Fact]
    public async Task A_missing_required_input_fails_the_run()
    {
        var e = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(new RecordingMocks(), Run, () =>
        {
            _ = new RandomString("s", new RandomStringArgs());
        }));
        Assert.Contains("Pulumi.Random.RandomStringArgs.Length is required but was not given a value", e.Message);
    }

    [Fact]
    public async Task RunAsync_stops_at_once_explaining_that_deployments_need_the_real_sdk()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(1, await Deployment.RunAsync<OutputsStack>());
        }
        finally
        {
            Console.SetError(original);
        }
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("need the real Pulumi packages and CLI", line);
    }

    [Fact]
    public void Resources_outside_a_program_are_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new RandomString("s", new RandomStringArgs { Length = 1 }));
        Assert.Contains("outside a Pulumi program", e.Message);
    }
}
