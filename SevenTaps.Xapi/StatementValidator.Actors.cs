using System.Text.Json.Nodes;

namespace SevenTaps.Xapi;

/// <summary>What an Agent-like object turned out to be.</summary>
internal enum ActorKind
{
    Invalid,
    Agent,
    Group,
}

// Agents, Groups, Inverse Functional Identifiers and Authority (1.0.3 Data 2.4.2, 2.4.9).
internal sealed partial class StatementValidationRun
{
    private static readonly HashSet<string> AgentProperties =
        ["objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"];

    private static readonly HashSet<string> GroupProperties =
        ["objectType", "name", "member", "mbox", "mbox_sha1sum", "openid", "account"];

    private static readonly HashSet<string> AccountProperties = ["homePage", "name"];

    /// <summary>
    /// An Agent or a Group. objectType is optional for Agents ("Agent" is assumed) and required for
    /// Groups; any other value is rejected (enumerated values are case-sensitive, Data 2.2.s4.b1.b6).
    /// </summary>
    public void ValidateDocumentAgent(JsonNode? node, string path)
    {
        if (node is null)
        {
            Error(path, "is required: an Agent as JSON");
        }
        else if (ValidateActor(node, path) == ActorKind.Group)
        {
            Error(XapiPath.Property(path, "objectType"), "must be an Agent, not a Group");
        }
    }

    private ActorKind ValidateActor(JsonNode node, string path)
    {
        if (RequireObject(node, path) is not { } actor)
        {
            return ActorKind.Invalid;
        }

        var objectType = "Agent";
        if (TryGet(actor, "objectType", path, out var objectTypeNode))
        {
            if (RequireString(objectTypeNode, XapiPath.Property(path, "objectType")) is not { } text)
            {
                return ActorKind.Invalid; // not a string, already reported
            }

            objectType = text;
            if (objectType is not ("Agent" or "Group"))
            {
                Error(XapiPath.Property(path, "objectType"), $"must be 'Agent' or 'Group', got '{objectType}'");
                return ActorKind.Invalid;
            }
        }
        else if (actor.ContainsKey("objectType"))
        {
            return ActorKind.Invalid; // null objectType, already reported
        }

        if (objectType == "Group")
        {
            ValidateGroup(actor, path);
            return ActorKind.Group;
        }

        ValidateAgent(actor, path);
        return ActorKind.Agent;
    }

    /// <summary>
    /// Agent (Data 2.4.2.1): MUST be identified by exactly one IFI; "name" is an optional string.
    /// </summary>
    private void ValidateAgent(JsonObject agent, string path)
    {
        RejectUnknownProperties(agent, path, AgentProperties, "an Agent");
        ValidateOptionalString(agent, "name", path);
        var ifiCount = ValidateInverseFunctionalIdentifiers(agent, path);
        if (ifiCount == 0)
        {
            Error(path, "an Agent MUST be identified by one inverse functional identifier (mbox, mbox_sha1sum, openid or account)");
        }
    }

    /// <summary>
    /// Group (Data 2.4.2.2): an Anonymous Group (no IFI) MUST list its members; an Identified Group MUST
    /// have exactly one IFI. Neither may contain Groups as members.
    /// </summary>
    private void ValidateGroup(JsonObject group, string path)
    {
        RejectUnknownProperties(group, path, GroupProperties, "a Group");
        ValidateOptionalString(group, "name", path);
        var ifiCount = ValidateInverseFunctionalIdentifiers(group, path);
        var membersPath = XapiPath.Property(path, "member");

        if (TryGet(group, "member", path, out var members))
        {
            if (members is not JsonArray array)
            {
                Error(membersPath, $"must be an array of Agents but is {JsonNodeKinds.Describe(JsonNodeKinds.KindOf(members))}");
            }
            else
            {
                if (ifiCount == 0 && array.Count == 0)
                {
                    Error(membersPath, "an Anonymous Group MUST list its member Agents");
                }

                for (var i = 0; i < array.Count; i++)
                {
                    ValidateGroupMember(array[i], XapiPath.Index(membersPath, i));
                }
            }
        }
        else if (ifiCount == 0 && !group.ContainsKey("member"))
        {
            Error(membersPath, "is required for an Anonymous Group (a Group without an inverse functional identifier)");
        }
    }

    private void ValidateGroupMember(JsonNode? node, string path)
    {
        if (node is null)
        {
            Error(path, "must not be null");
            return;
        }

        if (RequireObject(node, path) is not { } member)
        {
            return;
        }

        if (TryGet(member, "objectType", path, out var objectTypeNode))
        {
            var objectType = RequireString(objectTypeNode, XapiPath.Property(path, "objectType"));
            if (objectType == "Group")
            {
                Error(XapiPath.Property(path, "objectType"), "a Group MUST NOT contain Group objects in \"member\"");
                return;
            }

            if (objectType is not null and not "Agent")
            {
                Error(XapiPath.Property(path, "objectType"), $"must be 'Agent', got '{objectType}'");
                return;
            }
        }

        ValidateAgent(member, path);
    }

    /// <summary>
    /// Validates the format of every IFI present and reports more than one (Data 2.4.2.1.s2.b2,
    /// 2.4.2.2.s5.b1). Returns how many IFI properties are present.
    /// </summary>
    private int ValidateInverseFunctionalIdentifiers(JsonObject obj, string path)
    {
        var present = InverseFunctionalIdentifier.PresentOn(obj);

        if (TryGet(obj, InverseFunctionalIdentifier.Mbox, path, out var mbox))
        {
            var mboxPath = XapiPath.Property(path, InverseFunctionalIdentifier.Mbox);
            if (RequireString(mbox, mboxPath) is { } text && !InverseFunctionalIdentifier.IsValidMbox(text))
            {
                Error(mboxPath, $"must be a mailto IRI with one e-mail address (mailto:user@example.com), got '{text}'");
            }
        }

        if (TryGet(obj, InverseFunctionalIdentifier.MboxSha1Sum, path, out var sha1))
        {
            var sha1Path = XapiPath.Property(path, InverseFunctionalIdentifier.MboxSha1Sum);
            if (RequireString(sha1, sha1Path) is { } text && !InverseFunctionalIdentifier.IsValidMboxSha1Sum(text))
            {
                Error(sha1Path, "must be the hex-encoded SHA1 of a mailto IRI (40 hex digits)");
            }
        }

        if (TryGet(obj, InverseFunctionalIdentifier.OpenId, path, out var openId))
        {
            // openid is a URI; URIs are a subset of IRIs, checked the same best-effort way.
            ValidateIri(openId, XapiPath.Property(path, InverseFunctionalIdentifier.OpenId));
        }

        if (TryGet(obj, InverseFunctionalIdentifier.Account, path, out var account))
        {
            ValidateAccount(account, XapiPath.Property(path, InverseFunctionalIdentifier.Account));
        }

        if (present.Count > 1)
        {
            Error(path, $"MUST NOT include more than one inverse functional identifier, found {string.Join(", ", present)}");
        }

        return present.Count;
    }

    /// <summary>Account Object (Data 2.4.2.4): "homePage" (IRL) and "name" (string) are both required.</summary>
    private void ValidateAccount(JsonNode node, string path)
    {
        if (RequireObject(node, path) is not { } account)
        {
            return;
        }

        RejectUnknownProperties(account, path, AccountProperties, "an Account");
        if (TryGetRequired(account, "homePage", path, out var homePage))
        {
            ValidateIrl(homePage, XapiPath.Property(path, "homePage"));
        }

        if (TryGetRequired(account, "name", path, out var name))
        {
            RequireString(name, XapiPath.Property(path, "name"));
        }
    }

    /// <summary>
    /// Authority (Data 2.4.9.s3.b1): MUST be an Agent, except in 3-legged OAuth where it MUST be a Group
    /// with two Agents (the application and the user): an anonymous Group of exactly those two, since a Group with
    /// an identifier would be a third party (the conformance suite rejects identified Groups, XAPI-00024/00100).
    /// </summary>
    private void ValidateAuthority(JsonNode node, string path)
    {
        if (ValidateActor(node, path) != ActorKind.Group || node is not JsonObject group)
        {
            return;
        }

        var count = group["member"] is JsonArray members ? members.Count : 0;
        if (count != 2)
        {
            Error(XapiPath.Property(path, "member"), $"an authority Group (3-legged OAuth) MUST contain exactly two Agents, found {count}");
        }
        if (InverseFunctionalIdentifier.PropertyNames.FirstOrDefault(group.ContainsKey) is { } identifier)
        {
            Error(XapiPath.Property(path, identifier), "an authority Group (3-legged OAuth) is the anonymous pair of an application and a user; it MUST NOT have an identifier");
        }
    }
}
