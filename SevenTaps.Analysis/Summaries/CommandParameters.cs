using Npgsql;

namespace SevenTaps.Analysis.Summaries;

public static class CommandParameters
{
    /// <summary>Adds a positional parameter and returns its placeholder (<c>$3</c>).</summary>
    public static string Add(this NpgsqlCommand command, object value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return "$" + command.Parameters.Count;
    }
}
