using System.Text;

namespace SevenTaps.Testing;

/// <summary>An RFC 4180 reader for the tests: quoted cells may hold commas, quotes and line breaks.</summary>
public static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (quoted)
            {
                if (character == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (character == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(character);
                }
            }
            else if (character == '"')
            {
                quoted = true;
            }
            else if (character == ',')
            {
                record.Add(cell.ToString());
                cell.Clear();
            }
            else if (character == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(cell.ToString());
                cell.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                cell.Append(character);
            }
        }
        if (quoted || cell.Length + record.Count > 0)
        {
            throw new FormatException(quoted ? "The CSV ends inside a quoted cell." : "The CSV's last record has no line break.");
        }
        return records;
    }
}
