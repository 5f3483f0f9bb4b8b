using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SevenTaps.Xapi;

// Statement-level rules: allowed properties, required actor/verb/object, id, timestamp, stored,
// version, and the SubStatement restrictions (1.0.3 Data 2.2, 2.4, 2.4.4.3).
internal sealed partial class StatementValidationRun
{
    private static readonly HashSet<string> StatementProperties =
        ["id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments"];

    // A SubStatement is validated as a Statement but MUST NOT have id, stored, version or authority
    // (Data 2.4.4.3.s8.b3), and carries objectType "SubStatement" (s8.b1).
    private static readonly HashSet<string> SubStatementProperties =
        ["objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments"];

    private static readonly string[] ForbiddenInSubStatement = ["id", "stored", "version", "authority"];

    [GeneratedRegex(@"^\d+\.\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex SemanticVersion();

    public void ValidateStatement(JsonNode? node, string path, bool isSubStatement)
    {
        if (RequireObject(node, path) is not { } statement)
        {
            return;
        }

        if (isSubStatement)
        {
            foreach (var name in ForbiddenInSubStatement.Where(statement.ContainsKey))
            {
                Error(XapiPath.Property(path, name), "must not be used in a SubStatement");
            }

            var allowed = new HashSet<string>(SubStatementProperties);
            allowed.UnionWith(ForbiddenInSubStatement); // already reported above
            RejectUnknownProperties(statement, path, allowed, "a SubStatement");
        }
        else
        {
            RejectUnknownProperties(statement, path, StatementProperties, "a Statement");
            if (TryGet(statement, "id", path, out var id))
            {
                ValidateUuid(id, XapiPath.Property(path, "id"));
            }

            if (TryGet(statement, "stored", path, out var stored))
            {
                ValidateTimestamp(stored, XapiPath.Property(path, "stored"));
            }

            if (TryGet(statement, "authority", path, out var authority))
            {
                ValidateAuthority(authority, XapiPath.Property(path, "authority"));
            }

            if (TryGet(statement, "version", path, out var version))
            {
                ValidateStatementVersion(version, XapiPath.Property(path, "version"));
            }
        }

        if (TryGetRequired(statement, "actor", path, out var actor))
        {
            ValidateActor(actor, XapiPath.Property(path, "actor"));
        }

        if (TryGetRequired(statement, "verb", path, out var verb))
        {
            ValidateVerb(verb, XapiPath.Property(path, "verb"));
        }

        var objectKind = StatementObjectKind.Invalid;
        if (TryGetRequired(statement, "object", path, out var obj))
        {
            objectKind = ValidateStatementObject(obj, XapiPath.Property(path, "object"), isSubStatement);
        }

        // Data "Voided": a voiding statement MUST have a StatementRef as its object (its target). A SubStatement voids
        // nothing, so the rule is the Statement's.
        if (!isSubStatement && objectKind is not (StatementObjectKind.StatementRef or StatementObjectKind.Invalid)
            && statement["verb"] is JsonObject verbObject && JsonNodeKinds.AsString(verbObject["id"]) == StatementIndexKeys.VoidedVerbId)
        {
            Error(XapiPath.Property(path, "object"), "a voiding statement (verb voided) MUST have a StatementRef as its object");
        }

        if (TryGet(statement, "result", path, out var result))
        {
            ValidateResult(result, XapiPath.Property(path, "result"));
        }

        if (TryGet(statement, "context", path, out var context))
        {
            ValidateContext(context, XapiPath.Property(path, "context"), objectKind);
        }

        if (TryGet(statement, "timestamp", path, out var timestamp))
        {
            ValidateTimestamp(timestamp, XapiPath.Property(path, "timestamp"));
        }

        if (TryGet(statement, "attachments", path, out var attachments))
        {
            ValidateAttachments(attachments, XapiPath.Property(path, "attachments"));
        }
    }

    /// <summary>
    /// Verb (Data 2.4.3): "id" (IRI) is required, "display" is a Language Map; nothing else is allowed.
    /// </summary>
    private void ValidateVerb(JsonNode node, string path)
    {
        if (RequireObject(node, path) is not { } verb)
        {
            return;
        }

        RejectUnknownProperties(verb, path, new HashSet<string> { "id", "display" }, "a Verb");
        if (TryGetRequired(verb, "id", path, out var id))
        {
            ValidateIri(id, XapiPath.Property(path, "id"));
        }

        ValidateOptionalLanguageMap(verb, "display", path);
    }

    /// <summary>
    /// Statement "version" (1.0.3 Data 2.4.10 / 2.0.0 version requirements): formatted like the version
    /// header (semantic version "major.minor.patch"). A 1.0.3 LRS MUST reject versions not starting with
    /// "1.0."; a 2.0.0 LRS accepts "1.0." and "2.0.".
    /// </summary>
    private void ValidateStatementVersion(JsonNode node, string path)
    {
        if (RequireString(node, path) is not { } text)
        {
            return;
        }

        // "1.0" (and "2.0") name the version as the version header may (Communication "Versioning": "1.0" is
        // accepted as "1.0.0"), so a statement saying it is accepted like one saying "1.0.0".
        var supported = text is "1.0" || (Is2_0 && text is "2.0")
            || (SemanticVersion().IsMatch(text)
                && (text.StartsWith("1.0.", StringComparison.Ordinal) || (Is2_0 && text.StartsWith("2.0.", StringComparison.Ordinal))));
        if (!supported)
        {
            Error(path, Is2_0
                ? $"must be a version starting with '1.0.' or '2.0.' (e.g. 2.0.0), got '{text}'"
                : $"must be a version starting with '1.0.' (e.g. 1.0.0), got '{text}'");
        }
    }

    private void ValidateTimestamp(JsonNode node, string path)
    {
        if (RequireString(node, path) is { } text && !XapiTimestamp.TryParse(text, Version, out _, out var reason))
        {
            Error(path, $"'{text}' {reason}");
        }
    }
}
