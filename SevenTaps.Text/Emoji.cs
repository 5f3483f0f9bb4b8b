using System.Text;

namespace SevenTaps.Text;

/// <summary>Which characters are emoji, and what the common ones say (their Unicode CLDR short names).</summary>
public static class Emoji
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int VariationSelector16 = 0xFE0F;

    /// <summary>A pictograph that starts an emoji (not its modifiers).</summary>
    public static bool IsPictograph(Rune rune) => rune.Value is
        (>= 0x1F000 and <= 0x1FAFF and not (>= 0x1F3FB and <= 0x1F3FF)) or
        (>= 0x2600 and <= 0x27BF) or (>= 0x2300 and <= 0x23FF) or (>= 0x2B00 and <= 0x2BFF);

    /// <summary>What continues an emoji: skin tones, variation selector, joiner, tags, keycap.</summary>
    public static bool IsModifier(Rune rune) => rune.Value is
        (>= 0x1F3FB and <= 0x1F3FF) or VariationSelector16 or ZeroWidthJoiner or (>= 0xE0020 and <= 0xE007F) or 0x20E3;

    /// <summary>
    /// Short names of common emoji, as VADER reads them: the emoji is replaced by its name and the name's words
    /// are scored ("😊" → "smiling face with smiling eyes"). Keyed by the pictograph alone (modifiers ignored).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["😀"] = "grinning face",
        ["😃"] = "grinning face with big eyes",
        ["😄"] = "grinning face with smiling eyes",
        ["😁"] = "beaming face with smiling eyes",
        ["😆"] = "grinning squinting face",
        ["😅"] = "grinning face with sweat",
        ["😂"] = "face with tears of joy",
        ["🙂"] = "slightly smiling face",
        ["😉"] = "winking face",
        ["😊"] = "smiling face with smiling eyes",
        ["😍"] = "smiling face with heart-eyes",
        ["🥰"] = "smiling face with hearts",
        ["😌"] = "relieved face",
        ["😎"] = "smiling face with sunglasses",
        ["🤩"] = "star-struck",
        ["🥳"] = "partying face",
        ["😐"] = "neutral face",
        ["😑"] = "expressionless face",
        ["😕"] = "confused face",
        ["🙁"] = "slightly frowning face",
        ["☹"] = "frowning face",
        ["😟"] = "worried face",
        ["😞"] = "disappointed face",
        ["😔"] = "pensive face",
        ["😢"] = "crying face",
        ["😭"] = "loudly crying face",
        ["😩"] = "weary face",
        ["😫"] = "tired face",
        ["😤"] = "face with steam from nose",
        ["😠"] = "angry face",
        ["😡"] = "pouting face",
        ["😰"] = "anxious face with sweat",
        ["😱"] = "face screaming in fear",
        ["😴"] = "sleeping face",
        ["🥱"] = "yawning face",
        ["🤷"] = "person shrugging",
        ["🙌"] = "raising hands",
        ["👏"] = "clapping hands",
        ["👍"] = "thumbs up",
        ["👎"] = "thumbs down",
        ["💪"] = "flexed biceps",
        ["🙏"] = "folded hands",
        ["❤"] = "red heart",
        ["💔"] = "broken heart",
        ["🎉"] = "party popper",
        ["🔥"] = "fire",
        ["✨"] = "sparkles",
        ["💯"] = "hundred points",
    };
}
