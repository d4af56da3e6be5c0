using System.Text;

namespace Jianxun.Text;

/// <summary>
/// The whitespace rule every bulletin string is compared under: a run of whitespace is removed
/// unless both neighbours are ASCII characters, in which case exactly one space is kept.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Applies the whitespace rule (and NFC, which leaves ordinary text unchanged).</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var s = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            if (!char.IsWhiteSpace(s[i]))
            {
                sb.Append(s[i]);
                i++;
                continue;
            }

            var start = i;
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            if (start > 0 && i < s.Length && s[start - 1] < 128 && s[i] < 128)
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    /// <summary>Joins two physical lines: no space unless both sides are ASCII (a word never splits).</summary>
    internal static string JoinLines(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (sb.Length > 0 && sb[^1] < 128 && !char.IsWhiteSpace(sb[^1]) && line[0] < 128)
            {
                sb.Append(' ');
            }

            sb.Append(line);
        }

        return Normalize(sb.ToString());
    }
}
