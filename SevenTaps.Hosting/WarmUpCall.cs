namespace SevenTaps.Hosting;

/// <summary>
/// A read endpoint called once in-process as the service starts (<see cref="StartupWarmUp"/>): its name
/// (<c>WithName</c>), the query string and route values to call it with.
/// </summary>
public sealed record WarmUpCall(string EndpointName, string Query = "", IReadOnlyDictionary<string, string>? RouteValues = null)
{
    /// <summary>
    /// The analytics filter of a warm-up call: one day long before any course, so the call runs every code path of a
    /// real one in milliseconds and caches no answer anyone asks for.
    /// </summary>
    public const string NoDay = "from=2000-01-01&to=2000-01-01";
}
