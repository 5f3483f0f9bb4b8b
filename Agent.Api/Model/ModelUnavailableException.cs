namespace Agent.Api.Model;

/// <summary>The model failed to give a response: the message says why, in words for the answer.</summary>
public sealed class ModelUnavailableException(string message, Exception inner) : Exception(message, inner);
