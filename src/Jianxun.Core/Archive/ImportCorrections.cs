namespace Jianxun.Core.Archive;

/// <summary>
/// The editor's corrections to a preview before it is committed: fix an article, merge it into the
/// previous one, split it at a paragraph. Pure functions over the preview; nothing is saved here.
/// </summary>
public static class ImportCorrections
{
    private static readonly char[] ListSeparators = [' ', '　', '、', ',', '，', ';', '；'];

    /// <summary>Splits what an editor typed in one box (多个名字用空格或顿号分隔) into a list.</summary>
    public static IReadOnlyList<string> SplitList(string? text)
        => (text ?? "").Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Persons typed one per line as "姓名：职务、职务" (or just the name).</summary>
    public static IReadOnlyList<ImportPersonDto> ParsePersons(string? text)
        => [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
            {
                var parts = line.Split(['：', ':'], 2, StringSplitOptions.TrimEntries);
                return new ImportPersonDto(parts[0], parts.Length > 1 ? SplitList(parts[1]) : []);
            })
            .Where(p => p.Name.Length > 0)];

    public static string FormatPersons(IEnumerable<ImportPersonDto> persons)
        => string.Join('\n', persons.Select(p => p.Titles.Count == 0 ? p.Name : $"{p.Name}：{string.Join('、', p.Titles)}"));

    public static ImportPreviewDto Update(ImportPreviewDto draft, int section, int article, Func<ImportArticleDto, ImportArticleDto> change)
    {
        var s = Section(draft, section);
        var a = Article(s, article);
        var articles = s.Articles.ToList();
        articles[article] = change(a);
        return Replace(draft, section, s with { Articles = articles });
    }

    /// <summary>Appends the article to the one before it in the same column (a title the reader mistook for a new article).</summary>
    public static ImportPreviewDto MergeIntoPrevious(ImportPreviewDto draft, int section, int article)
    {
        var s = Section(draft, section);
        var current = Article(s, article);
        if (article == 0)
        {
            throw Common.ValidationException.For("merge", "这是本栏目的第一篇，前面没有可以合并的文章。");
        }
        var previous = s.Articles[article - 1];
        // The credit stands after the last paragraph, so the later article's credit is the merged one's.
        var hasCredit = current.CreditUnits.Count + current.CreditAuthors.Count > 0;
        var paragraphs = previous.Paragraphs.ToList();
        if (!string.IsNullOrWhiteSpace(current.Title) && !s.IsBriefs)
        {
            paragraphs.Add(current.Title.Trim());
        }
        paragraphs.AddRange(current.Paragraphs);
        var merged = previous with
        {
            Paragraphs = paragraphs,
            CreditUnits = hasCredit ? current.CreditUnits : previous.CreditUnits,
            CreditAuthors = hasCredit ? current.CreditAuthors : previous.CreditAuthors,
            Persons = [.. previous.Persons.Concat(current.Persons).DistinctBy(p => p.Name, StringComparer.Ordinal)],
            Dates = [.. previous.Dates.Concat(current.Dates).Distinct(StringComparer.Ordinal)],
            Organizations = [.. previous.Organizations.Concat(current.Organizations).Distinct(StringComparer.Ordinal)],
            SourceLineStart = previous.SourceLineStart ?? current.SourceLineStart,
            SourceLineEnd = current.SourceLineEnd ?? previous.SourceLineEnd,
        };
        var articles = s.Articles.ToList();
        articles[article - 1] = merged;
        articles.RemoveAt(article);
        return Replace(draft, section, s with { Articles = Renumber(s.IsBriefs, articles) });
    }

    /// <summary>Splits an article before paragraph <paramref name="paragraph"/> (0-based): the rest becomes a new article with the credit.</summary>
    public static ImportPreviewDto Split(ImportPreviewDto draft, int section, int article, int paragraph)
    {
        var s = Section(draft, section);
        var a = Article(s, article);
        if (paragraph <= 0 || paragraph >= a.Paragraphs.Count)
        {
            throw Common.ValidationException.For("split", "请选择从第二段到最后一段之间的某一段作为新文章的开头。");
        }
        var first = a with { Paragraphs = [.. a.Paragraphs.Take(paragraph)], CreditUnits = [], CreditAuthors = [] };
        // A titled article's new half takes its first paragraph as the title when it is short enough to be one.
        var rest = a.Paragraphs.Skip(paragraph).ToList();
        string? title = null;
        if (!s.IsBriefs && rest.Count > 1 && rest[0].Length <= 40)
        {
            title = rest[0];
            rest.RemoveAt(0);
        }
        var second = a with { Title = s.IsBriefs ? null : title ?? "", Paragraphs = rest };
        var articles = s.Articles.ToList();
        articles[article] = first;
        articles.Insert(article + 1, second);
        return Replace(draft, section, s with { Articles = Renumber(s.IsBriefs, articles) });
    }

    private static List<ImportArticleDto> Renumber(bool briefs, List<ImportArticleDto> articles)
        => briefs ? [.. articles.Select((a, i) => a with { Number = i + 1 })] : articles;

    private static ImportSectionDto Section(ImportPreviewDto draft, int section)
        => section >= 0 && section < draft.Sections.Count ? draft.Sections[section] : throw new Common.NotFoundException("找不到该栏目。");

    private static ImportArticleDto Article(ImportSectionDto s, int article)
        => article >= 0 && article < s.Articles.Count ? s.Articles[article] : throw new Common.NotFoundException("找不到该文章。");

    private static ImportPreviewDto Replace(ImportPreviewDto draft, int index, ImportSectionDto section)
    {
        var sections = draft.Sections.ToList();
        sections[index] = section;
        return draft with { Sections = sections };
    }
}
