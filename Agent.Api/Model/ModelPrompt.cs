using System.Text;
using System.Text.Json;
using Agent.Api.Engine;
using Microsoft.Extensions.AI;
using SevenTaps.Analysis.Description;

namespace Agent.Api.Model;

/// <summary>What the model is told: its tools, the published schema, our terms in SQL, and verified examples for the question.</summary>
public static class ModelPrompt
{
    public const string VerifiedQuestionTool = "verified_question";
    public const string RunSqlTool = "run_sql";

    public static readonly IReadOnlyList<AITool> Tools =
    [
        AIFunctionFactory.CreateDeclaration(VerifiedQuestionTool,
            "Answers a question with Seven's verified, reviewed queries. Phrase it like the verified examples (lesson numbers, cohort letters, " +
            "dates in words). Returns the answer, or why it is not a verified question. Try this first.",
            Schema("question", "The question, phrased like a verified example.")),
        AIFunctionFactory.CreateDeclaration(RunSqlTool,
            "Runs one read-only PostgreSQL SELECT over the analysis tables through Seven's SQL guard, with no parameters. Returns the columns " +
            "and rows, or the refusal or database error to repair the SQL from. Use only when no verified question fits.",
            Schema("sql", "One SELECT (or WITH ... SELECT) over the analysis.* tables described in the instructions.")),
    ];

    public static string Instructions(CourseCatalog catalog, IReadOnlyList<VerifiedExample> examples, bool shareLearnerText, string? previousIntentJson)
    {
        var text = new StringBuilder("""
            You are Seven, who answers a course owner's questions about their 7taps course from its analytics database (PostgreSQL).
            Answer only from data a tool returned; never invent numbers, tables or columns. First try the verified_question tool with the
            question rephrased like one of the verified examples below. Only when no verified question fits, write one SELECT for run_sql
            using exactly the tables and columns of the schema below; when it is refused or fails, read the reason and repair it. Nothing can
            be changed in the database: decline requests to change data. When the data cannot answer the question, say so plainly.
            When you have the rows, reply with one or two plain sentences stating the finding; Seven shows the table itself.

            """);
        if (!shareLearnerText)
        {
            text.Append($"Learners' free text and identities are not shown to you: such values read {ModelView.Withheld}. Answer with counts and aggregates.\n\n");
        }
        text.Append("## Lessons in course order (\"lesson N\")\n\n");
        foreach (var lesson in catalog.Lessons)
        {
            text.Append($"{lesson.Place}. {lesson.Name} ({lesson.Url})\n");
        }
        text.Append("\n## Cohorts\n\n").AppendJoin('\n', catalog.Cohorts.Select(cohort => $"cohort {cohort.Letter}: first statement in the week of {cohort.Week:yyyy-MM-dd}"));
        text.Append($"\n\nThe latest statement is from {catalog.AsOf:O}.\n\n");
        text.Append("## Our terms in SQL\n\n").Append(SqlGlossary.Describe()).Append("\n\n");
        text.Append("## Verified examples (question, then the SQL Seven runs for it)\n\n");
        foreach (var example in examples)
        {
            text.Append($"Q: {example.Question}\nparameters: {JsonSerializer.Serialize(example.Parameters)}\n```sql\n{example.Sql.Trim()}\n```\n\n");
        }
        if (previousIntentJson is not null)
        {
            text.Append($"The previous question of this conversation was read as {previousIntentJson}; a follow-up may refer to it.\n\n");
        }
        text.Append(AnalysisSchemaDescription.Published.ToMarkdown());
        return text.ToString();
    }

    private static JsonElement Schema(string property, string description) => JsonSerializer.SerializeToElement(new
    {
        type = "object",
        properties = new Dictionary<string, object> { [property] = new { type = "string", description } },
        required = new[] { property },
    });
}
