using System.Globalization;
using System.Text.RegularExpressions;

namespace Jianxun.Text;

/// <summary>Finds dates, persons (with their titles) and organisations in article bodies.</summary>
public sealed partial class EntityExtractor
{
    // Words that introduce a list of people.
    private static readonly string[] ListLeads = ["领导", "同志", "的有", "包括", "分别是", "成员"];

    private const string RegionDelimiters = "，。；：！？“”‘’（）()《》【】[],;:!?「」　 \t\n";

    private readonly IUnitRegistry? _units;
    private readonly List<(string Name, string Key)> _unitNames;
    private readonly string[] _knownPersons;

    [GeneratedRegex(@"(?<!\d)(?:(?<y>\d{4})年)?(?<m>\d{1,2})月(?<d>\d{1,2})(?:日(?:上午|下午|晚上|早上|中午|凌晨|晚)?(?:至|到|—|–|-|~|～|－)(?:(?<m2>\d{1,2})月)?(?<d2>\d{1,2})日|(?:至|到|—|–|-|~|～|－)(?<d3>\d{1,2})日|日)")]
    private static partial Regex DateRegex();

    // Words and times that come before a title but are not part of it ("会议邀请了区委书记…").
    [GeneratedRegex(@"(\d{1,2}日|上午|下午|晚上|会上|当天|其中|包括|以及|邀请|会见|看望|慰问|接待|迎接|听取|率领|带领|陪同|由|了|向|对|请|在|把|被|让|给|并|与|和(?!改革)|及)")]
    private static partial Regex TitleCutRegex();

    [GeneratedRegex(@"(?<=^|[，。；：、“”（）《》\s赴在与和及对由向到为是])(?<org>[\u4e00-\u9fff]{0,16}?(?:有限公司|股份公司|集团|公司|国资委|区委|区政府|市委|市政府|委员会|研究院|创新中心|服务中心|中心|大学|学院|中学|小学|幼儿园|医院|银行|协会|商会|产业园|孵化器|工业园))")]
    private static partial Regex OrganizationRegex();

    private static readonly HashSet<string> GenericOrganizationWords = new(StringComparer.Ordinal)
    {
        "集团", "公司", "中心", "委员会", "大学", "学院", "中学", "小学", "医院", "银行", "协会", "商会", "研究院", "产业园", "有限公司",
    };

    // Verbs and particles that come before an organisation name but are not part of it.
    [GeneratedRegex(@"(一行|依托|希望|推动|确保|完成|传达|研究|部署|学习|参观|调研|团结|代表|介绍|走进|来到|前往|深入|举办|召开|组织|联合|携手|[的了对赴就在与和及为向到把被从并是由将给])")]
    private static partial Regex OrganizationTrimRegex();

    /// <summary>
    /// Creates an extractor; registry names are added to the shared segmenter as words. <paramref name="knownPersons"/> (the
    /// archive's people, the users) are found without a title; those that do not look like a name are left out.
    /// </summary>
    public EntityExtractor(IUnitRegistry? units = null, IReadOnlyCollection<string>? knownPersons = null)
    {
        _units = units;
        _knownPersons = [.. (knownPersons ?? []).Select(n => TextNormalizer.Normalize(n)).Where(n => ChineseNames.LooksLikeName(n)).Distinct(StringComparer.Ordinal)];
        _unitNames = units?.Units
            .SelectMany(u => u.AllNames().Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => (Name: TextNormalizer.Normalize(n), u.Key)))
            .OrderByDescending(p => p.Name.Length)
            .ToList() ?? [];
        if (_unitNames.Count > 0)
        {
            ChineseSegmenter.Shared.AddWords(_unitNames.Select(p => p.Name), "nt");
        }
    }

    internal List<ParsedSection> Annotate(List<ParsedSection> sections, int? year)
    {
        // Pass 1: names that a title introduces anywhere in the issue are known in every article.
        var known = new HashSet<string>(_knownPersons, StringComparer.Ordinal);
        foreach (var a in sections.SelectMany(s => s.Articles))
        {
            foreach (var p in FindPersons(a.Paragraphs, []))
            {
                if (p.Titles.Count > 0)
                {
                    known.Add(p.Name);
                }
            }
        }

        return sections.Select(s => new ParsedSection
        {
            Name = s.Name,
            SourceLineStart = s.SourceLineStart,
            SourceLineEnd = s.SourceLineEnd,
            Articles = s.Articles.Select(a => AnnotateArticle(a, year, known)).ToList(),
        }).ToList();
    }

    private ParsedArticle AnnotateArticle(ParsedArticle a, int? year, HashSet<string> issueNames)
    {
        var credit = a.CreditSource is null ? null : CreditParser.Parse(a.CreditSource, _units);
        var known = new HashSet<string>(issueNames, StringComparer.Ordinal);
        known.UnionWith(credit?.Authors ?? []);
        var body = string.Concat(a.Paragraphs);
        var dates = ExtractDates(body);
        var organizations = ExtractOrganizations(body);
        var links = _unitNames
            .Where(u => body.Contains(u.Name, StringComparison.Ordinal) || (credit?.Units.Contains(u.Name, StringComparer.Ordinal) ?? false))
            .Select(u => new UnitLink(u.Name, u.Key))
            .DistinctBy(l => l.Name)
            .ToList();
        return new ParsedArticle
        {
            Title = a.Title,
            Number = a.Number,
            Paragraphs = a.Paragraphs,
            Credit = credit,
            CreditSource = a.CreditSource,
            Dates = dates.Select(d => d.Text).ToList(),
            ResolvedDates = dates.Select(d => Resolve(d, year)).OfType<DateOnly>().ToList(),
            Persons = FindPersons(a.Paragraphs, known),
            Organizations = organizations,
            UnitLinks = links,
            SourceLineStart = a.SourceLineStart,
            SourceLineEnd = a.SourceLineEnd,
        };
    }

    /// <summary>Day-precision dates as written (<c>M月D日</c> or <c>YYYY年M月D日</c>), unique, in order.</summary>
    public static IReadOnlyList<string> FindDates(string body) => ExtractDates(TextNormalizer.Normalize(body)).Select(d => d.Text).ToList();

    internal static List<(string Text, int? Year, int Month, int Day)> ExtractDates(string body)
    {
        var result = new List<(string Text, int? Year, int Month, int Day)>();
        void Add(int? y, int m, int d)
        {
            if (m is < 1 or > 12 || d is < 1 or > 31)
            {
                return;
            }

            var text = (y is null ? string.Empty : y.Value.ToString(CultureInfo.InvariantCulture) + "年")
                + m.ToString(CultureInfo.InvariantCulture) + "月" + d.ToString(CultureInfo.InvariantCulture) + "日";
            if (!result.Exists(r => r.Text == text))
            {
                result.Add((text, y, m, d));
            }
        }

        foreach (Match match in DateRegex().Matches(body))
        {
            int? year = match.Groups["y"].Success ? Number(match.Groups["y"].Value) : null;
            var month = Number(match.Groups["m"].Value);
            Add(year, month, Number(match.Groups["d"].Value));
            if (match.Groups["d2"].Success)
            {
                Add(null, match.Groups["m2"].Success ? Number(match.Groups["m2"].Value) : month, Number(match.Groups["d2"].Value));
            }
            else if (match.Groups["d3"].Success)
            {
                Add(null, month, Number(match.Groups["d3"].Value));
            }
        }

        return result;
    }

    private static DateOnly? Resolve((string Text, int? Year, int Month, int Day) d, int? issueYear)
    {
        var y = d.Year ?? issueYear;
        return y is { } year && year is >= 1 and <= 9999 && d.Day <= DateTime.DaysInMonth(year, d.Month)
            ? new DateOnly(year, d.Month, d.Day)
            : null;
    }

    private static int Number(string digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            n = (n * 10) + (int)char.GetNumericValue(c);
        }

        return n;
    }

    /// <summary>Organisation names as written in the body (informational).</summary>
    public IReadOnlyList<string> ExtractOrganizations(string body)
    {
        var found = new List<(int Index, string Name)>();
        foreach (Match m in OrganizationRegex().Matches(body))
        {
            var name = m.Groups["org"].Value;
            var cut = OrganizationTrimRegex().Matches(name);
            var start = cut.Count > 0 ? cut[^1].Index + cut[^1].Length : 0;
            foreach (var t in ChineseNames.TitleSuffixes)
            {
                var at = name.LastIndexOf(t, StringComparison.Ordinal);
                if (at >= 0 && at + t.Length > start && at + t.Length < name.Length)
                {
                    start = at + t.Length;
                }
            }

            name = name[start..];
            if (name.Length >= 2 && !GenericOrganizationWords.Contains(name))
            {
                found.Add((m.Index + start, name));
            }
        }

        foreach (var (name, _) in _unitNames)
        {
            var at = body.IndexOf(name, StringComparison.Ordinal);
            if (at >= 0)
            {
                found.Add((at, name));
            }
        }

        return found.OrderBy(f => f.Index).Select(f => f.Name).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The people in the paragraphs, each once, with every title written before a mention. A name is found after a title,
    /// as a known name (<paramref name="knownNames"/>) before a cue or punctuation, as surname + given name in a subject
    /// position (a clause's start) before a verb, and as an item of a list joined by <c>、</c> (or a last <c>和</c>) in which
    /// another item is a person and every item looks like a name (<c>王芳、李明和副区长张伟</c>).
    /// </summary>
    public static IReadOnlyList<PersonMention> FindPersons(IReadOnlyList<string> paragraphs, IReadOnlyCollection<string> knownNames)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        ArgumentNullException.ThrowIfNull(knownNames);
        var order = new List<string>();
        var titles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var known = knownNames.Where(n => n.Length > 0).GroupBy(n => n[0])
            .ToDictionary(g => g.Key, g => g.Distinct(StringComparer.Ordinal).OrderByDescending(n => n.Length).ToList());
        void Add(string name, IEnumerable<string> before)
        {
            if (!titles.TryGetValue(name, out var list))
            {
                list = [];
                titles[name] = list;
                order.Add(name);
            }

            foreach (var t in before)
            {
                if (!list.Contains(t, StringComparer.Ordinal))
                {
                    list.Add(t);
                }
            }
        }

        foreach (var paragraph in paragraphs)
        {
            var s = paragraph;
            var floor = 0;
            var i = 0;
            var found = new List<(int Start, string Name)>();
            while (i < s.Length)
            {
                var name = ChineseNames.IsCjk(s[i]) ? NameAt(s, i, known) : null;
                if (name is null)
                {
                    i++;
                    continue;
                }

                found.Add((i, name));
                Add(name, TitlesBefore(s, floor, i));
                i += name.Length;
                while (i < s.Length && "、和与及".Contains(s[i], StringComparison.Ordinal))
                {
                    i++;
                }

                floor = i;
            }

            foreach (var name in ListMembers(s, found))
            {
                Add(name, []);
            }
        }

        return order.Select(n => new PersonMention { Name = n, Titles = titles[n] }).ToList();
    }

    /// <summary>
    /// The untitled items of lists that hold a person found already: within a clause, items split by <c>、</c> (the last
    /// one also at <c>和/与/及</c>); a list counts when one item holds a found name and every other item is a name (whole,
    /// or a name followed by a title or cue word).
    /// </summary>
    private static List<string> ListMembers(string s, List<(int Start, string Name)> found)
    {
        var result = new List<string>();
        if (found.Count == 0 || !s.Contains('、', StringComparison.Ordinal))
        {
            return result;
        }

        var clauseStart = 0;
        for (var k = 0; k <= s.Length; k++)
        {
            if (k < s.Length && !RegionDelimiters.Contains(s[k], StringComparison.Ordinal))
            {
                continue;
            }

            var (from, to) = (clauseStart, k);
            clauseStart = k + 1;
            if (to - from < 5 || s.IndexOf('、', from, to - from) < 0 || !found.Exists(f => f.Start >= from && f.Start < to))
            {
                continue;
            }

            // Items, each with its offset; the last item is split again at a 和/与/及 that follows a name.
            var items = new List<(int At, string Text)>();
            var at = from;
            foreach (var part in s[from..to].Split('、'))
            {
                items.Add((at, part));
                at += part.Length + 1;
            }
            var (lastAt, lastText) = items[^1];
            var join = lastText.IndexOfAny(['和', '与', '及']);
            if (join >= 2 && join <= 4 && ChineseNames.LooksLikeName(lastText[..join], strongOnly: true))
            {
                items[^1] = (lastAt, lastText[..join]);
                items.Add((lastAt + join + 1, lastText[(join + 1)..]));
            }

            var names = new List<string>();
            var anchored = false;
            foreach (var (itemAt, text) in items)
            {
                if (found.Exists(f => f.Start >= itemAt && f.Start < itemAt + Math.Max(1, text.Length)))
                {
                    anchored = true;
                    continue;
                }

                var member = ListItemName(text);
                if (member is null)
                {
                    names.Clear();
                    anchored = false;
                    break;
                }

                names.Add(member);
            }

            if (anchored)
            {
                result.AddRange(names);
            }
        }

        return result;
    }

    /// <summary>An untitled list item as a name: the whole item, or a name followed by a title or a cue word (<c>张伟副主任</c>).</summary>
    private static string? ListItemName(string item)
    {
        if (item.Length is >= 2 and <= 4 && ChineseNames.LooksLikeName(item, strongOnly: true) && !IsCommonWord(item))
        {
            return item;
        }

        // The list's first item may carry what introduces the list: "公司领导颜东升", "出席的有戴云峰".
        foreach (var len in new[] { 3, 2 })
        {
            var lead = item.Length - len;
            if (lead > 0 && ChineseNames.LooksLikeName(item[lead..], strongOnly: true) && !IsCommonWord(item[lead..])
                && (ChineseNames.EndsWithTitle(item[..lead]) || ListLeads.Any(w => item.AsSpan(0, lead).EndsWith(w, StringComparison.Ordinal))))
            {
                return item[lead..];
            }
        }

        foreach (var len in new[] { 3, 2 })
        {
            if (item.Length > len && ChineseNames.LooksLikeName(item[..len], strongOnly: true) && !IsCommonWord(item[..len])
                && (ChineseNames.CueAt(item, len, strongOnly: false) || ChineseNames.TitleSuffixes.Any(t => item.IndexOf(t, len, StringComparison.Ordinal) is >= 0 and <= 5)))
            {
                return item[..len];
            }
        }

        return null;
    }

    private static string? NameAt(string s, int i, Dictionary<char, List<string>> known)
    {
        foreach (var k in known.GetValueOrDefault(s[i]) ?? [])
        {
            if (string.CompareOrdinal(s, i, k, 0, k.Length) == 0 && ChineseNames.CueAt(s, i + k.Length, strongOnly: false))
            {
                return k;
            }
        }

        if (!ChineseNames.IsSurnameAt(s, i, out var sl))
        {
            return null;
        }

        var titled = ChineseNames.TitleSuffixEndingAt(s, i) is not null;
        var delimited = i == 0 || !ChineseNames.IsCjk(s[i - 1]);
        if (!titled && !delimited)
        {
            return null;
        }

        var strongOnly = !titled;
        // A subject position: the start of a paragraph or clause, where a verb after the name makes it likely.
        var subject = !titled && (i == 0 || "，。；：！？".Contains(s[i - 1], StringComparison.Ordinal));
        var candidates = new List<string>();
        foreach (var len in new[] { sl + 2, sl + 1 })
        {
            if (i + len > s.Length)
            {
                continue;
            }

            var cand = s.Substring(i, len);
            if (ChineseNames.LooksLikeName(cand, strongOnly)
                && (ChineseNames.CueAt(s, i + len, strongOnly) || (subject && ChineseNames.SubjectVerbAt(s, i + len)))
                && (i + len < s.Length || titled))
            {
                candidates.Add(cand);
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        // Both lengths fit: "蒋平等参加" is 蒋平 + 等, but "韩振宇总结" is the whole name.
        // A list mark after the longer one settles it: "姜春和、薛文博" is 姜春和.
        var listAfterLonger = i + candidates[0].Length < s.Length && s[i + candidates[0].Length] == '、';
        var chosen = candidates.Count == 2 && !listAfterLonger && ChineseNames.CueAt(s, i + candidates[1].Length, strongOnly: false)
            ? candidates[1]
            : candidates[0];
        if (!titled && IsCommonWord(chosen))
        {
            return null;
        }

        return chosen;
    }

    private static bool IsCommonWord(string candidate)
    {
        var tags = ChineseSegmenter.Shared.Tag(candidate);
        return tags.Count == 1 && !tags[0].Tag.StartsWith("nr", StringComparison.Ordinal);
    }

    private static List<string> TitlesBefore(string s, int floor, int nameStart)
    {
        var j = nameStart;
        while (j > floor && !RegionDelimiters.Contains(s[j - 1], StringComparison.Ordinal))
        {
            j--;
        }

        var region = s[j..nameStart];
        var cuts = TitleCutRegex().Matches(region);
        if (cuts.Count > 0)
        {
            var last = cuts[^1];
            region = region[(last.Index + last.Length)..];
        }

        var result = new List<string>();
        var parts = region.Split('、');
        for (var k = parts.Length - 1; k >= 0; k--)
        {
            var p = parts[k].Trim();
            if (p.Length == 0 || p.Length > 30 || !ChineseNames.EndsWithTitle(p))
            {
                break;
            }

            result.Insert(0, p);
        }

        return result;
    }
}
