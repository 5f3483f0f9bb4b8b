using System.Text.Json;
using System.Text.RegularExpressions;
using SevenTaps.Generator;

namespace SevenTaps.Generator.Tests;

public class FreeTextTests
{
    // One whole-word alternation per theme (hyphenated words count as one word).
    private static readonly Dictionary<string, Regex> ThemePatterns = FreeTextBank.ThemeKeywords.ToDictionary(
        kv => kv.Key,
        kv => new Regex(@"(?<![\w-])(?:" + string.Join("|", kv.Value.Select(Regex.Escape)) + @")(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled));

    [Fact]
    public void EachAnswerCarriesOnlyItsOwnThemesVocabularyAndConcerningPhrasesOnlyWhenLabelled()
    {
        var generator = new CourseGenerator(new GeneratorOptions { Seed = 77, Learners = 1500, ConcerningFraction = 0.03 });
        var answers = 0;
        var concerning = 0;
        var distinct = new HashSet<string>();
        foreach (var s in generator.Statements())
        {
            if (s.FreeText is not { } label)
            {
                continue;
            }

            answers++;
            var text = JsonDocument.Parse(s.Json).RootElement.GetProperty("result").GetProperty("response").GetString()!;
            distinct.Add(text);
            foreach (var (theme, pattern) in ThemePatterns)
            {
                var hit = pattern.IsMatch(text);
                Assert.True(theme == label.Theme ? hit : !hit, $"'{text}' labelled {label.Theme}: keyword of {theme} {(hit ? "present" : "missing")}");
            }

            var hasConcerningPhrase = FreeTextBank.ConcerningPhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(label.Concerning, hasConcerningPhrase);
            if (label.Concerning)
            {
                concerning++;
                Assert.Equal(FreeTextBank.Negative, label.Tone);
            }

            Assert.Contains(label.Tone, FreeTextBank.Tones);
        }

        Assert.True(answers > 2000);
        Assert.True(concerning > 20);
        Assert.True(distinct.Count > answers / 3, $"only {distinct.Count} distinct texts for {answers} answers");
    }
}
