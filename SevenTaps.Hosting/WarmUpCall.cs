namespace SevenTaps.Hosting;

/// <summary>
/// A read endpoint called once in-process as the service starts (<see cref="StartupWarmUp"/>): its name
/// (<c>WithName</c>), the query string and route values to call it with.
/// </summary>
public sealed record WarmUpCall(string EndpointName, string Query = "", IReadOnlyDictionary<string, string>? RouteValues = null);
