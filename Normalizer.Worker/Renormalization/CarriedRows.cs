using Normalizer.Worker.Normalization;
using Normalizer.Worker.Processing;
using Npgsql;
using SevenTaps.Analysis.Summaries;

namespace Normalizer.Worker.Renormalization;

/// <summary>
/// The rows of the live schema that no stored statement derives, copied into the new generation: every row of
/// tables the normalizer does not derive (catalogues, the EF Core migration history), and the rows of the five
/// derived tables whose <c>source</c> is not <c>xapi</c> (CSV imports), with the users, lessons and questions such
/// rows refer to, merged as the workers merge them, and summed into the learner-lesson summaries and learner totals as the workers do. Runs in the swap's transaction, once writers are locked out,
/// so rows written while the rebuild ran are carried over too.
/// </summary>
internal static class CarriedRows
{
    private const string NotFromStatements = $"source IS DISTINCT FROM '{StatementNormalizer.Source}'";

    public static async Task<long> CopyAsync(
        NpgsqlConnection connection, ShadowSchema schema, AnalysisTables shadowTables, IReadOnlyList<string> tablesInOrder, CancellationToken cancellationToken)
    {
        var live = schema.Live;
        string[] keys = [shadowTables.Users.Key, shadowTables.Lessons.Key, shadowTables.Questions.Key];
        var referrers = new[]
        {
            (shadowTables.Responses.Table, shadowTables.Responses.Columns),
            (shadowTables.Activities.Table, shadowTables.Activities.Columns),
            (shadowTables.Questions.Table, shadowTables.Questions.Columns),
        };
        // The users, lessons and questions that carried rows refer to, collected in one pass over each referring
        // table (they are the big ones, and the workers are paused meanwhile).
        await ShadowSchema.ExecuteAsync(connection, $"""
            CREATE TEMP TABLE carried_references ON COMMIT DROP AS
            {string.Join("\nUNION ALL\n", referrers.Select(referrer =>
                $"SELECT {string.Join(", ", keys.Select(key => referrer.Columns.Contains(key) ? key : $"NULL::text AS {key}"))} FROM {live}.{referrer.Table} WHERE {NotFromStatements}"))}
            """, cancellationToken);

        // A user, lesson or question is carried when not derived from statements, or when a carried row refers to it.
        static string DimensionFilter(string key) => $"{NotFromStatements} OR {key} IN (SELECT {key} FROM pg_temp.carried_references)";

        var derived = new Dictionary<string, NpgsqlBatchCommand>
        {
            [shadowTables.Users.Table] = shadowTables.Users.MergeFrom(live, DimensionFilter(shadowTables.Users.Key)),
            [shadowTables.Lessons.Table] = shadowTables.Lessons.MergeFrom(live, DimensionFilter(shadowTables.Lessons.Key)),
            [shadowTables.Questions.Table] = shadowTables.Questions.MergeFrom(live, DimensionFilter(shadowTables.Questions.Key)),
            [shadowTables.Responses.Table] = shadowTables.Responses.CopyFrom(live, NotFromStatements),
            [shadowTables.Activities.Table] = shadowTables.Activities.CopyFrom(live, NotFromStatements),
        };

        var copied = 0L;
        // The summaries are not copied: the carried fact rows add themselves to them as they are inserted, and
        // the totals of the learners they belong to are recomputed once they all are.
        foreach (var table in tablesInOrder.Except(AnalysisTables.SummaryTables))
        {
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(derived.TryGetValue(table, out var command) ? command : await CopyTableAsync(connection, live, schema.Name, table, cancellationToken));
            copied += await batch.ExecuteNonQueryAsync(cancellationToken);
            if (!derived.ContainsKey(table))
            {
                await ContinueIdentitiesAsync(connection, live, schema.Name, table, cancellationToken);
            }
        }
        await using (var totals = new NpgsqlBatch(connection))
        {
            foreach (var command in LearnerTotalsRecompute.Recompute(schema.Name, "ARRAY(SELECT user_id FROM pg_temp.carried_references)"))
            {
                totals.BatchCommands.Add(command);
            }
            await totals.ExecuteNonQueryAsync(cancellationToken);
        }
        return copied;
    }

    /// <summary>Every row, identity values included; generated columns are computed again.</summary>
    private static async Task<NpgsqlBatchCommand> CopyTableAsync(NpgsqlConnection connection, string live, string shadow, string table, CancellationToken cancellationToken)
    {
        var columns = await ShadowSchema.ListAsync(connection, $"""
            SELECT quote_ident(attname) FROM pg_attribute
            WHERE attrelid = '{live}."{table}"'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
            ORDER BY attnum
            """, cancellationToken);
        var names = string.Join(", ", columns);
        return new NpgsqlBatchCommand($"INSERT INTO {shadow}.\"{table}\" ({names}) OVERRIDING SYSTEM VALUE SELECT {names} FROM {live}.\"{table}\"");
    }

    /// <summary>Identity columns continue where the live table's sequences are, not at 1.</summary>
    private static async Task ContinueIdentitiesAsync(NpgsqlConnection connection, string live, string shadow, string table, CancellationToken cancellationToken)
    {
        var statements = await ShadowSchema.ListAsync(connection, $"""
            SELECT format('SELECT setval(%L, last_value, is_called) FROM %s',
                          pg_get_serial_sequence('{shadow}."{table}"', attname), pg_get_serial_sequence('{live}."{table}"', attname))
            FROM pg_attribute
            WHERE attrelid = '{live}."{table}"'::regclass AND attnum > 0 AND NOT attisdropped AND attidentity <> ''
            """, cancellationToken);
        foreach (var statement in statements)
        {
            await ShadowSchema.ExecuteAsync(connection, statement, cancellationToken);
        }
    }
}
