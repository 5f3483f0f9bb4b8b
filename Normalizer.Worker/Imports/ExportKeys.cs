using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Normalizer.Worker.Imports;

/// <summary>
/// Keys of rows imported from a 7taps CSV export. The export names learners, lessons and cards but has no ids, so
/// the keys are derived from what it does say: clearly synthetic (never mistaken for an xAPI IRI or account) and
/// deterministic, so importing the same export twice finds the same rows.
/// </summary>
internal static class ExportKeys
{
    public const string Prefix = "urn:seventaps:csv:";

    /// <summary>RFC 4122 namespace of imported rows (a fixed random UUID).</summary>
    private static readonly Guid RowNamespace = new("6f0a4d1e-8c2b-4f6e-9a37-5b1d2c3e4f70");

    public static string UserId(string learner) => $"{Prefix}learner:{Uri.EscapeDataString(learner.Trim().ToLowerInvariant())}";

    /// <summary>A lesson the catalogue cannot place by URL; "01" and "1" are one lesson, as the catalogue matches them.</summary>
    public static string LessonUrl(string lessonNumber)
    {
        var number = lessonNumber.Trim();
        return $"{Prefix}lesson:{(long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : Uri.EscapeDataString(number.ToLowerInvariant()))}";
    }

    public static string QuestionId(int globalQuestion) => $"{Prefix}question:{globalQuestion.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// UUIDv5 (RFC 9562) of an answer: the learner, lesson, card and response, and which occurrence of that same
    /// answer it is in the file (an export may list one answer twice). Independent of the row's position, so a
    /// re-ordered export maps to the same ids.
    /// </summary>
    public static Guid RowId(string learner, string lessonNumber, int globalQuestion, string response, int occurrence)
    {
        var name = string.Join('\n', learner.Trim(), lessonNumber.Trim(), globalQuestion.ToString(CultureInfo.InvariantCulture), response, occurrence.ToString(CultureInfo.InvariantCulture));
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        RowNamespace.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
