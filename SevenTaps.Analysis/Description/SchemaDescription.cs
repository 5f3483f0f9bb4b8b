using System.Text;

namespace SevenTaps.Analysis.Description;

/// <summary>
/// The analysis schema described for people and models: every table and column of the EF Core model with its
/// type and meaning, how the tables join, and the words analytics answers in. Built by
/// <see cref="AnalysisSchemaDescription.Create"/> from the model, so it names exactly the tables and columns that exist.
/// </summary>
public sealed record SchemaDescription(
    string Schema, string Summary, IReadOnlyList<TableDescription> Tables, IReadOnlyList<JoinPath> Joins, IReadOnlyList<GlossaryEntry> Glossary)
{
    /// <summary>The same description as Markdown: one section per table, then the join paths and the glossary.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("# Schema `").Append(Schema).Append("`\n\n").Append(Summary).Append("\n\n");
        foreach (var table in Tables)
        {
            text.Append("## `").Append(table.Name).Append("` (").Append(table.Kind).Append(")\n\n")
                .Append(table.Meaning).Append("\n\nKey: ").Append(string.Join(", ", table.Key.Select(Code))).Append("\n\n")
                .Append("| column | type | null | meaning |\n| --- | --- | --- | --- |\n");
            foreach (var column in table.Columns)
            {
                text.Append("| ").Append(Code(column.Name)).Append(" | ").Append(column.Type).Append(" | ")
                    .Append(column.Nullable ? "yes" : "no").Append(" | ").Append(Cell(column.Meaning)).Append(" |\n");
            }
            text.Append('\n');
        }
        text.Append("## Join paths\n\n| from | to | meaning |\n| --- | --- | --- |\n");
        foreach (var join in Joins)
        {
            text.Append("| ").Append(Code(join.From)).Append(" | ").Append(Code(join.To)).Append(" | ").Append(Cell(join.Meaning)).Append(" |\n");
        }
        text.Append("\n## Glossary\n\n");
        foreach (var entry in Glossary)
        {
            text.Append("- **").Append(entry.Term).Append("**: ").Append(entry.Meaning).Append('\n');
        }
        return text.ToString();
    }

    private static string Code(string name) => $"`{name}`";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

/// <param name="Kind">"fact" (one row per statement), "dimension" (merged over statements), "summary" (kept by the writers from the facts) or "operations".</param>
public sealed record TableDescription(string Name, string Kind, string Meaning, IReadOnlyList<string> Key, IReadOnlyList<ColumnDescription> Columns);

/// <param name="Type">PostgreSQL's type name, as the migrations create the column.</param>
public sealed record ColumnDescription(string Name, string Type, bool Nullable, string Meaning);

/// <param name="From">table.column</param>
/// <param name="To">table.column</param>
/// <param name="Meaning">What the join gives, and whether a foreign key enforces it.</param>
public sealed record JoinPath(string From, string To, string Meaning);

public sealed record GlossaryEntry(string Term, string Meaning);
