namespace Agent.Api;

/// <summary>A type of this assembly for tests to name it by (every web project has a <c>Program</c>).</summary>
public sealed class AgentMarker;
