using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ingest.Api.Model;
using Microsoft.Extensions.Options;
using SevenTaps.Xapi;

namespace Ingest.Api.Statements;

/// <summary>Validates statements and sets what the LRS owns: id when missing, stored, timestamp when missing, authority, version.</summary>
public sealed class StatementPreparer(IOptions<XapiOptions> options, TimeProvider time)
{
    /// <summary>
    /// Validates and prepares every statement of one request. Errors carry paths prefixed with
    /// <paramref name="pathPrefix"/> (e.g. <c>statements[3]</c>); when there is any, nothing is prepared.
    /// </summary>
    /// <param name="statements">The statements, as DOMs the LRS completes.</param>
    /// <param name="received">The same statements as parsed from the request, from which the stored JSON is built.</param>
    public PreparationResult Prepare(
        IReadOnlyList<JsonObject> statements, IReadOnlyList<JsonElement> received, IReadOnlyDictionary<string, AttachmentPart> parts,
        XapiVersion version, LrsCredentialIdentity credential, Func<int, string> pathPrefix)
    {
        var errors = new List<KeyValuePair<string, string>>();
        for (var index = 0; index < statements.Count; index++)
        {
            foreach (var error in StatementValidator.Validate(statements[index], version))
            {
                errors.Add(new(Join(pathPrefix(index), error.Path), error.Message));
            }
        }
        // Signatures are checked against the statement as received, before the LRS adds anything to it.
        for (var index = 0; errors.Count == 0 && index < statements.Count; index++)
        {
            errors.AddRange(CheckSignatures(statements[index], parts, pathPrefix(index)));
        }
        if (errors.Count > 0)
        {
            return new PreparationResult([], errors);
        }

        var stored = Truncate(time.GetUtcNow());
        var storedText = stored.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var authority = Authority(credential);
        var authorityUtf8 = JsonSerializer.SerializeToUtf8Bytes(authority);
        var versionText = version == XapiVersion.V2_0_0 ? "2.0.0" : "1.0.0";
        var prepared = new List<PreparedStatement>(statements.Count);
        var seen = new HashSet<Guid>();
        for (var index = 0; index < statements.Count; index++)
        {
            var statement = statements[index];
            var id = statement["id"] is JsonValue idValue ? Guid.Parse(idValue.GetValue<string>()) : Guid.NewGuid();
            if (!seen.Add(id))
            {
                errors.Add(new($"{pathPrefix(index)}.id", $"statement {id} appears more than once in this request"));
                continue;
            }

            statement["id"] = id.ToString();
            var timestamp = stored;
            var timestampSetByLrs = statement["timestamp"] is null;
            var timestampKept = false;
            if (!timestampSetByLrs && XapiTimestamp.TryParse(statement["timestamp"]!.GetValue<string>(), out var given))
            {
                // The timestamp column is UTC (PostgreSQL's timestamptz); the JSON keeps the client's offset.
                timestamp = given.ToUniversalTime();
                timestampKept = true;
            }
            else
            {
                statement["timestamp"] = storedText;
            }
            var versionSetByLrs = statement["version"] is null;
            if (versionSetByLrs)
            {
                statement["version"] = versionText;
            }
            statement["stored"] = storedText;
            statement["authority"] = authority.DeepClone();

            // A timestamp the LRS replaced is not the received one.
            var json = StoredJson(statement, timestampSetByLrs || timestampKept ? received[index] : null, id, storedText, versionText, authorityUtf8);
            prepared.Add(new PreparedStatement(
                id, json, stored, timestamp, StatementIndexKeys.From(statement), timestampSetByLrs, versionSetByLrs)
            {
                // Communication "OAuth Authorization Scope": only credentials allowed to define change definitions.
                Definitions = credential.CanDefine
                    ? ActivityDefinitionMerge.DefinitionsIn(statement).Select(given => (given.ActivityId, given.Definition.ToJsonString())).ToList()
                    : [],
            });
        }
        return errors.Count > 0 ? new PreparationResult([], errors) : new PreparationResult(prepared, []);
    }

    private static IEnumerable<KeyValuePair<string, string>> CheckSignatures(
        JsonObject statement, IReadOnlyDictionary<string, AttachmentPart> parts, string prefix)
    {
        foreach (var (index, attachment) in StatementSignature.Attachments(statement))
        {
            var path = Join(prefix, $"attachments[{index}]");
            if (!string.Equals(attachment["contentType"]?.GetValue<string>(), StatementSignature.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                yield return new($"{path}.contentType", $"a signature attachment must have contentType {StatementSignature.ContentType}");
            }
            else if (attachment["sha2"]?.GetValue<string>() is not { } sha2 || !parts.TryGetValue(sha2, out var part))
            {
                yield return new(path, "the signature must travel in the request as a multipart/mixed part, so the LRS can check it");
            }
            else if (StatementSignature.Check(statement, part.Content) is { } problem)
            {
                yield return new(path, $"the signature {problem}");
            }
        }
    }

    /// <summary>
    /// The LRS identifies itself as the authority of what a credential writes: an account on the LRS's home page
    /// named after the credential (the spec lets the LRS overwrite any authority the client claims).
    /// </summary>
    private JsonObject Authority(LrsCredentialIdentity credential) => new()
    {
        ["objectType"] = "Agent",
        ["name"] = credential.Name,
        ["account"] = new JsonObject
        {
            ["homePage"] = options.Value.AuthorityHomePage,
            ["name"] = credential.Id.ToString(),
        },
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_serializationBuffer;

    /// <summary>
    /// The statement as stored, in UTF-8 (a string would be built only to be transcoded again on its way to
    /// PostgreSQL): built from the received bytes where <see cref="StoredStatementJson"/> can, else serialized from
    /// the completed DOM; through a buffer each thread reuses instead of a growing buffer per statement.
    /// </summary>
    private static byte[] StoredJson(
        JsonObject completed, JsonElement? received, Guid id, string storedText, string versionText, byte[] authority)
    {
        var buffer = t_serializationBuffer ??= new ArrayBufferWriter<byte>(4096);
        var json = received is { } statement ? StoredStatementJson.TryBuild(statement, id, storedText, versionText, storedText, authority, buffer) : null;
        if (json is null)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                completed.WriteTo(writer);
            }
            json = buffer.WrittenSpan.ToArray();
        }
        if (buffer.Capacity > MaxKeptBufferBytes)
        {
            // A rare large statement (attachments' metadata, long texts) does not pin its buffer to the thread.
            t_serializationBuffer = null;
        }
        return json;
    }

    private const int MaxKeptBufferBytes = 64 * 1024;

    /// <summary>PostgreSQL keeps microseconds; the JSON says milliseconds; store one value for both.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private static string Join(string prefix, string path) =>
        path.Length == 0 ? prefix : prefix.Length == 0 ? path : path.StartsWith('[') ? prefix + path : $"{prefix}.{path}";
}

public sealed record PreparationResult(IReadOnlyList<PreparedStatement> Statements, IReadOnlyList<KeyValuePair<string, string>> Errors);

/// <summary>Who is writing: the authenticated credential.</summary>
public sealed record LrsCredentialIdentity(Guid Id, string Name, bool CanReadAll, bool CanDefine = false);
