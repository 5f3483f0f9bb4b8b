using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

// Result and Score (1.0.3 Data 2.4.5).
internal sealed partial class StatementValidationRun
{
    private static readonly HashSet<string> ResultProperties = ["score", "success", "completion", "response", "duration", "extensions"];

    private static readonly HashSet<string> ScoreProperties = ["scaled", "raw", "min", "max"];

    private void ValidateResult(JsonNode node, string path)
    {
        if (RequireObject(node, path) is not { } result)
        {
            return;
        }

        RejectUnknownProperties(result, path, ResultProperties, "a Result");
        if (TryGet(result, "score", path, out var score))
        {
            ValidateScore(score, XapiPath.Property(path, "score"));
        }

        // Strings are not booleans even when they contain "true" (Data 2.2.s4.b1.b3).
        if (TryGet(result, "success", path, out var success))
        {
            ValidateBoolean(success, XapiPath.Property(path, "success"));
        }

        if (TryGet(result, "completion", path, out var completion))
        {
            ValidateBoolean(completion, XapiPath.Property(path, "completion"));
        }

        ValidateOptionalString(result, "response", path);

        if (TryGet(result, "duration", path, out var duration))
        {
            var durationPath = XapiPath.Property(path, "duration");
            if (RequireString(duration, durationPath) is { } text && !Iso8601Duration.IsWellFormed(text))
            {
                Error(durationPath, $"must be an ISO 8601 duration such as PT1H2M3.5S, P1D or P2W, got '{text}'");
            }
        }

        ValidateOptionalExtensions(result, path);
    }

    /// <summary>
    /// Score (Data 2.4.5.1): all values are numbers (never strings, 2.2.s4.b1.b2); scaled is between -1 and 1
    /// inclusive; min is less than max; raw is between min and max inclusive when they are present.
    /// </summary>
    private void ValidateScore(JsonNode node, string path)
    {
        if (RequireObject(node, path) is not { } score)
        {
            return;
        }

        RejectUnknownProperties(score, path, ScoreProperties, "a Score");
        var scaled = ReadScoreNumber(score, "scaled", path);
        var raw = ReadScoreNumber(score, "raw", path);
        var min = ReadScoreNumber(score, "min", path);
        var max = ReadScoreNumber(score, "max", path);

        if (scaled is < -1 or > 1)
        {
            Error(XapiPath.Property(path, "scaled"), $"must be between -1 and 1 inclusive, got {scaled}");
        }

        if (min is not null && max is not null && min >= max)
        {
            Error(XapiPath.Property(path, "min"), $"must be less than max ({min} is not less than {max})");
        }

        if (raw is not null && ((min is not null && raw < min) || (max is not null && raw > max)))
        {
            Error(XapiPath.Property(path, "raw"), $"must be between min and max inclusive, got {raw}");
        }
    }

    private double? ReadScoreNumber(JsonObject score, string name, string path)
    {
        if (!TryGet(score, name, path, out var node))
        {
            return null;
        }

        if (JsonNodeKinds.TryGetNumber(node, out var number))
        {
            return number;
        }

        Error(XapiPath.Property(path, name), $"must be a number but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(node))}");
        return null;
    }
}
