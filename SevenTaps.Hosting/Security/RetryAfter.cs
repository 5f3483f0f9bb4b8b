using System.Globalization;

namespace SevenTaps.Security;

/// <summary>The value of a <c>Retry-After</c> header: whole seconds, rounded up, at least 1 (0 would invite an immediate retry).</summary>
public static class RetryAfter
{
    public static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
