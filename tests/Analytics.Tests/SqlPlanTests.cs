using Analytics.Api;
using Analytics.Api.Queries;
using Normalizer.Worker.Backfill;
using Normalizer.Worker.Catalogue;
using Normalizer.Worker.Imports;
using Normalizer.Worker.Processing;
using Npgsql;
using SevenTaps.Analysis;

namespace Analytics.Tests;

/// <summary>
/// The SQL the analysis schema's readers and writers issue names tables through <see cref="AnalysisSchema"/>, but
/// spells most columns as words. Here PostgreSQL plans every such text against the migrated schema, the readers'
/// (Analytics.Api's queries with the summaries' read SQL, in each of <see cref="SourcePlanner"/>'s branches) as the
/// read-only role they run as, the writers' (Normalizer.Worker's, with the summaries' write SQL) as the owner: a
/// table or column renamed or missing in any of them fails with the query's name. EXPLAIN plans a statement
/// without running it, so the writers change nothing.
/// </summary>
[Collection(AnalyticsCollection.Name)]
public sealed class SqlPlanTests(AnalyticsFixture analytics)
{
    private static readonly DateTimeOffset Monday = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);
    private static readonly AnalyticsFilter Everything = new(null, null, null, null);
    private static readonly AnalyticsFilter Cohort = Everything with { Cohort = DateOnly.FromDateTime(Monday.UtcDateTime) };
    private static readonly AnalyticsFilter WholeDays = Everything with { From = Monday, To = Monday.AddDays(7), Lesson = "https://x/l1" };

    /// <summary>Every filter at once, the range's ends inside days: rows the ends fall inside are split.</summary>
    private static readonly AnalyticsFilter Ranged = new(Monday.AddHours(5.5), Monday.AddDays(20).AddHours(7), "https://x/l1", DateOnly.FromDateTime(Monday.UtcDateTime));

    private static readonly AnalyticsOptions Options = new();
    private static readonly string[] WatchList = ["hopeless", "can't go on"];

    private sealed record PlannedQuery(string Name, string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

    [Fact]
    public async Task Every_reader_and_writer_query_plans_against_the_migrated_schema()
    {
        var readers = ReaderQueries().ToList();
        var writers = WriterQueries().ToList();
        var failures = new List<string>();

        await using (var reader = AnalysisReader.Create(analytics.DatabaseConnectionString, "sql-plan-tests"))
        await using (var connection = await reader.DataSource.OpenConnectionAsync())
        {
            foreach (var query in readers)
            {
                await PlanAsync(connection, query, failures);
            }
        }
        await using (var owner = new NpgsqlConnection(analytics.DatabaseConnectionString))
        {
            await owner.OpenAsync();
            foreach (var query in writers)
            {
                await PlanAsync(owner, query, failures);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {readers.Count + writers.Count} queries do not plan:\n{string.Join("\n", failures)}");
        Assert.Equal(readers.Count + writers.Count, readers.Concat(writers).Select(query => query.Name).Distinct().Count());
    }

    private static async Task PlanAsync(NpgsqlConnection connection, PlannedQuery query, List<string> failures)
    {
        await using var explain = new NpgsqlCommand($"EXPLAIN {query.Sql}", connection);
        foreach (var parameter in query.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }
        try
        {
            await explain.ExecuteNonQueryAsync();
        }
        catch (PostgresException exception)
        {
            failures.Add($"{query.Name}: {exception.SqlState} {exception.MessageText}");
        }
    }

    /// <summary>A query built into a command of its own, as the endpoint builds it.</summary>
    private static PlannedQuery Read(string name, Func<NpgsqlCommand, string> build)
    {
        using var command = new NpgsqlCommand();
        var sql = build(command);
        return new PlannedQuery(name, sql, command.Parameters.ToList());
    }

    private static PlannedQuery Write(string name, NpgsqlBatchCommand command) => new(name, command.CommandText, command.Parameters.ToList());

    private static PlannedQuery Write(string name, string sql, params NpgsqlParameter[] parameters) => new(name, sql, parameters);

    private static NpgsqlParameter P(object value) => new() { Value = value };

    private static Paging Page(IReadOnlyDictionary<string, string> sortable) => new(2, 50, sortable.Keys.First(), Descending: true);

    private static IEnumerable<PlannedQuery> ReaderQueries()
    {
        var now = Monday.AddDays(30);
        yield return Read("SourcePlanner.TotalsAnswer", command => { command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime }); return SourcePlanner.TotalsAnswerSql; });

        foreach (var (name, filter, source) in new[]
                 {
                     ("totals", Everything, AnalysisSource.LearnerTotals), ("totals of a cohort", Cohort, AnalysisSource.LearnerTotals),
                     ("pairs", Everything, AnalysisSource.LearnerLessons), ("days", Ranged, AnalysisSource.LearnerLessonDays),
                 })
        {
            yield return Read($"Overview from {name}", command => OverviewQuery.Sql(command, filter, now, source));
            yield return Read($"Learners from {name}", command => LearnersQuery.PageSql(command, filter, Page(LearnersQuery.Sortable), Options, now, source));
            yield return Read($"Learner from {name}", command => LearnersQuery.LearnerSql(command, "u1", filter, Options, now, source));
        }
        yield return Read("Learner timeline", command => LearnersQuery.TimelineSql(command, "u1", Ranged));
        yield return Read("Lesson outline", _ => CourseLessonsQuery.Sql);

        foreach (var (name, filter) in new[] { ("all time", Everything), ("one lesson", Everything with { Lesson = "https://x/l1" }), ("a cohort", Cohort), ("a range", Ranged) })
        {
            yield return Read($"Lessons over {name}", command => LessonsQuery.Sql(command, filter, Page(LessonsQuery.Sortable)));
            yield return Read($"Dropoff over {name}", command => DropoffQuery.Sql(command, filter));
            foreach (var weekly in new[] { false, true })
            {
                yield return Read($"Engagement over {name}, weekly {weekly}", command => EngagementQuery.Sql(command, filter, weekly, byCohort: false));
                yield return Read($"Engagement over {name} by cohort, weekly {weekly}", command => EngagementQuery.Sql(command, filter, weekly, byCohort: true));
            }
        }

        foreach (var (name, filter) in new[] { ("all time", Everything), ("whole days", WholeDays), ("a range and cohort", Ranged) })
        {
            yield return Read($"Questions over {name}", command => QuestionsQuery.ListSql(command, filter, Page(QuestionsQuery.Sortable)));
        }
        yield return Read("Question", command => QuestionsQuery.QuestionSql(command, "q1", Ranged));
        yield return Read("Question answer distribution", command => QuestionsQuery.DistributionSql(command, "q1", Ranged, """[{"id":"a","description":"A"}]"""));
        yield return Read("Question free-text answers", command => QuestionsQuery.FreeTextSql(command, "q1", Ranged, Page(QuestionsQuery.Sortable)));

        yield return Read("Response search", command => ResponseSearchQuery.Sql(command, "slept well", "q1", Ranged, Page(QuestionsQuery.Sortable)));
        yield return Read("Free-text sample", command => FreeTextSampleQuery.Sql(command, Everything, null, 2_000));
        yield return Read("Free-text sample of a card", command => FreeTextSampleQuery.Sql(command, Ranged, "q1", 2_000));
        yield return Read("Flagged responses", command => FlaggedResponsesQuery.Sql(command, WatchList, Ranged, "q1", Page(FlaggedResponsesQuery.Sortable)));
        foreach (var grouping in SentimentQuery.Groupings)
        {
            yield return Read($"Sentiment by {grouping}", command => SentimentQuery.Sql(command, Ranged, grouping, "q1", Page(SentimentQuery.Sortable)));
            yield return Read($"Sentiment by {grouping} over whole days", command => SentimentQuery.Sql(command, WholeDays, grouping, "q1", Page(SentimentQuery.Sortable)));
        }

        foreach (var query in Explorer("responses", ExplorerResponses.Source, new ExplorerFilter(Ranged, "q1", "u1", "slept", "negative", true)))
        {
            yield return query;
        }
        foreach (var query in Explorer("responses not flagged", ExplorerResponses.Source, new ExplorerFilter(Everything, null, null, null, "neutral", false)))
        {
            yield return query;
        }
        foreach (var query in Explorer("activities", ExplorerActivities.Source, new ExplorerFilter(Ranged, "q1", "u1", null, null, null)))
        {
            yield return query;
        }
    }

    /// <summary>A page after a cursor in each sort, the export and the rows the total counts.</summary>
    private static IEnumerable<PlannedQuery> Explorer<T>(string name, ExplorerSource<T> source, ExplorerFilter filter)
    {
        foreach (var (column, key) in source.Sortable)
        {
            var order = new ExplorerOrder(column, key, Descending: true);
            object value = key.Type switch
            {
                ExplorerKeyType.Time => Monday.UtcDateTime,
                ExplorerKeyType.Number => 0.5,
                _ => "m",
            };
            var after = new ExplorerCursor(value, Guid.NewGuid());
            yield return Read($"Explorer {name} by {column}", command => ExplorerQuery.PageSql(command, source, filter, order, after, 0, 50, WatchList));
        }
        var byTime = ExplorerOrder.Parse(ExplorerSource<T>.DefaultSort, source.Sortable)!;
        yield return Read($"Explorer {name} export", command => ExplorerQuery.ExportSql(command, source, filter, byTime, WatchList));
        yield return Read($"Explorer {name} total", command => ExplorerQuery.RowsSql(command, source, filter, WatchList));
    }

    private static IEnumerable<PlannedQuery> WriterQueries()
    {
        var tables = AnalysisTables.Live;
        var schema = AnalysisSchema.Name;
        string[] noKeys = [];
        yield return Write("Users upsert", tables.Users.Upsert([]));
        yield return Write("Users overwrite", tables.Users.Overwrite([]));
        yield return Write("Users delete", tables.Users.Delete(noKeys));
        yield return Write("Users lock", tables.Users.Lock(noKeys));
        yield return Write("Users merge from another schema", tables.Users.MergeFrom(schema, "false"));
        yield return Write("Lessons upsert", tables.Lessons.Upsert([]));
        yield return Write("Lessons overwrite", tables.Lessons.Overwrite([]));
        yield return Write("Lessons delete", tables.Lessons.Delete(noKeys));
        yield return Write("Lessons lock", tables.Lessons.Lock(noKeys));
        yield return Write("Lessons merge from another schema", tables.Lessons.MergeFrom(schema, "false"));
        yield return Write("Questions upsert", tables.Questions.Upsert([]));
        yield return Write("Questions overwrite", tables.Questions.Overwrite([]));
        yield return Write("Questions delete", tables.Questions.Delete(noKeys));
        yield return Write("Questions lock", tables.Questions.Lock(noKeys));
        yield return Write("Questions merge from another schema", tables.Questions.MergeFrom(schema, "false"));
        yield return Write("Responses insert with their summaries", tables.Responses.Insert([]));
        yield return Write("Responses copy from another schema", tables.Responses.CopyFrom(schema, "false"));
        yield return Write("Responses delete (voiding)", tables.Responses.Delete([], AnalysisWriter.VoidedKeys));
        yield return Write("Activities insert with their summaries", tables.Activities.Insert([]));
        yield return Write("Activities copy from another schema", tables.Activities.CopyFrom(schema, "false"));
        yield return Write("Activities delete (voiding)", tables.Activities.Delete([], AnalysisWriter.VoidedKeys));
        yield return Write("Remaining activities after voiding", AnalysisWriter.RemainingActivitiesSql(tables), P(noKeys), P(noKeys), P(noKeys));

        var step = 0;
        foreach (var summary in LearnerLessonSummary.All)
        {
            foreach (var command in summary.Recompute(schema, [("u1", "https://x/l1", DateOnly.FromDateTime(Monday.UtcDateTime))]))
            {
                yield return Write($"{summary.Table} recompute, statement {++step}", command);
            }
        }
        foreach (var command in QuestionAnswerCounts.Recompute(schema, new HashSet<string> { "q1" }))
        {
            yield return Write($"{QuestionAnswerCounts.Table} recompute, statement {++step}", command);
        }
        foreach (var command in FreeTextSentimentCounts.Recompute(schema, new HashSet<string> { "q1" }))
        {
            yield return Write($"{FreeTextSentimentCounts.Table} recompute, statement {++step}", command);
        }
        foreach (var command in LearnerTotalsRecompute.Recompute(schema, ["u1"]))
        {
            yield return Write($"{LearnerTotalsRecompute.Table} recompute, statement {++step}", command);
        }

        Guid[] noIds = [];
        yield return Write("Sentiment backfill: question types", SentimentBackfill.QuestionTypesSql);
        yield return Write("Sentiment backfill: any unscored", SentimentBackfill.AnyUnscoredSql, P(noKeys));
        yield return Write("Sentiment backfill: first page", SentimentBackfill.PageSql(afterOne: false), P(100));
        yield return Write("Sentiment backfill: next page", SentimentBackfill.PageSql(afterOne: true), P(100), P(Guid.NewGuid()));
        yield return Write("Sentiment backfill: claim", SentimentBackfill.ClaimSql, P(noIds));
        yield return Write("Sentiment backfill: write", SentimentBackfill.WriteSql, P(noIds), P(Array.Empty<double>()));
        yield return Write("Catalogue store", CatalogueStore.StoreSql, P("""{"lessons":{}}"""), P(DateTimeOffset.UtcNow));
        yield return Write("Catalogue loaded at", CatalogueStore.LoadedAtSql);
        yield return Write("Catalogue read", CatalogueStore.ReadSql);
        yield return Write("Catalogue relabel", CatalogueStore.RelabelSql, P(noKeys), P(noKeys), P(noKeys), P("csv:"));
        yield return Write("CSV import: count facts", CsvImporter.CountFactsSql, P(noIds));
    }
}
