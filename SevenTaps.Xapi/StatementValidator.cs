using System.Text.Json;
using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

/// <summary>
/// Validates one xAPI Statement against the MUST rules of the xAPI Data part (1.0.3 or 2.0.0).
/// </summary>
/// <remarks>
/// <para>Input is a <see cref="JsonNode"/> (System.Text.Json.Nodes): it is what the ingest endpoint already
/// holds after parsing a request body, it distinguishes a JSON null (<c>"x": null</c> is present with a
/// null value) from a missing property, and it is mutable, which the formatter needs. Use
/// <see cref="ValidateJson"/> for raw text: it also rejects duplicated property names, which
/// <see cref="JsonNode"/> cannot represent (Data 2.2.s2.b2).</para>
/// <para>All errors are collected (not only the first) so a client gets the complete list in one 400 response.
/// An empty list means the Statement is valid. The validator never mutates its input.</para>
/// <para>Deliberately not validated (the spec does not require it or forbids it): extension values
/// (Data 4.1.s3.b2), response patterns and characterstring parameters (Data 2.4.4.1.s12/s13.b3),
/// whether a timestamp is in the future (2.4.7.s3.b6), whether a referenced Statement exists, whether
/// mbox_sha1sum matches anything, and whether a SHA-2 value matches attachment data (done by the
/// multipart parser, which has the bytes).</para>
/// </remarks>
public static class StatementValidator
{
    /// <summary>Validates a parsed Statement.</summary>
    public static IReadOnlyList<XapiValidationError> Validate(JsonNode? statement, XapiVersion version)
    {
        var run = new StatementValidationRun(version);
        run.ValidateStatement(statement, path: "", isSubStatement: false);
        return run.Errors;
    }

    /// <summary>
    /// Validates the Agent a document resource is addressed by (the <c>agent</c> parameter of the State and Agent
    /// Profile resources): an Agent by the statement rules, and not a Group (Communication "Agent Profile Resource":
    /// "The agent parameter is an Agent Object and not a Group"). Errors have paths below <paramref name="path"/>.
    /// </summary>
    public static IReadOnlyList<XapiValidationError> ValidateAgent(JsonNode? agent, XapiVersion version, string path)
    {
        var run = new StatementValidationRun(version);
        run.ValidateDocumentAgent(agent, path);
        return run.Errors;
    }

    /// <summary>Validates a parsed Statement; <paramref name="xapiVersion"/> is e.g. the X-Experience-API-Version header.</summary>
    /// <exception cref="ArgumentException">The version is neither 1.0.x nor 2.0.x.</exception>
    public static IReadOnlyList<XapiValidationError> Validate(JsonNode? statement, string xapiVersion) =>
        Validate(statement, XapiVersions.Parse(xapiVersion));

    /// <summary>
    /// Parses and validates a Statement given as JSON text. Malformed JSON is reported with an empty path;
    /// a property name used twice in one object is reported at its path and stops validation, because
    /// which of the two values would be kept is undefined.
    /// </summary>
    public static IReadOnlyList<XapiValidationError> ValidateJson(string json, XapiVersion version)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            var duplicates = DuplicatePropertyDetector.Find(json);
            if (duplicates.Count > 0)
            {
                return duplicates
                    .Select(path => new XapiValidationError(path, "property is used more than once; each property MUST be used no more than one time"))
                    .ToList();
            }

            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            return [new XapiValidationError("", $"is not valid JSON: {ex.Message}")];
        }

        return Validate(node, version);
    }
}

/// <summary>
/// State of one validation: the target version and the errors found so far. The rules live in the
/// partial files next to this one, one per part of the Statement.
/// </summary>
internal sealed partial class StatementValidationRun(XapiVersion version)
{
    private readonly List<XapiValidationError> errors = [];

    public IReadOnlyList<XapiValidationError> Errors => errors;

    private XapiVersion Version { get; } = version;

    private bool Is2_0 => Version == XapiVersion.V2_0_0;

    private void Error(string path, string message) => errors.Add(new XapiValidationError(path, message));

    /// <summary>Records a type error unless <paramref name="node"/> is a JSON object.</summary>
    private JsonObject? RequireObject(JsonNode? node, string path)
    {
        if (node is JsonObject obj)
        {
            return obj;
        }

        Error(path, $"must be an object but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(node))}");
        return null;
    }

    /// <summary>
    /// Rejects properties not allowed by the spec (Data 2.2.s4.b1.b5/b7: keys are case-sensitive and
    /// unknown keys are rejected).
    /// </summary>
    private void RejectUnknownProperties(JsonObject obj, string path, IReadOnlySet<string> allowed, string what)
    {
        foreach (var (name, _) in obj)
        {
            if (!allowed.Contains(name))
            {
                Error(XapiPath.Property(path, name), $"is not a property of {what}");
            }
        }
    }

    /// <summary>
    /// Gets a property that is present and not null. A present JSON null is an error: the LRS MUST
    /// reject null values except inside extensions (Data 2.2.s4.b1.b1).
    /// </summary>
    private bool TryGet(JsonObject obj, string name, string path, out JsonNode value)
    {
        value = null!;
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return false;
        }

        if (node is null)
        {
            Error(XapiPath.Property(path, name), "must not be null");
            return false;
        }

        value = node;
        return true;
    }

    /// <summary>Like <see cref="TryGet"/>, and records "is required" when the property is missing.</summary>
    private bool TryGetRequired(JsonObject obj, string name, string path, out JsonNode value)
    {
        if (!obj.ContainsKey(name))
        {
            Error(XapiPath.Property(path, name), "is required");
            value = null!;
            return false;
        }

        return TryGet(obj, name, path, out value);
    }

    /// <summary>Returns the string value or records a type error (numbers/booleans are not strings).</summary>
    private string? RequireString(JsonNode node, string path)
    {
        if (JsonNodeKinds.AsString(node) is { } text)
        {
            return text;
        }

        Error(path, $"must be a string but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(node))}");
        return null;
    }

    private void ValidateOptionalString(JsonObject obj, string name, string path)
    {
        if (TryGet(obj, name, path, out var node))
        {
            RequireString(node, XapiPath.Property(path, name));
        }
    }

    private void ValidateBoolean(JsonNode node, string path)
    {
        if (JsonNodeKinds.KindOf(node) is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(path, $"must be a boolean (true/false) but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(node))}");
        }
    }

    private void ValidateIri(JsonNode node, string path)
    {
        if (RequireString(node, path) is { } text && !XapiIri.IsValidIri(text))
        {
            Error(path, $"must be an absolute IRI with a scheme, got '{text}'");
        }
    }

    private void ValidateIrl(JsonNode node, string path)
    {
        if (RequireString(node, path) is { } text && !XapiIri.IsValidIrl(text))
        {
            Error(path, $"must be an absolute IRL with a scheme, got '{text}'");
        }
    }

    private void ValidateUuid(JsonNode node, string path)
    {
        if (RequireString(node, path) is { } text && !XapiUuid.IsValid(text))
        {
            Error(path, $"must be a UUID in standard string form (8-4-4-4-12 hex digits), got '{text}'");
        }
    }

    /// <summary>
    /// Language Map (Data 4.2): an object whose keys are RFC 5646 language tags and whose values are strings.
    /// </summary>
    private void ValidateLanguageMap(JsonNode node, string path)
    {
        if (RequireObject(node, path) is not { } map)
        {
            return;
        }

        foreach (var (tag, value) in map)
        {
            var entryPath = XapiPath.Key(path, tag);
            if (!LanguageTag.IsValid(tag))
            {
                Error(entryPath, $"'{tag}' is not an RFC 5646 language tag");
            }

            if (value is null)
            {
                Error(entryPath, "must not be null");
            }
            else
            {
                RequireString(value, entryPath);
            }
        }
    }

    /// <summary>
    /// Extensions (Data 4.1): an object whose keys MUST be IRIs. Values can be any JSON, including null,
    /// and MUST NOT be a reason to reject the Statement.
    /// </summary>
    private void ValidateExtensions(JsonNode node, string path)
    {
        if (RequireObject(node, path) is not { } map)
        {
            return;
        }

        foreach (var (key, _) in map)
        {
            if (!XapiIri.IsValidIri(key))
            {
                Error(XapiPath.Key(path, key), $"extension key '{key}' must be an IRI");
            }
        }
    }

    private void ValidateOptionalLanguageMap(JsonObject obj, string name, string path)
    {
        if (TryGet(obj, name, path, out var node))
        {
            ValidateLanguageMap(node, XapiPath.Property(path, name));
        }
    }

    private void ValidateOptionalExtensions(JsonObject obj, string path)
    {
        if (TryGet(obj, "extensions", path, out var node))
        {
            ValidateExtensions(node, XapiPath.Property(path, "extensions"));
        }
    }
}
