using Normalizer.Worker.Normalization;

namespace Normalizer.Tests.Normalization;

public class QuillDeltaTests
{
    [Fact]
    public void Bold_attributes_are_ignored_and_inserts_concatenated()
    {
        const string delta = """{"ops":[{"attributes":{"bold":true},"insert":"Bold"},{"insert":" and "},{"attributes":{"italic":true,"color":"#f00"},"insert":"italic"},{"insert":"\n"}]}""";
        Assert.Equal("Bold and italic", QuillDelta.ToPlainText(delta));
    }

    [Fact]
    public void Embeds_are_dropped()
    {
        const string delta = """{"ops":[{"insert":"Look: "},{"insert":{"image":"https://cdn.example.com/a.png"}},{"insert":"done\n"}]}""";
        Assert.Equal("Look: done", QuillDelta.ToPlainText(delta));
    }

    [Fact]
    public void Emoji_and_line_breaks_are_kept()
    {
        const string delta = """{"ops":[{"insert":"🧠 Think\n💤 Sleep\n"}]}""";
        Assert.Equal("🧠 Think\n💤 Sleep", QuillDelta.ToPlainText(delta));
    }

    [Fact]
    public void Runs_of_blank_lines_collapse_to_one()
    {
        const string delta = """{"ops":[{"insert":"\n\nA\n\n\n\nB  \n \n\t\nC\r\nD\n\n"}]}""";
        Assert.Equal("A\n\nB\n\nC\nD", QuillDelta.ToPlainText(delta));
    }

    [Theory]
    [InlineData("""{"foo":1}""")]
    [InlineData("""{"ops":[""")]
    [InlineData("""{"ops":"text"}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("Plain question?  ")]
    [InlineData("")]
    public void Anything_that_is_not_a_delta_is_returned_unchanged(string text)
    {
        Assert.Equal(text, QuillDelta.ToPlainText(text));
        Assert.False(QuillDelta.TryToPlainText(text, out _));
    }

    [Fact]
    public void A_bare_array_of_insert_ops_is_a_delta()
    {
        Assert.True(QuillDelta.TryToPlainText("""[{"insert":"Hi "},{"insert":"there\n"}]""", out var plain));
        Assert.Equal("Hi there", plain);
    }

    [Fact]
    public void Ops_without_insert_contribute_nothing()
    {
        Assert.Equal("kept", QuillDelta.ToPlainText("""{"ops":[{"retain":5},{"insert":"kept"},{"delete":2}]}"""));
    }
}
