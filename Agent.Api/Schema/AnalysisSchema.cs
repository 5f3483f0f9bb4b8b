using SevenTaps.Analysis;
using SevenTaps.Analysis.Description;

namespace Agent.Api.Schema;

/// <summary>
/// Which analysis tables Seven, a model, MCP clients and the guarded query endpoint may read, and how they are
/// described to them: the published description of <c>SevenTaps.Analysis</c> (the one <c>GET /api/analytics/schema</c>
/// serves) without its operations tables (the loaded lesson catalogue document). The guard's allow-list and the text a
/// model sees are the same object, so they cannot disagree.
/// </summary>
public static class AnalysisSchema
{
    public const string Name = AnalysisContext.Schema;

    /// <summary>The facts, dimensions and summaries, with their joins and the glossary.</summary>
    public static SchemaDescription Description { get; } = Published(AnalysisSchemaDescription.Current);

    public static bool IsPublished(string? schema, string relation) =>
        schema == Name && Description.Tables.Any(table => table.Name == relation);

    private static SchemaDescription Published(SchemaDescription all)
    {
        var tables = all.Tables.Where(table => table.Kind != "operations").ToList();
        bool Readable(string column) => tables.Any(table => column.StartsWith(table.Name + ".", StringComparison.Ordinal));
        return all with { Tables = tables, Joins = all.Joins.Where(join => Readable(join.From) && Readable(join.To)).ToList() };
    }
}
