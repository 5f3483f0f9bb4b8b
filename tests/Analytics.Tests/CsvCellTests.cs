using System.Text;
using SevenTaps.Text;

namespace Analytics.Tests;

/// <summary>The CSV cell writer both exports use: formula cells neutralised, RFC 4180 quoting.</summary>
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("slept, finally", "\"slept, finally\"")]
    [InlineData("a \"quote\"", "\"a \"\"quote\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("plain - text", "plain - text")]
    [InlineData("", "")]
    public void A_text_cell_is_neutralised_and_quoted_as_needed(string cell, string written)
    {
        var csv = new StringBuilder();

        CsvCell.AppendText(csv, cell);

        Assert.Equal(written, csv.ToString());
    }
}
