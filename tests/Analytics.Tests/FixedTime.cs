namespace Analytics.Tests;

/// <summary>"Now" at a chosen instant, so queries counting back from now can be compared at any point of the course.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
