using System.Reflection;
using Npgsql;

namespace SevenTaps.Audit;

/// <summary>
/// Appends audit records. An action that writes the database appends its record on its own connection, inside its
/// transaction, so the action and its record commit or roll back together; an action elsewhere (Redis) or one that
/// failed appends it on its own.
/// </summary>
public sealed class AuditTrail(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Longer texts are cut: a detail is a summary, not a log.</summary>
    public const int MaxTextLength = 2_000;

    private static readonly string ServiceName = Assembly.GetEntryAssembly()?.GetName().Name ?? "unknown";

    private const string InsertSql = $"""
        INSERT INTO {AuditRecordConfiguration.Schema}.{AuditRecordConfiguration.Table}
            (id, at, action, target, outcome, detail, via, api_key_id, api_key_name, user_name, service)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    /// <summary>Appends within the transaction open on <paramref name="connection"/> (if any).</summary>
    public async Task AppendAsync(NpgsqlConnection connection, AuditActor actor, AuditEvent audited, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InsertSql, connection)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = Guid.CreateVersion7() },
                new NpgsqlParameter { Value = time.GetUtcNow() },
                new NpgsqlParameter { Value = audited.Action },
                new NpgsqlParameter { Value = Cut(audited.Target) },
                new NpgsqlParameter { Value = audited.Outcome },
                new NpgsqlParameter { Value = Cut(audited.Detail) ?? (object)DBNull.Value },
                new NpgsqlParameter { Value = actor.Via },
                new NpgsqlParameter { Value = actor.ApiKeyId ?? (object)DBNull.Value },
                new NpgsqlParameter { Value = actor.ApiKeyName ?? (object)DBNull.Value },
                new NpgsqlParameter { Value = actor.UserName ?? (object)DBNull.Value },
                new NpgsqlParameter { Value = ServiceName },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Appends in a transaction of its own.</summary>
    public async Task AppendAsync(AuditActor actor, AuditEvent audited, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await AppendAsync(connection, actor, audited, cancellationToken);
    }

    private static string? Cut(string? text) => text is { Length: > MaxTextLength } ? text[..MaxTextLength] : text;
}
