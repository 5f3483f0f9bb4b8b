namespace Dashboard.Web.Services;

/// <summary>One line of a diff: kept (<c>' '</c>), removed from the old text (<c>'-'</c>) or added in the new one (<c>'+'</c>).</summary>
public sealed record DiffLine(char Kind, string Text);

/// <summary>A line diff of two versions of a query (longest common subsequence of lines; queries are short).</summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Compare(string older, string newer)
    {
        var a = older.ReplaceLineEndings("\n").Split('\n');
        var b = newer.ReplaceLineEndings("\n").Split('\n');
        // common[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }
        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add(new(' ', a[x++]));
                y++;
            }
            // Removed lines before the lines that replace them, as diff(1) shows them.
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                lines.Add(new('-', a[x++]));
            }
            else
            {
                lines.Add(new('+', b[y++]));
            }
        }
        return lines;
    }
}
