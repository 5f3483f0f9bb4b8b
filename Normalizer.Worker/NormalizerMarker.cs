namespace Normalizer.Worker;

/// <summary>
/// Names this assembly for <c>WebApplicationFactory&lt;T&gt;</c>: a test that hosts two services cannot use
/// <c>Program</c>, which every top-level-statement project defines.
/// </summary>
public sealed class NormalizerMarker;
