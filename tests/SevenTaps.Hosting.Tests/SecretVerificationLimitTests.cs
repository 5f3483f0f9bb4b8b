using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SevenTaps.Security;

namespace SevenTaps.Hosting.Tests;

public sealed class SecretVerificationLimitTests
{
    [Fact]
    public async Task Beyond_the_running_and_the_queued_verifications_a_caller_is_refused_at_once_and_its_verification_never_runs()
    {
        using var limit = new SecretVerificationLimit(Options.Create(new SecretVerificationOptions
            { MaxConcurrent = 1, QueueLimit = 1, RetryAfter = TimeSpan.FromSeconds(2) }));
        using var release = new ManualResetEventSlim();
        var running = new TaskCompletionSource();
        var first = Task.Run(async () => await limit.RunAsync(() =>
        {
            running.SetResult();
            release.Wait();
            return Task.FromResult(1);
        }, CancellationToken.None));
        await running.Task;
        var queued = limit.RunAsync(() => Task.FromResult(2), CancellationToken.None).AsTask();
        Assert.False(queued.IsCompleted);

        var refusedRan = false;
        var refusal = await Assert.ThrowsAsync<SecretVerificationBusyException>(async () => await limit.RunAsync(() => Task.FromResult(refusedRan = true), CancellationToken.None));

        Assert.False(refusedRan);
        Assert.Equal(TimeSpan.FromSeconds(2), refusal.RetryAfter);
        release.Set();
        Assert.Equal(1, await first);
        Assert.Equal(2, await queued);
        // Slots free again: the next caller runs.
        Assert.Equal(3, await limit.RunAsync(() => Task.FromResult(3), CancellationToken.None));
    }

    [Fact]
    public void The_limit_comes_from_section_SecretVerification_with_one_verification_per_processor_by_default_and_is_validated()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration["SecretVerification:QueueLimit"] = "7";
        builder.Services.AddSecretVerificationLimit();
        using (var host = builder.Build())
        {
            var options = host.Services.GetRequiredService<IOptions<SecretVerificationOptions>>().Value;
            Assert.Equal((Environment.ProcessorCount, 7), (options.MaxConcurrent, options.QueueLimit));
        }

        var invalid = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        invalid.Configuration["SecretVerification:MaxConcurrent"] = "0";
        invalid.Services.AddSecretVerificationLimit();
        using var invalidHost = invalid.Build();
        Assert.Throws<OptionsValidationException>(() => invalidHost.Services.GetRequiredService<IOptions<SecretVerificationOptions>>().Value);
    }
}
