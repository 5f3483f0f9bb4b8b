using System.Diagnostics;
using Npgsql;
using SevenTaps.Contracts;

namespace Normalizer.Tests;

/// <summary>
/// <c>Normalizer.Worker renormalize</c>, run as the command it is, against a system of its own (the shared one's
/// tables are truncated between tests, so they no longer match its statements), with the worker running.
/// </summary>
public sealed class RenormalizationTests(RenormalizationTests.System system) : IClassFixture<RenormalizationTests.System>
{
    private const string Lessons = "https://courses.example.com/renormalize";

    [Fact]
    public async Task Renormalize_rebuilds_the_tables_live_normalization_produced_with_voided_statements_still_excluded()
    {
        var statements = TestStatements.Workload(3_000, seed: 41, lessonPrefix: $"{Lessons}/identical");
        var voided = statements.Where((_, index) => index % 97 == 0).Select(statement => Guid.Parse((string)statement["id"]!)).ToList();
        await system.NormalizeAsync(statements);
        await system.NormalizeAsync([.. voided.Select(target => TestStatements.Voiding(Guid.NewGuid(), target, TestStatements.Start.AddDays(30)))]);
        var live = await system.DumpAsync();
        var structure = await StructureAsync();

        // A stored statement the normalizer fails on (the workers would dead-letter it): left out, the rest goes on.
        var poison = Guid.NewGuid();
        await system.ExecuteAsync($"""
            INSERT INTO xapi.statements (id, statement, stored, timestamp, verb_id, agents, related_agents, related_activities, is_voided)
            VALUES ('{poison}', '[]', now(), now(), 'http://adlnet.gov/expapi/verbs/answered', ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::text[], false)
            """);
        // Damage the live tables as a normalization bug would: only a rebuild from the statements repairs this.
        await system.ExecuteAsync("DELETE FROM analysis.user_activities WHERE statement_id IN (SELECT statement_id FROM analysis.user_activities ORDER BY statement_id LIMIT 50)");
        await system.ExecuteAsync("UPDATE analysis.users SET display_name = 'wrong'");
        Assert.NotEqual(live, await system.DumpAsync());

        var versionBefore = await system.DataVersionAsync();
        var (exitCode, output) = await system.RenormalizeAsync();

        Assert.True(exitCode == 0, output);
        Assert.Contains($"left out (fails to normalize, as it does in the workers): {poison}", output);
        // Nothing else reaches the workers meanwhile: only the command can have told analytics its answers are stale.
        Assert.True(await system.DataVersionAsync() > versionBefore, "renormalize did not bump the analysis data version");
        Assert.Equal(live, await system.DumpAsync());
        Assert.Equal(structure, await StructureAsync());
        await system.AssertSummaryMatchesFactsAsync();
        Assert.Equal(0L, await system.ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities WHERE statement_id = ANY($1)", voided.ToArray()));
        Assert.Equal(0L, await system.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'analysis_%'"));
        // The analytics reader can read the new generation (AppHost granted it on the old one), and the workers write it.
        Assert.True(await system.ScalarAsync<bool>("SELECT has_schema_privilege('seventaps_analytics_reader', 'analysis', 'USAGE')"));
        foreach (var table in NormalizerFixture.Tables)
        {
            Assert.True(await system.ScalarAsync<bool>($"SELECT has_table_privilege('seventaps_analytics_reader', 'analysis.{table}', 'SELECT')"), table);
            Assert.True(await system.ScalarAsync<bool>($"SELECT has_table_privilege('seventaps_normalizer', 'analysis.{table}', 'INSERT')"), table);
        }
        // The new generation belongs to the analysis schema's owner, and tables it creates later still get the
        // reader's privileges by default.
        Assert.Equal("seventaps_analysis_owner", await system.ScalarAsync<string>("SELECT pg_get_userbyid(nspowner)::text FROM pg_namespace WHERE nspname = 'analysis'"));
        await system.ExecuteAsync("SET ROLE seventaps_analysis_owner; CREATE TABLE analysis.later (id int); RESET ROLE");
        Assert.True(await system.ScalarAsync<bool>("SELECT has_table_privilege('seventaps_analytics_reader', 'analysis.later', 'SELECT')"));
        await system.ExecuteAsync("DROP TABLE analysis.later");
    }

    [Fact]
    public async Task Rows_not_derived_from_statements_are_carried_over()
    {
        await system.NormalizeAsync(TestStatements.Workload(200, seed: 42, lessonPrefix: $"{Lessons}/carried"));
        // As a CSV import and a catalogue table would write them. The table is created by the schema's owner role: a
        // table the owner's migrations create gets the re-normalization's privileges from default privileges AppHost sets
        // at each start, which an earlier test's re-normalization (a new generation of the schema) has not had yet here.
        await system.ExecuteAsync("""
            SET ROLE seventaps_analysis_owner;
            CREATE TABLE analysis.test_catalogue (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, lesson_url text NOT NULL REFERENCES analysis.lessons, name text NOT NULL, upper_name text GENERATED ALWAYS AS (upper(name)) STORED);
            RESET ROLE;
            INSERT INTO analysis.test_catalogue (lesson_url, name) SELECT lesson_url, 'lesson ' || lesson_url FROM analysis.lessons;
            INSERT INTO analysis.users (user_id, ifi, source, first_seen, first_statement_id, last_seen, statement_id)
                VALUES ('csv-learner', 'mbox:mailto:csv@example.com', 'csv', now(), gen_random_uuid(), now(), gen_random_uuid());
            INSERT INTO analysis.user_responses (statement_id, user_id, response_value, response_text, timestamp, source)
                VALUES (gen_random_uuid(), 'csv-learner', 'yes', 'imported answer', now(), 'csv');
            INSERT INTO analysis.user_activities (statement_id, user_id, activity_type, verb, timestamp, source)
                VALUES (gen_random_uuid(), 'csv-learner', 'http://adlnet.gov/expapi/verbs/experienced', 'experienced', now(), 'csv');
            -- What the import's inserts add to the summaries (its fact writes go through FactTable, then the learner's
            -- totals are recomputed); the rebuild adds them again.
            INSERT INTO analysis.learner_lesson_days (user_id, lesson_url, day, statements, completions, responses, first_at, last_at)
                VALUES ('csv-learner', '', (now() AT TIME ZONE 'UTC')::date, 1, 0, 1, now(), now());
            INSERT INTO analysis.learner_lessons (user_id, lesson_url, statements, completions, responses, first_at, last_at)
                VALUES ('csv-learner', '', 1, 0, 1, now(), now());
            INSERT INTO analysis.learner_totals (user_id, lessons_started, lessons_completed, statements, responses, first_at, last_at)
                VALUES ('csv-learner', 0, 0, 1, 1, now(), now());
            """);
        var live = await system.DumpAsync();
        var catalogue = await system.ScalarAsync<string>("SELECT string_agg(t::text, ',' ORDER BY id) FROM analysis.test_catalogue t");

        var (exitCode, output) = await system.RenormalizeAsync();

        Assert.True(exitCode == 0, output);
        Assert.Equal(live, await system.DumpAsync());
        Assert.Equal(catalogue, await system.ScalarAsync<string>("SELECT string_agg(t::text, ',' ORDER BY id) FROM analysis.test_catalogue t"));
        // The identity continues after the carried rows, and the foreign key came along.
        var next = await system.ScalarAsync<long>("INSERT INTO analysis.test_catalogue (lesson_url, name) SELECT lesson_url, 'x' FROM analysis.lessons LIMIT 1 RETURNING id");
        Assert.True(next > await system.ScalarAsync<long>("SELECT count(*) FROM analysis.lessons"), $"identity restarted at {next}");
        Assert.Equal(1L, await system.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conrelid = 'analysis.test_catalogue'::regclass AND contype = 'f'"));
        await system.ExecuteAsync("DROP TABLE analysis.test_catalogue; DELETE FROM analysis.user_responses WHERE source = 'csv'; " +
            "DELETE FROM analysis.user_activities WHERE source = 'csv'; DELETE FROM analysis.users WHERE source = 'csv'; " +
            "DELETE FROM analysis.learner_lesson_days WHERE user_id = 'csv-learner'; DELETE FROM analysis.learner_lessons WHERE user_id = 'csv-learner'; " +
            "DELETE FROM analysis.learner_totals WHERE user_id = 'csv-learner'");
    }

    [Fact]
    public async Task Statements_ingested_during_renormalize_are_neither_lost_nor_doubled_and_readers_never_see_a_partial_table()
    {
        await system.NormalizeAsync(TestStatements.Workload(20_000, seed: 43, lessonPrefix: $"{Lessons}/concurrent"));
        var arriving = TestStatements.Workload(20_000, seed: 44, lessonPrefix: $"{Lessons}/during");
        var before = await CountsAsync();

        using var stop = new CancellationTokenSource();
        var polls = 0;
        var reading = Task.Run(async () =>
        {
            // Rows are only added in this test: any count below the last one seen is a partial or empty table.
            var seen = before;
            await using var connection = new NpgsqlConnection(system.DatabaseConnectionString);
            await connection.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                var counts = await CountsAsync(connection);
                for (var index = 0; index < counts.Length; index++)
                {
                    Assert.True(counts[index] >= seen[index], $"{NormalizerFixture.Tables[index]}: {counts[index]} rows after {seen[index]}");
                }
                seen = counts;
                polls++;
            }
        });
        // Statements keep arriving, a few at a time, for as long as the command runs.
        using var commandDone = new CancellationTokenSource();
        var posted = 0;
        var posting = Task.Run(async () =>
        {
            foreach (var chunk in arriving.Chunk(20))
            {
                if (commandDone.IsCancellationRequested)
                {
                    break;
                }
                await system.PostAsync(chunk);
                posted += chunk.Length;
                await Task.Delay(20);
            }
        });

        var (exitCode, output) = await system.RenormalizeAsync();
        await commandDone.CancelAsync();
        Console.WriteLine(output);
        await posting;
        var during = arriving.Take(posted).ToList();
        Assert.True(posted < arriving.Count, "every statement was posted before the command ended: nothing arrived during it");
        await system.WaitDrainedAsync();
        await stop.CancelAsync();
        await reading;

        Assert.True(exitCode == 0, output);
        Assert.True(polls > 10, $"the reader polled only {polls} times");
        var ids = (await system.RowsAsync("SELECT id FROM xapi.statements WHERE NOT is_voided AND voids_statement_id IS NULL")).Select(row => (Guid)row["id"]!).ToHashSet();
        var activities = (await system.RowsAsync("SELECT statement_id FROM analysis.user_activities")).Select(row => (Guid)row["statement_id"]!).ToList();
        Assert.Equal(ids.Count, activities.Count);
        Assert.True(ids.SetEquals(activities), "the activities are not exactly the stored statements");
        Assert.Contains(during, statement => activities.Contains(Guid.Parse((string)statement["id"]!)));

        // And the result is what a rebuild with nothing moving gives.
        var settled = await system.DumpAsync();
        Assert.Equal(0, (await system.RenormalizeAsync()).ExitCode);
        Assert.Equal(settled, await system.DumpAsync());
    }

    [Fact]
    public async Task The_new_generation_is_readable_by_the_query_roles_at_once_as_is_a_table_the_owner_adds_later_and_writable_by_neither()
    {
        await system.NormalizeAsync(TestStatements.Workload(100, seed: 47, lessonPrefix: $"{Lessons}/grants"));
        const string schemaOid = "SELECT 'analysis'::regnamespace::oid::bigint";
        var before = await system.ScalarAsync<long>(schemaOid);

        var (exitCode, output) = await system.RenormalizeAsync();

        Assert.True(exitCode == 0, output);
        Assert.NotEqual(before, await system.ScalarAsync<long>(schemaOid));
        // As a migration applied after the re-normalization (and before any AppHost restart) would add it.
        await system.ExecuteAsync($"SET ROLE {DatabaseRoles.Owner}; CREATE TABLE analysis.added_later (id int); INSERT INTO analysis.added_later VALUES (1)");
        try
        {
            foreach (var role in new[] { DatabaseRoles.AnalyticsReader, DatabaseRoles.Query })
            {
                Assert.True(await AsRoleAsync(role, "SELECT count(*) FROM analysis.users") > 0, $"{role} reads the new generation's users");
                foreach (var table in NormalizerFixture.Tables)
                {
                    // Refused, it would throw.
                    await AsRoleAsync(role, $"SELECT count(*) FROM analysis.{table}");
                }
                Assert.Equal(1L, await AsRoleAsync(role, "SELECT count(*) FROM analysis.added_later"));
                foreach (var write in new[] { "INSERT INTO analysis.added_later VALUES (2)", "DELETE FROM analysis.users WHERE false", "TRUNCATE analysis.added_later" })
                {
                    var refusal = await Assert.ThrowsAsync<PostgresException>(() => AsRoleAsync(role, write));
                    Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
                }
            }
        }
        finally
        {
            await system.ExecuteAsync("DROP TABLE analysis.added_later");
        }
    }

    [Fact]
    public async Task A_second_renormalize_while_one_runs_is_refused_and_changes_nothing()
    {
        await system.WaitDrainedAsync();
        var live = await system.DumpAsync();
        await using var holder = new NpgsqlConnection(system.DatabaseConnectionString);
        await holder.OpenAsync();
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock({SevenTaps.Contracts.AdvisoryLocks.Renormalization})", holder))
        {
            await command.ExecuteNonQueryAsync();
        }

        var (exitCode, output) = await system.RenormalizeAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("Another re-normalization is running", output);
        Assert.Equal(live, await system.DumpAsync());
    }

    /// <summary>Runs one statement as <paramref name="role"/> (the administrative login switched to it, as analytics' queries switch to the reader).</summary>
    private async Task<long?> AsRoleAsync(string role, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(system.DatabaseConnectionString) { Options = $"-c role={role}" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as long?;
    }

    private async Task<long[]> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(system.DatabaseConnectionString);
        await connection.OpenAsync();
        return await CountsAsync(connection);
    }

    /// <summary>All five counts in one query, i.e. one snapshot and one resolution of the table names.</summary>
    private static async Task<long[]> CountsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {string.Join(", ", NormalizerFixture.Tables.Select(table => $"(SELECT count(*) FROM {table})"))}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return [.. Enumerable.Range(0, NormalizerFixture.Tables.Length).Select(reader.GetInt64)];
    }

    /// <summary>Columns, indexes, constraints and migration history of the live schema.</summary>
    private async Task<string?> StructureAsync() => await system.ScalarAsync<string>("""
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
            SELECT format('%s.%s %s %s %s %s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attgenerated, pg_get_expr(d.adbin, d.adrelid)) AS line
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = 'analysis'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'analysis'
            UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'analysis'::regnamespace
            UNION ALL SELECT "MigrationId" || ' ' || "ProductVersion" FROM analysis.__ef_migrations_history) lines
        """);

    /// <summary>A system of its own, and the command run as a process against its database.</summary>
    public sealed class System : NormalizerFixture
    {

        public async Task<(int ExitCode, string Output)> RenormalizeAsync()
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(WorkerEntryAssembly);
            start.ArgumentList.Add("renormalize");
            start.Environment[$"ConnectionStrings__{SevenTaps.Contracts.ResourceNames.Database}"] = DatabaseConnectionString;
            start.Environment[$"ConnectionStrings__{SevenTaps.Contracts.ResourceNames.Redis}"] = App.GetConnectionString(SevenTaps.Contracts.ResourceNames.Redis);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            return (process.ExitCode, await output + await error);
        }
    }
}
