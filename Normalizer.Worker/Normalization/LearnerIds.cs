using System.Text.Json.Nodes;
using SevenTaps.Xapi;

namespace Normalizer.Worker.Normalization;

/// <summary>Who a statement's actor is, as the analysis tables key learners.</summary>
/// <param name="UserId">The stable learner key (see <see cref="LearnerIds.UserIdOf"/>).</param>
/// <param name="Ifi">Canonical IFI of the agent the key was taken from.</param>
/// <param name="DisplayName">That agent's name, trimmed, when sent.</param>
/// <param name="Email">The mbox address, lower-cased, without "mailto:", when the agent has an mbox.</param>
/// <param name="FromGroupMember">True when the actor was an Anonymous Group and a member identified it.</param>
public sealed record LearnerIdentity(string UserId, string Ifi, string? DisplayName, string? Email, bool FromGroupMember);

/// <summary>
/// Learner keys. 7taps identifies learners by an <c>account</c> on homePage https://7taps.com whose name is a
/// 32-hex hash; for those the key is that name (trimmed, lower-cased), so the key matches what 7taps shows
/// and exports. Any other agent is keyed by its canonical IFI (<see cref="InverseFunctionalIdentifier.GetCanonical"/>),
/// with an mbox lower-cased as a whole (the spec leaves the local part's case to the mail host; we treat
/// addresses that differ only in case as one learner).
/// </summary>
public static class LearnerIds
{
    /// <summary>The 7taps host; its subdomains (www.7taps.com, app.7taps.com) count too.</summary>
    public const string SevenTapsHost = "7taps.com";

    /// <summary>True when a homePage IRL is on 7taps.com: any scheme, any case, with or without a trailing slash or path.</summary>
    public static bool IsSevenTapsHomePage(string? homePage)
    {
        var host = ActivityUrl.HostOf(homePage)?.TrimEnd('.');
        return host is not null
            && (host == SevenTapsHost || host.EndsWith("." + SevenTapsHost, StringComparison.Ordinal));
    }

    /// <summary>
    /// The learner of an actor. An Agent or Identified Group is identified by its own IFI; an Anonymous Group by
    /// its first member that has an IFI. Null when there is none.
    /// </summary>
    public static LearnerIdentity? Resolve(JsonNode? actor)
    {
        if (actor is not JsonObject obj)
        {
            return null;
        }

        if (IdentityOf(obj, fromMember: false) is { } own)
        {
            return own;
        }

        if (obj["member"] is JsonArray members)
        {
            foreach (var member in members.OfType<JsonObject>())
            {
                if (IdentityOf(member, fromMember: true) is { } identity)
                {
                    return identity;
                }
            }
        }

        return null;
    }

    /// <summary>The learner key of one Agent or Identified Group (its own IFI only), or null without an IFI.</summary>
    public static string? UserIdOf(JsonNode? agent)
    {
        var canonical = InverseFunctionalIdentifier.GetCanonical(agent);
        if (canonical is null || agent is not JsonObject obj)
        {
            return null;
        }

        if (JsonRead.String(obj[InverseFunctionalIdentifier.Mbox]) is not null)
        {
            return canonical.ToLowerInvariant();
        }

        if (JsonRead.String(obj[InverseFunctionalIdentifier.MboxSha1Sum]) is null
            && JsonRead.String(obj[InverseFunctionalIdentifier.OpenId]) is null
            && obj[InverseFunctionalIdentifier.Account] is JsonObject account
            && IsSevenTapsHomePage(JsonRead.String(account["homePage"]))
            && JsonRead.Text(account["name"]) is { } name)
        {
            return name.ToLowerInvariant();
        }

        return canonical;
    }

    /// <summary>The e-mail address of an mbox IRI: lower-cased, without "mailto:"; null when not an mbox.</summary>
    public static string? EmailOf(string? mbox)
    {
        if (string.IsNullOrWhiteSpace(mbox))
        {
            return null;
        }

        var address = mbox.Trim();
        if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            address = address["mailto:".Length..];
        }

        return address.Length == 0 ? null : address.ToLowerInvariant();
    }

    private static LearnerIdentity? IdentityOf(JsonObject agent, bool fromMember)
    {
        var canonical = InverseFunctionalIdentifier.GetCanonical(agent);
        if (canonical is null || UserIdOf(agent) is not { } userId)
        {
            return null;
        }

        return new LearnerIdentity(
            userId,
            canonical,
            JsonRead.Text(agent["name"]),
            EmailOf(JsonRead.String(agent[InverseFunctionalIdentifier.Mbox])),
            fromMember);
    }
}
