using System.Globalization;

namespace Normalizer.Worker.Imports;

/// <summary>
/// Reads a 7taps response export (columns Learner, Card, Card type, Lesson Number, Global Q#, PDF Page #, Response;
/// any order, other columns ignored). Every problem is reported with its line and column, up to <see cref="MaxProblems"/>.
/// </summary>
internal static class ExportReader
{
    public const string Learner = "Learner";
    public const string Card = "Card";
    public const string CardType = "Card type";
    public const string LessonNumber = "Lesson Number";
    public const string GlobalQuestion = "Global Q#";
    public const string PdfPage = "PDF Page #";
    public const string Response = "Response";

    public const int MaxProblems = 50;

    private static readonly string[] Required = [Learner, Card, CardType, LessonNumber, GlobalQuestion, Response];

    /// <exception cref="ExportFormatException">Nothing to import, a column is missing, or rows are malformed.</exception>
    public static IReadOnlyList<ExportRow> Read(string text)
    {
        var records = CsvRecords.Parse(text);
        if (records.Count == 0)
        {
            throw new ExportFormatException(1, null, $"the file is empty; expected the header {string.Join(",", Required)}");
        }
        var header = records[0];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<ExportProblem>();
        for (var index = 0; index < header.Fields.Count; index++)
        {
            if (!columns.TryAdd(header.Fields[index].Trim(), index))
            {
                problems.Add(new ExportProblem(header.Line, header.Fields[index].Trim(), "the column appears twice"));
            }
        }
        problems.AddRange(Required.Where(name => !columns.ContainsKey(name))
            .Select(name => new ExportProblem(header.Line, name, "the column is missing")));
        if (problems.Count > 0)
        {
            throw new ExportFormatException(problems);
        }
        if (records.Count == 1)
        {
            throw new ExportFormatException(header.Line, null, "the file has a header but no rows");
        }

        var rows = new List<ExportRow>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (problems.Count >= MaxProblems)
            {
                break;
            }
            if (record.Fields.Count != header.Fields.Count)
            {
                problems.Add(new ExportProblem(record.Line, null, $"{record.Fields.Count} fields where the header has {header.Fields.Count}"));
                continue;
            }
            string Field(string name) => record.Fields[columns[name]].Trim();
            string? Required(string name)
            {
                var value = Field(name);
                if (value.Length == 0)
                {
                    problems.Add(new ExportProblem(record.Line, name, "empty"));
                    return null;
                }
                return value;
            }

            var learner = Required(Learner);
            var card = Required(Card);
            var cardType = Required(CardType);
            var lessonNumber = Required(LessonNumber);
            var globalQuestionText = Required(GlobalQuestion);
            int? globalQuestion = null;
            if (globalQuestionText is not null)
            {
                if (int.TryParse(globalQuestionText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
                {
                    globalQuestion = number;
                }
                else
                {
                    problems.Add(new ExportProblem(record.Line, GlobalQuestion, $"'{Truncate(globalQuestionText)}' is not a positive whole number"));
                }
            }
            if (learner is not null && card is not null && cardType is not null && lessonNumber is not null && globalQuestion is not null)
            {
                rows.Add(new ExportRow(record.Line, learner, card, cardType, lessonNumber, globalQuestion.Value,
                    columns.ContainsKey(PdfPage) && Field(PdfPage) is { Length: > 0 } page ? page : null,
                    // The answer is kept as written, inner spacing included.
                    record.Fields[columns[Response]]));
            }
        }
        return problems.Count > 0 ? throw new ExportFormatException(problems) : rows;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
