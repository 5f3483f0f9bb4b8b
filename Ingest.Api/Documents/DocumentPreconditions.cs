using Microsoft.Net.Http.Headers;

namespace Ingest.Api.Documents;

/// <summary>
/// The <c>If-Match</c> and <c>If-None-Match</c> headers of a document write, evaluated as RFC 9110 says against the
/// stored document's ETag (Communication "Concurrency").
/// </summary>
public sealed record DocumentPreconditions(IList<EntityTagHeaderValue>? IfMatch, IList<EntityTagHeaderValue>? IfNoneMatch)
{
    public bool Any => IfMatch is not null || IfNoneMatch is not null;

    /// <summary>Null when a header is present but not a list of entity tags (or <c>*</c>).</summary>
    public static DocumentPreconditions? From(IHeaderDictionary headers)
    {
        IList<EntityTagHeaderValue>? Read(string name, out bool valid)
        {
            valid = true;
            if (!headers.TryGetValue(name, out var values))
            {
                return null;
            }
            valid = EntityTagHeaderValue.TryParseList(values, out var tags) && tags.Count > 0;
            return tags;
        }

        var ifMatch = Read(HeaderNames.IfMatch, out var matchValid);
        var ifNoneMatch = Read(HeaderNames.IfNoneMatch, out var noneMatchValid);
        return matchValid && noneMatchValid ? new DocumentPreconditions(ifMatch, ifNoneMatch) : null;
    }

    /// <summary>Whether the request may proceed, given the stored document's ETag (null: there is none).</summary>
    public bool Hold(string? currentETag)
    {
        if (IfMatch is not null && (currentETag is null || !IfMatch.Any(tag => Matches(tag, currentETag))))
        {
            return false;
        }
        return IfNoneMatch is null || currentETag is null || !IfNoneMatch.Any(tag => Matches(tag, currentETag));
    }

    private static bool Matches(EntityTagHeaderValue tag, string currentETag) =>
        tag.Tag.Equals("*", StringComparison.Ordinal) || tag.Tag.Equals($"\"{currentETag}\"", StringComparison.OrdinalIgnoreCase);
}
