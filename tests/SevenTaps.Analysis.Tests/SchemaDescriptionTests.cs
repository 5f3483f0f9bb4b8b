using Microsoft.EntityFrameworkCore;
using SevenTaps.Analysis.Description;

namespace SevenTaps.Analysis.Tests;

public class SchemaDescriptionTests
{
    private static readonly SchemaDescription Description = AnalysisSchemaDescription.Current;

    [Fact]
    public void Every_table_and_column_of_the_model_is_described_and_nothing_else()
    {
        var model = AnalysisSchemaDescription.Model.GetRelationalModel().Tables.Where(table => table.Schema == AnalysisSchema.Name).ToList();

        Assert.Equal(model.Select(table => table.Name).Order(), Description.Tables.Select(table => table.Name).Order());
        foreach (var table in model)
        {
            var described = Description.Tables.Single(candidate => candidate.Name == table.Name);
            Assert.False(string.IsNullOrWhiteSpace(described.Meaning), table.Name);
            Assert.Equal(table.Columns.Select(column => column.Name).Order(), described.Columns.Select(column => column.Name).Order());
            foreach (var column in table.Columns)
            {
                var describedColumn = described.Columns.Single(candidate => candidate.Name == column.Name);
                Assert.Equal(column.StoreType, describedColumn.Type);
                Assert.Equal(column.IsNullable, describedColumn.Nullable);
                Assert.False(string.IsNullOrWhiteSpace(describedColumn.Meaning), $"{table.Name}.{column.Name}");
            }
            // The primary key, or for a table keyed by a nullable column the unique index standing for it.
            var key = table.PrimaryKey?.Columns ?? table.Indexes.Single(index => index.IsUnique).Columns;
            Assert.Equal(key.Select(column => column.Name), described.Key);
        }
    }

    [Fact]
    public void Meanings_name_no_table_or_column_the_model_does_not_have()
    {
        var columns = Description.Tables.SelectMany(table => table.Columns.Select(column => $"{table.Name}.{column.Name}")).ToHashSet();

        foreach (var (name, table) in SchemaMeanings.Tables)
        {
            Assert.All(table.Columns.Keys, column => Assert.Contains($"{name}.{column}", columns));
        }
        foreach (var join in Description.Joins)
        {
            Assert.All(join.From.Split('.', 2)[1].Split(", "), column => Assert.Contains($"{join.From.Split('.')[0]}.{column}", columns));
            Assert.All(join.To.Split('.', 2)[1].Split(", "), column => Assert.Contains($"{join.To.Split('.')[0]}.{column}", columns));
        }
    }

    [Fact]
    public void Every_foreign_key_is_a_join_path()
    {
        var foreignKeys = AnalysisSchemaDescription.Model.GetRelationalModel().Tables.SelectMany(table => table.ForeignKeyConstraints).ToList();

        Assert.NotEmpty(foreignKeys);
        Assert.All(foreignKeys, key => Assert.Contains(Description.Joins, join =>
            join.From == $"{key.Table.Name}.{key.Columns.Single().Name}" && join.To == $"{key.PrincipalTable.Name}.{key.PrincipalColumns.Single().Name}"));
    }

    [Fact]
    public void The_glossary_defines_the_terms_analytics_answers_in()
    {
        Assert.All(new[] { "completion", "drop-off", "at-risk", "lesson order", "statement time", "cohort" },
            term => Assert.Contains(Description.Glossary, entry => entry.Term == term && entry.Meaning.Length > 40));
    }

    [Fact]
    public void Markdown_lists_every_table_column_join_and_term()
    {
        var markdown = Description.ToMarkdown();

        Assert.StartsWith("# Schema `analysis`", markdown);
        Assert.All(Description.Tables, table =>
        {
            Assert.Contains($"## `{table.Name}` ({table.Kind})", markdown);
            Assert.All(table.Columns, column => Assert.Contains($"| `{column.Name}` | {column.Type} |", markdown));
        });
        Assert.All(Description.Joins, join => Assert.Contains($"| `{join.From}` | `{join.To}` |", markdown));
        Assert.All(Description.Glossary, entry => Assert.Contains($"- **{entry.Term}**: ", markdown));
    }
}
