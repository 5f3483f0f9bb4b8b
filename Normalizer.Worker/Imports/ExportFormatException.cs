namespace Normalizer.Worker.Imports;

/// <summary>One thing wrong with a CSV export: the line (1-based, the header is line 1), the column when one is at fault.</summary>
public sealed record ExportProblem(int Line, string? Column, string Problem)
{
    public override string ToString() => Column is null ? $"line {Line}: {Problem}" : $"line {Line}, column '{Column}': {Problem}";
}

/// <summary>The CSV cannot be imported; nothing was written.</summary>
internal sealed class ExportFormatException(IReadOnlyList<ExportProblem> problems)
    : Exception($"The CSV export cannot be imported: {string.Join("; ", problems)}")
{
    public ExportFormatException(int line, string? column, string problem) : this([new ExportProblem(line, column, problem)])
    {
    }

    public IReadOnlyList<ExportProblem> Problems => problems;
}
