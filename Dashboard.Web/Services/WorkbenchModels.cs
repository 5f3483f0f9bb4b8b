using System.Globalization;
using System.Text.Json;

namespace Dashboard.Web.Services;

/// <summary>A workbench run as Agent.Api answers it: the outcome, and the rows the guard returned (or stored).</summary>
/// <param name="Outcome"><c>ok</c>, <c>refused</c>, <c>timeout</c>, <c>cancelled</c> or <c>error</c>.</param>
public sealed record WorkbenchRun(
    Guid Id, string RunBy, DateTimeOffset StartedAt, string Sql, string? Parameters, string Outcome, string? Code, string? Message,
    double DurationMs, int? RowCount, bool Truncated, IReadOnlyList<string> Columns, IReadOnlyList<JsonElement[]> Rows)
{
    public bool Succeeded => Outcome == "ok";

    /// <summary>A cell as the grid shows it: text as it is, numbers and times in invariant form, null as empty.</summary>
    public static string Text(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => cell.GetString()!,
        JsonValueKind.Number => cell.TryGetInt64(out var whole) ? whole.ToString("N0", CultureInfo.InvariantCulture) : cell.GetDouble().ToString("0.####", CultureInfo.InvariantCulture),
        JsonValueKind.Array => string.Join("; ", cell.EnumerateArray().Select(Text)),
        _ => cell.GetRawText(),
    };
}

public sealed record WorkbenchRunSummary(
    Guid Id, string RunBy, DateTimeOffset StartedAt, string Sql, string? Parameters, string Outcome, string? Message, double DurationMs, int? RowCount, bool Truncated);

public sealed record LibraryParameter(string Name, string Description, string Default);

public sealed record LibraryQuery(string Id, string Category, string Name, string Description, string Sql, IReadOnlyList<LibraryParameter> Parameters);

public sealed record SavedQuerySummary(Guid Id, string Name, string? Description, bool Shared, string Owner, int LatestVersion, string Sql);

public sealed record SavedQueryVersion(int Version, string Sql, DateTimeOffset SavedAt, string SavedBy);

public sealed record SavedQueryDetail(Guid Id, string Name, string? Description, bool Shared, string Owner, IReadOnlyList<SavedQueryVersion> Versions);

/// <param name="Note">What the tile does with the result beyond showing it (the themes tile ranks it in code), or null.</param>
public sealed record TileSql(string Tile, string Sql, string? Note);

public sealed record ExchangeSql(Guid ExchangeId, string Question, string Sql);

public sealed record SchemaColumn(string Name, string Type, bool Nullable, string Meaning);

public sealed record SchemaTable(string Name, string Kind, string Meaning, IReadOnlyList<SchemaColumn> Columns);

public sealed record SchemaView(string Schema, IReadOnlyList<SchemaTable> Tables);

/// <param name="MaxRows">Rows the grid gets at most (the guard's row cap).</param>
/// <param name="ExportMaxRows">Rows a CSV export writes at most.</param>
public sealed record WorkbenchLimits(int MaxRows, int ExportMaxRows, double StatementTimeoutSeconds);
