namespace Jianxun.Text;

/// <summary>Splits the tokens of a credit into units and authors.</summary>
internal static class CreditParser
{
    private static readonly char[] Separators = [' ', '\t', '\u3000', '\u00a0', '\n'];

    public static ArticleCredit Parse(string body, IUnitRegistry? registry)
    {
        var tokens = body.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(TextNormalizer.Normalize)
            .Where(t => t.Length > 0)
            .ToList();
        var known = registry?.Units.SelectMany(u => u.AllNames()).ToHashSet(StringComparer.Ordinal) ?? [];
        var isPerson = tokens.Select(t => !known.Contains(t) && ChineseNames.LooksLikeName(t)).ToList();

        // Credits list units before writers: a name-like token before a clear unit is a unit's short name.
        var lastUnit = isPerson.FindLastIndex(p => !p);
        var units = new List<string>();
        var authors = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (isPerson[i] && i > lastUnit)
            {
                authors.Add(tokens[i]);
            }
            else
            {
                units.Add(tokens[i]);
            }
        }

        return new ArticleCredit { Units = units, Authors = authors };
    }

    /// <summary>True when text ends like a unit name (so a line break after it separated two credit tokens).</summary>
    public static bool EndsLikeUnit(string text)
    {
        var t = text.TrimEnd();
        var start = t.Length;
        while (start > 0 && ChineseNames.IsCjk(t[start - 1]))
        {
            start--;
        }

        var tail = t[start..];
        return tail.Length >= 2 && ChineseNames.LooksLikeOrganization(tail);
    }
}
