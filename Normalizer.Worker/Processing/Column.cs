using Npgsql;
using NpgsqlTypes;

namespace Normalizer.Worker.Processing;

/// <summary>
/// A column written from a list of rows as one array parameter (<c>unnest($n::type[])</c>): a whole batch is one
/// statement per table, whatever its size.
/// </summary>
internal sealed class Column<TRow>(string name, string type, NpgsqlDbType dbType, Func<IReadOnlyList<TRow>, Array> values)
{
    public string Name => name;

    public string Type => type;

    public NpgsqlParameter Parameter(IReadOnlyList<TRow> rows) =>
        new() { Value = values(rows), NpgsqlDbType = NpgsqlDbType.Array | dbType };
}

internal static class Column
{
    public static Column<TRow> Text<TRow>(string name, Func<TRow, string?> value) =>
        new(name, "text", NpgsqlDbType.Text, rows => rows.Select(value).ToArray());

    public static Column<TRow> Jsonb<TRow>(string name, Func<TRow, string?> value) =>
        new(name, "jsonb", NpgsqlDbType.Jsonb, rows => rows.Select(value).ToArray());

    public static Column<TRow> Uuid<TRow>(string name, Func<TRow, Guid> value) =>
        new(name, "uuid", NpgsqlDbType.Uuid, rows => rows.Select(value).ToArray());

    public static Column<TRow> Time<TRow>(string name, Func<TRow, DateTimeOffset> value) =>
        new(name, "timestamptz", NpgsqlDbType.TimestampTz, rows => rows.Select(value).ToArray());

    public static Column<TRow> Double<TRow>(string name, Func<TRow, double?> value) =>
        new(name, "double precision", NpgsqlDbType.Double, rows => rows.Select(value).ToArray());

    public static Column<TRow> Bool<TRow>(string name, Func<TRow, bool?> value) =>
        new(name, "boolean", NpgsqlDbType.Boolean, rows => rows.Select(value).ToArray());
}
