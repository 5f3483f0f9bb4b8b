using System.Text.Json;
using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

/// <summary>Outcome of <see cref="StatementComparer.Compare"/>.</summary>
/// <param name="AreEquivalent">True when the Statements are "the same" per the comparison requirements.</param>
/// <param name="DifferencePath">Path of the first difference found (null when equivalent).</param>
public sealed record StatementComparison(bool AreEquivalent, string? DifferencePath)
{
    public static StatementComparison Equivalent { get; } = new(true, null);
}

/// <summary>
/// Statement equivalence per the "Statement Comparison Requirements" (1.0.3 Data 2.3.1.s9): differences
/// that could have been caused by the exceptions to Statement immutability MUST be ignored; every other
/// difference MUST NOT be ignored. Used for PUT/POST of an existing id (409 Conflict vs 204) and for
/// signed Statements (Data 2.6.s5.b3.b2).
/// </summary>
/// <remarks>
/// The exceptions (Data 2.3.1.b1–b7) and how each is applied:
/// <list type="number">
/// <item>Properties the LRS assigns: <c>id</c>, <c>authority</c>, <c>stored</c>, <c>timestamp</c>, <c>version</c>.
/// <c>authority</c> and <c>stored</c> may always be overwritten by the LRS, so they are ignored. <c>id</c>,
/// <c>timestamp</c> and <c>version</c> are only assigned when missing, so they are ignored when one side lacks
/// them and compared when both have them (UUIDs case-insensitively).</item>
/// <item>Activity Definitions are not part of the Statement: every Activity's <c>definition</c> is ignored
/// (object, contextActivities, SubStatement).</item>
/// <item>Verb <c>display</c> is not part of the Statement: ignored.</item>
/// <item>Timestamp serialization: timestamps are compared as points in time, not strings, and since the LRS
/// may truncate or round to milliseconds, instants less than 1 ms apart are equal.</item>
/// <item>Unordered lists: Group <c>member</c> lists are compared as multisets.</item>
/// <item>Attachments are not part of the Statement: the <c>attachments</c> property is ignored (this also lets
/// a signed Statement match the Statement it carries as JWS payload, which had no signature attachment).</item>
/// <item>Case-insensitive values: the "mailto:" scheme and e-mail domain of <c>mbox</c>, the hex digits of
/// <c>mbox_sha1sum</c> and UUIDs (statement id, registration, StatementRef ids).</item>
/// </list>
/// Also ignored, because the LRS is required to cause them: a contextActivities value sent as a single
/// Activity equals an array holding that Activity (2.4.6.2.s4.b3). Key order never matters (JSON objects are
/// unordered) and numbers compare by value (1 equals 1.0).
/// Explicitly NOT ignored (2.3.1.b8): Result <c>duration</c> is compared as written, without converting
/// between units (PT1M ≠ PT60S); only precision beyond 0.01 s is dropped (4.6.s1.b5, a "shall" in 2.0).
/// Everything else, including objectType omitted on one side and present on the other, is a difference.
/// </remarks>
public static class StatementComparer
{
    public static bool AreEquivalent(JsonNode? first, JsonNode? second) => Compare(first, second).AreEquivalent;

    public static StatementComparison Compare(JsonNode? first, JsonNode? second)
    {
        if (first is not JsonObject a || second is not JsonObject b)
        {
            return DeepEquals(first, second, "") is { } path ? new StatementComparison(false, path) : StatementComparison.Equivalent;
        }

        var left = (JsonObject)a.DeepClone();
        var right = (JsonObject)b.DeepClone();

        foreach (var name in new[] { "authority", "stored", "attachments" })
        {
            left.Remove(name);
            right.Remove(name);
        }

        foreach (var name in new[] { "id", "timestamp", "version" })
        {
            if (!left.ContainsKey(name) || !right.ContainsKey(name))
            {
                left.Remove(name);
                right.Remove(name);
            }
        }

        if (CompareTimestamps(left, right, "") is { } timestampDifference)
        {
            return new StatementComparison(false, timestampDifference);
        }

        if (left["object"] is JsonObject leftObject && right["object"] is JsonObject rightObject
            && IsSubStatement(leftObject) && IsSubStatement(rightObject)
            && CompareTimestamps(leftObject, rightObject, "object") is { } subTimestampDifference)
        {
            return new StatementComparison(false, subTimestampDifference);
        }

        NormalizeStatement(left);
        NormalizeStatement(right);
        return DeepEquals(left, right, "") is { } difference ? new StatementComparison(false, difference) : StatementComparison.Equivalent;
    }

    // Compares and then removes "timestamp" from both objects. A SubStatement's timestamp is never
    // assigned by the LRS, so presence on one side only is a difference there (the top-level case was
    // handled by removing it from both sides beforehand).
    private static string? CompareTimestamps(JsonObject left, JsonObject right, string path)
    {
        var timestampPath = XapiPath.Property(path, "timestamp");
        var leftText = JsonNodeKinds.AsString(left["timestamp"]);
        var rightText = JsonNodeKinds.AsString(right["timestamp"]);
        if (left.ContainsKey("timestamp") != right.ContainsKey("timestamp"))
        {
            return timestampPath;
        }

        if (left.ContainsKey("timestamp"))
        {
            var same = XapiTimestamp.TryParse(leftText, out var l) && XapiTimestamp.TryParse(rightText, out var r)
                ? Math.Abs((l - r).Ticks) < TimeSpan.TicksPerMillisecond
                : DeepEquals(left["timestamp"], right["timestamp"], timestampPath) is null;
            if (!same)
            {
                return timestampPath;
            }
        }

        left.Remove("timestamp");
        right.Remove("timestamp");
        return null;
    }

    private static bool IsSubStatement(JsonObject obj) => JsonNodeKinds.AsString(obj["objectType"]) == "SubStatement";

    private static void NormalizeStatement(JsonObject statement)
    {
        LowerCaseUuid(statement, "id");
        NormalizeAgentOrGroup(statement["actor"]);

        if (statement["verb"] is JsonObject verb)
        {
            verb.Remove("display");
        }

        if (statement["object"] is JsonObject obj)
        {
            switch (JsonNodeKinds.AsString(obj["objectType"]))
            {
                case null or "Activity":
                    obj.Remove("definition");
                    break;
                case "Agent" or "Group":
                    NormalizeAgentOrGroup(obj);
                    break;
                case "StatementRef":
                    LowerCaseUuid(obj, "id");
                    break;
                case "SubStatement":
                    obj.Remove("attachments");
                    NormalizeStatement(obj);
                    break;
            }
        }

        if (statement["result"] is JsonObject result && JsonNodeKinds.AsString(result["duration"]) is { } duration
            && Iso8601Duration.TryParse(duration, out var parsed))
        {
            result["duration"] = DurationComparisonKey(parsed!);
        }

        if (statement["context"] is JsonObject context)
        {
            NormalizeContext(context);
        }
    }

    private static void NormalizeContext(JsonObject context)
    {
        LowerCaseUuid(context, "registration");
        NormalizeAgentOrGroup(context["instructor"]);
        NormalizeAgentOrGroup(context["team"]);
        if (context["statement"] is JsonObject statementRef)
        {
            LowerCaseUuid(statementRef, "id");
        }

        if (context["contextActivities"] is JsonObject contextActivities)
        {
            foreach (var key in contextActivities.Select(p => p.Key).ToList())
            {
                var value = contextActivities[key];
                if (value is JsonObject single)
                {
                    contextActivities[key] = value = new JsonArray(single.DeepClone());
                }

                if (value is JsonArray activities)
                {
                    foreach (var activity in activities.OfType<JsonObject>())
                    {
                        activity.Remove("definition");
                    }
                }
            }
        }

        foreach (var (listName, memberName) in new[] { ("contextAgents", "agent"), ("contextGroups", "group") })
        {
            if (context[listName] is JsonArray entries)
            {
                foreach (var entry in entries.OfType<JsonObject>())
                {
                    NormalizeAgentOrGroup(entry[memberName]);
                }
            }
        }
    }

    private static void NormalizeAgentOrGroup(JsonNode? node)
    {
        if (node is not JsonObject agent)
        {
            return;
        }

        if (JsonNodeKinds.AsString(agent["mbox"]) is { } mbox)
        {
            agent["mbox"] = InverseFunctionalIdentifier.NormalizeMbox(mbox);
        }

        if (JsonNodeKinds.AsString(agent["mbox_sha1sum"]) is { } sha1)
        {
            agent["mbox_sha1sum"] = sha1.ToLowerInvariant();
        }

        if (agent["member"] is JsonArray members)
        {
            // Members are an unordered list: normalize each one, then sort by a canonical serialization.
            var sorted = members
                .Select(m => m?.DeepClone())
                .Select(m => { NormalizeAgentOrGroup(m); return m; })
                .OrderBy(CanonicalJson, StringComparer.Ordinal)
                .ToList();
            agent["member"] = new JsonArray(sorted.ToArray());
        }
    }

    private static void LowerCaseUuid(JsonObject obj, string name)
    {
        if (JsonNodeKinds.AsString(obj[name]) is { } text && XapiUuid.IsValid(text))
        {
            obj[name] = XapiUuid.Normalize(text);
        }
    }

    // Component by component by value (no unit conversion, so PT1M ≠ PT60S but PT1M = PT01M);
    // seconds truncated to 0.01 s.
    private static string DurationComparisonKey(Iso8601Duration d) =>
        FormattableString.Invariant(
            $"Y{d.Years:0.############################}|M{d.Months:0.############################}|W{d.Weeks:0.############################}|D{d.Days:0.############################}|H{d.Hours:0.############################}|Mi{d.Minutes:0.############################}|S{decimal.Truncate(d.Seconds * 100m) / 100m:0.00}");

    /// <summary>JSON text with object keys sorted, so equal values always serialize the same way.</summary>
    internal static string CanonicalJson(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Key) + ":" + CanonicalJson(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(CanonicalJson)) + "]",
        _ when JsonNodeKinds.TryGetDecimal(node, out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    // Property names are dotted; map keys such as extension IRIs or language tags are quoted.
    private static string Child(string path, string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? XapiPath.Property(path, key)
            : XapiPath.Key(path, key);

    /// <summary>Structural equality; returns the path of the first difference or null.</summary>
    private static string? DeepEquals(JsonNode? a, JsonNode? b, string path)
    {
        var kindA = JsonNodeKinds.KindOf(a);
        var kindB = JsonNodeKinds.KindOf(b);
        if (kindA != kindB)
        {
            return path;
        }

        switch (kindA)
        {
            case JsonValueKind.Object:
                var objA = (JsonObject)a!;
                var objB = (JsonObject)b!;
                foreach (var (name, value) in objA)
                {
                    if (!objB.TryGetPropertyValue(name, out var other))
                    {
                        return Child(path, name);
                    }

                    if (DeepEquals(value, other, Child(path, name)) is { } difference)
                    {
                        return difference;
                    }
                }

                return objB.Select(p => p.Key).FirstOrDefault(name => !objA.ContainsKey(name)) is { } extra
                    ? Child(path, extra)
                    : null;

            case JsonValueKind.Array:
                var arrA = (JsonArray)a!;
                var arrB = (JsonArray)b!;
                for (var i = 0; i < Math.Min(arrA.Count, arrB.Count); i++)
                {
                    if (DeepEquals(arrA[i], arrB[i], XapiPath.Index(path, i)) is { } difference)
                    {
                        return difference;
                    }
                }

                return arrA.Count == arrB.Count ? null : XapiPath.Index(path, Math.Min(arrA.Count, arrB.Count));

            case JsonValueKind.Number:
                if (JsonNodeKinds.TryGetDecimal(a, out var decA) && JsonNodeKinds.TryGetDecimal(b, out var decB))
                {
                    return decA == decB ? null : path;
                }

                return JsonNodeKinds.TryGetNumber(a, out var dblA) && JsonNodeKinds.TryGetNumber(b, out var dblB) && dblA == dblB ? null : path;

            case JsonValueKind.String:
                return string.Equals(a!.GetValue<string>(), b!.GetValue<string>(), StringComparison.Ordinal) ? null : path;

            default:
                return null; // true/true, false/false, null/null
        }
    }
}
