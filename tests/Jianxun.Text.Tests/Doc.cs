namespace Jianxun.Text.Tests;

/// <summary>Builds extracted-text documents for tests: a blank line between physical lines, and a
/// line given with a leading space is a page break (no blank line before it).</summary>
internal static class Doc
{
    private const string Filler = "国有企业坚持稳中求进工作总基调统筹发展和安全推动高质量发展取得新成效各项工作扎实推进企业改革不断深化";

    public static string Of(params string[] lines)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(lines[i].StartsWith(' ') ? "\n" : "\n\n");
            }

            sb.Append(lines[i]);
        }

        return sb.Append('\n').ToString();
    }

    /// <summary>n CJK characters of neutral filler starting at offset.</summary>
    public static string Chars(int n, int offset = 0)
    {
        var s = string.Empty;
        while (s.Length < n + offset)
        {
            s += Filler;
        }

        return s.Substring(offset, n);
    }

    /// <summary>A paragraph's first line (32 characters: the lost 2-character indent).</summary>
    public static string First(int offset = 0) => Chars(32, offset);

    /// <summary>A full body line (34 characters).</summary>
    public static string Full(int offset = 0) => Chars(34, offset);

    /// <summary>A last line of n characters ending in 。.</summary>
    public static string Last(int n, int offset = 0) => Chars(n - 1, offset) + "。";
}
