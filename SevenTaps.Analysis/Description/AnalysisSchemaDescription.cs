using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SevenTaps.Analysis.Description;

/// <summary>
/// Builds the published <see cref="SchemaDescription"/> of the analysis schema: table and column names, types,
/// nullability, keys and foreign keys from the EF Core model (the one the migrations were made from), meanings from
/// <see cref="SchemaMeanings"/>. Nothing here connects to a database.
/// </summary>
public static class AnalysisSchemaDescription
{
    private static readonly Lazy<SchemaDescription> Description = new(() => Create(Model));

    private static readonly Lazy<SchemaDescription> PublishedDescription = new(() => Publish(Current));

    /// <summary>The description of the current model (built once).</summary>
    public static SchemaDescription Current => Description.Value;

    /// <summary>
    /// What readers outside the services may see and query (Seven, a model, MCP clients, the guarded query endpoint and
    /// the workbench): the facts, dimensions and summaries with their joins and the glossary, without the operations
    /// tables (the loaded lesson catalogue document). A guard's allow-list and the text a model sees are this one
    /// object, so they cannot disagree.
    /// </summary>
    public static SchemaDescription Published => PublishedDescription.Value;

    /// <summary>Whether <paramref name="relation"/> in <paramref name="schema"/> is a table of <see cref="Published"/>.</summary>
    public static bool IsPublished(string? schema, string relation) =>
        schema == AnalysisSchema.Name && Published.Tables.Any(table => table.Name == relation);

    /// <summary>The analysis model as the migrations know it, built without a connection.</summary>
    internal static IModel Model
    {
        get
        {
            using var context = new AnalysisContext(new DbContextOptionsBuilder<AnalysisContext>().UseNpgsql(AnalysisContextOptions.Configure).Options);
            return context.Model;
        }
    }

    internal static SchemaDescription Create(IModel model)
    {
        var tables = model.GetRelationalModel().Tables.Where(table => table.Schema == AnalysisSchema.Name).ToDictionary(table => table.Name);
        var described = new List<TableDescription>();
        foreach (var (name, meaning) in SchemaMeanings.Tables)
        {
            if (!tables.TryGetValue(name, out var table))
            {
                throw new InvalidOperationException($"The description names table {name}, which the analysis model does not have.");
            }
            var columns = table.Columns.OrderBy(column => ColumnOrder(table, column)).Select(column => new ColumnDescription(
                column.Name, column.StoreType, column.IsNullable,
                meaning.Columns.TryGetValue(column.Name, out var text) ? text : throw Undescribed($"{name}.{column.Name}"))).ToList();
            described.Add(new TableDescription(name, meaning.Kind, meaning.Meaning, KeyColumns(table).Select(column => column.Name).ToList(), columns));
        }
        if (tables.Keys.Except(SchemaMeanings.Tables.Select(table => table.Name)).FirstOrDefault() is { } undescribed)
        {
            throw Undescribed(undescribed);
        }

        var foreignKeys = tables.Values
            .SelectMany(table => table.ForeignKeyConstraints)
            .OrderBy(key => key.Table.Name, StringComparer.Ordinal).ThenBy(key => key.Name, StringComparer.Ordinal)
            .Select(key => new JoinPath(
                $"{key.Table.Name}.{string.Join(", ", key.Columns.Select(column => column.Name))}",
                $"{key.PrincipalTable.Name}.{string.Join(", ", key.PrincipalColumns.Select(column => column.Name))}",
                $"Foreign key {key.Name}: every non-null value has its {key.PrincipalTable.Name} row."));
        return new SchemaDescription(AnalysisSchema.Name, SchemaMeanings.Summary, described,
            [.. foreignKeys, .. SchemaMeanings.ValueJoins], SchemaMeanings.Glossary);
    }

    private static SchemaDescription Publish(SchemaDescription all)
    {
        var tables = all.Tables.Where(table => table.Kind != "operations").ToList();
        bool Readable(string column) => tables.Any(table => column.StartsWith(table.Name + ".", StringComparison.Ordinal));
        return all with { Tables = tables, Joins = all.Joins.Where(join => Readable(join.From) && Readable(join.To)).ToList() };
    }

    /// <summary>Key columns first, then the order the entity declares its properties in (EF orders columns by name otherwise).</summary>
    private static int ColumnOrder(ITable table, IColumn column) =>
        KeyColumns(table).Contains(column) ? -1000 + KeyColumns(table).ToList().IndexOf(column)
            : column.PropertyMappings.First().Property.GetIndex();

    /// <summary>The primary key's columns; for a table keyed by a nullable column, which a primary key cannot hold, its unique index's.</summary>
    private static IReadOnlyList<IColumn> KeyColumns(ITable table) =>
        table.PrimaryKey?.Columns ?? table.Indexes.Single(index => index.IsUnique).Columns;

    private static InvalidOperationException Undescribed(string name) =>
        new($"{name} is in the analysis model but not described: add its meaning to SchemaMeanings.");
}
