using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SevenTaps.Xapi;

// Attachments (1.0.3 Data 2.4.11).
internal sealed partial class StatementValidationRun
{
    private static readonly HashSet<string> AttachmentProperties =
        ["usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"];

    // RFC 2045/2046 "type/subtype" with optional parameters; token characters per RFC 2045.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+.^_`|~-]+/[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*;.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex InternetMediaType();

    private void ValidateAttachments(JsonNode node, string path)
    {
        if (node is not JsonArray attachments)
        {
            Error(path, $"must be an array of Attachment objects but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(node))}");
            return;
        }

        for (var i = 0; i < attachments.Count; i++)
        {
            var itemPath = XapiPath.Index(path, i);
            if (attachments[i] is null)
            {
                Error(itemPath, "must not be null");
                continue;
            }

            if (RequireObject(attachments[i], itemPath) is { } attachment)
            {
                ValidateAttachment(attachment, itemPath);
            }
        }
    }

    /// <summary>
    /// usageType (IRI), display (Language Map), contentType (Internet Media Type), length (integer) and
    /// sha2 (string) are required; description (Language Map) and fileUrl (IRL) are optional.
    /// </summary>
    private void ValidateAttachment(JsonObject attachment, string path)
    {
        RejectUnknownProperties(attachment, path, AttachmentProperties, "an Attachment");
        if (TryGetRequired(attachment, "usageType", path, out var usageType))
        {
            ValidateIri(usageType, XapiPath.Property(path, "usageType"));
        }

        if (TryGetRequired(attachment, "display", path, out var display))
        {
            ValidateLanguageMap(display, XapiPath.Property(path, "display"));
        }

        ValidateOptionalLanguageMap(attachment, "description", path);

        if (TryGetRequired(attachment, "contentType", path, out var contentType))
        {
            var contentTypePath = XapiPath.Property(path, "contentType");
            if (RequireString(contentType, contentTypePath) is { } text && !InternetMediaType().IsMatch(text))
            {
                Error(contentTypePath, $"must be an Internet Media Type such as application/pdf, got '{text}'");
            }
        }

        if (TryGetRequired(attachment, "length", path, out var length))
        {
            if (!JsonNodeKinds.TryGetInteger(length, out var octets) || octets < 0)
            {
                Error(XapiPath.Property(path, "length"), "must be a non-negative integer (number of octets)");
            }
        }

        if (TryGetRequired(attachment, "sha2", path, out var sha2))
        {
            var sha2Path = XapiPath.Property(path, "sha2");
            if (RequireString(sha2, sha2Path) is { Length: 0 })
            {
                Error(sha2Path, "must not be empty");
            }
        }

        if (TryGet(attachment, "fileUrl", path, out var fileUrl))
        {
            ValidateIrl(fileUrl, XapiPath.Property(path, "fileUrl"));
        }
    }
}
