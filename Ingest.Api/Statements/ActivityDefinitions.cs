using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using SevenTaps.Xapi;

namespace Ingest.Api.Statements;

/// <summary>
/// The canonical definitions of Activities, for the Activities Resource and <c>format=canonical</c>: the merge of
/// every distinct definition statements of defining credentials (scope <c>define</c> or <c>all</c>) gave the Activity
/// as object or context activity (<see cref="ActivityDefinitionMerge"/>), from <c>xapi.activity_definitions</c>.
/// Statements of other credentials never change them (Communication "OAuth Authorization Scope").
/// </summary>
public sealed class ActivityDefinitions(NpgsqlDataSource dataSource)
{
    /// <summary>The canonical definition, or null when no defining statement gave one.</summary>
    public async Task<JsonObject?> FindAsync(string activityId, CancellationToken cancellationToken) =>
        (await FindAsync([activityId], cancellationToken)).GetValueOrDefault(activityId);

    /// <summary>The canonical definitions of those of <paramref name="activityIds"/> that have one.</summary>
    public async Task<IReadOnlyDictionary<string, JsonObject>> FindAsync(IReadOnlyCollection<string> activityIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        if (activityIds.Count > 0)
        {
            await using var command = dataSource.CreateCommand(
                "SELECT activity_id, definition::text FROM xapi.activity_definitions WHERE activity_id = ANY($1) ORDER BY activity_id, defined, id");
            command.Parameters.Add(new NpgsqlParameter { Value = activityIds.Distinct().ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                if (!found.TryGetValue(id, out var definitions))
                {
                    found[id] = definitions = [];
                }
                definitions.Add(JsonNode.Parse(reader.GetString(1))!.AsObject());
            }
        }
        return found.ToDictionary(pair => pair.Key, pair => ActivityDefinitionMerge.Merge(pair.Value)!, StringComparer.Ordinal);
    }
}
