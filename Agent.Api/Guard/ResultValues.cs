using Npgsql;

namespace Agent.Api.Guard;

/// <summary>A result cell as a value JSON can carry: numbers, text, booleans, ISO times, arrays; anything else as its text.</summary>
internal static class ResultValues
{
    public static object? Read(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        object value;
        try
        {
            value = reader.GetValue(ordinal);
        }
        catch (Exception exception) when (exception is InvalidCastException or NotSupportedException or OverflowException)
        {
            // An interval with months (age(...)) has no TimeSpan; other types without a CLR value are named, not guessed at.
            return reader.GetDataTypeName(ordinal) == "interval"
                ? Interval(reader.GetFieldValue<NpgsqlTypes.NpgsqlInterval>(ordinal))
                : $"({reader.GetDataTypeName(ordinal)} value)";
        }
        return value switch
        {
            string or bool or short or int or long or float or double or decimal => value,
            DateTime time => time.Kind == DateTimeKind.Unspecified ? time.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFF") : time.ToUniversalTime().ToString("O"),
            DateTimeOffset time => time.ToUniversalTime().ToString("O"),
            DateOnly date => date.ToString("yyyy-MM-dd"),
            TimeSpan span => span.ToString(),
            Guid id => id.ToString(),
            Array array => array.Cast<object?>().Select(item => item is null or DBNull ? null : Plain(item)).ToArray(),
            _ => value.ToString(),
        };
    }

    /// <summary>Months, days and time as PostgreSQL writes them: <c>1 mons 2 days 03:04:05</c>.</summary>
    private static string Interval(NpgsqlTypes.NpgsqlInterval interval) =>
        $"{interval.Months} mons {interval.Days} days {TimeSpan.FromMicroseconds(interval.Time):c}";

    private static object? Plain(object item) => item is string or bool or short or int or long or float or double or decimal ? item : item.ToString();
}
