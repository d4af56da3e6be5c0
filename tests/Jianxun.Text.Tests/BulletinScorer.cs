using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Jianxun.Text.Tests;

/// <summary>A port of shared/samples/score.py: the nine figures and their mean.</summary>
internal static partial class BulletinScorer
{
    public static readonly string[] Figures =
    [
        "section_f1", "article_f1", "title_exact", "credit_exact", "paragraph_similarity",
        "paragraph_count_acc", "person_name_f1", "person_title_f1", "date_f1",
    ];

    [GeneratedRegex(@"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日$")]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"^\d+、")]
    private static partial Regex BriefPrefix();

    public static Dictionary<string, double> Score(string truthJson, string predJson)
    {
        var truth = JsonNode.Parse(truthJson)!.AsObject();
        var pred = JsonNode.Parse(predJson) as JsonObject ?? [];
        var res = new Dictionary<string, double>();
        res["section_f1"] = F1(Count(Sections(truth)), Count(Sections(pred)));

        var tarts = Articles(truth);
        var parts = Articles(pred);
        var m = Match(tarts, parts);
        var nm = m.Count(x => x is not null);
        res["article_f1"] = tarts.Count + parts.Count > 0 ? 2.0 * nm / (tarts.Count + parts.Count) : 1.0;

        int titleOk = 0, creditOk = 0, countOk = 0;
        double sims = 0;
        for (var i = 0; i < tarts.Count; i++)
        {
            if (m[i] is not { } j)
            {
                continue;
            }

            var t = tarts[i];
            var p = parts[j];
            var tt = NullIfEmpty(Norm(Str(t["title"])));
            var pt = NullIfEmpty(Norm(Str(p["title"])));
            if (tt == pt && (Number(t) is null || Number(t) == Number(p)))
            {
                titleOk++;
            }

            if (CreditKey(t["credit"]) == CreditKey(p["credit"]))
            {
                creditOk++;
            }

            var tb = Body(t);
            var pb = Body(p);
            sims += tb == pb ? 1.0 : Ratio(tb, pb);
            if (List(t["paragraphs"]).Count == List(p["paragraphs"]).Count)
            {
                countOk++;
            }
        }

        var n = tarts.Count;
        res["title_exact"] = n > 0 ? (double)titleOk / n : 1.0;
        res["credit_exact"] = n > 0 ? (double)creditOk / n : 1.0;
        res["paragraph_similarity"] = n > 0 ? sims / n : 1.0;
        res["paragraph_count_acc"] = n > 0 ? (double)countOk / n : 1.0;
        var (tn, tp) = Persons(tarts);
        var (pn, pp) = Persons(parts);
        res["person_name_f1"] = F1(tn, pn);
        res["person_title_f1"] = F1(tp, pp);
        res["date_f1"] = F1(Pooled(tarts, "dates", NormDate), Pooled(parts, "dates", NormDate));
        res["score"] = Figures.Sum(f => res[f]) / Figures.Length;
        return res;
    }

    public static string Norm(string? s) => s is null ? string.Empty : TextNormalizer.Normalize(s).Trim();

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToString();

    private static List<JsonNode?> List(JsonNode? n) => n as JsonArray is { } a ? [.. a] : [];

    private static IEnumerable<string> Sections(JsonObject doc) =>
        List(doc["sections"]).OfType<JsonObject>().Select(s => Norm(Str(s["name"])).Trim('[', ']', '【', '】', ' '));

    private static List<JsonObject> Articles(JsonObject doc) =>
        List(doc["sections"]).OfType<JsonObject>().SelectMany(s => List(s["articles"]).OfType<JsonObject>()).ToList();

    private static string Body(JsonObject a) => string.Concat(List(a["paragraphs"]).Select(p => Norm(Str(p))));

    private static string Key20(JsonObject a)
    {
        var b = BriefPrefix().Replace(Body(a), string.Empty, 1);
        return b.Length > 20 ? b[..20] : b;
    }

    private static int? Number(JsonObject a) => a["number"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    private static List<int?> Match(List<JsonObject> tarts, List<JsonObject> parts)
    {
        var m = new List<int?>(tarts.Select(_ => (int?)null));
        var used = new HashSet<int>();
        for (var i = 0; i < tarts.Count; i++)
        {
            var tt = Norm(Str(tarts[i]["title"]));
            if (tt.Length == 0)
            {
                continue;
            }

            for (var j = 0; j < parts.Count; j++)
            {
                if (!used.Contains(j) && Norm(Str(parts[j]["title"])) == tt)
                {
                    m[i] = j;
                    used.Add(j);
                    break;
                }
            }
        }

        for (var i = 0; i < tarts.Count; i++)
        {
            if (m[i] is not null)
            {
                continue;
            }

            var k = Key20(tarts[i]);
            if (k.Length == 0)
            {
                continue;
            }

            for (var j = 0; j < parts.Count; j++)
            {
                if (!used.Contains(j) && Key20(parts[j]) == k)
                {
                    m[i] = j;
                    used.Add(j);
                    break;
                }
            }
        }

        return m;
    }

    private static string? CreditKey(JsonNode? c)
    {
        if (c is not JsonObject o)
        {
            return null;
        }

        var units = List(o["units"]).Select(u => Norm(Str(u))).Order(StringComparer.Ordinal);
        var authors = List(o["authors"]).Select(u => Norm(Str(u))).Order(StringComparer.Ordinal);
        return string.Join("\u0001", units) + "\u0002" + string.Join("\u0001", authors);
    }

    private static (Dictionary<string, int> Names, Dictionary<string, int> Pairs) Persons(List<JsonObject> arts)
    {
        var names = new Dictionary<string, int>();
        var pairs = new Dictionary<string, int>();
        foreach (var p in arts.SelectMany(a => List(a["persons"]).OfType<JsonObject>()))
        {
            var n = Norm(Str(p["name"]));
            if (n.Length == 0)
            {
                continue;
            }

            Add(names, n);
            foreach (var t in List(p["titles"]).Select(x => Norm(Str(x))).Distinct().Where(t => t.Length > 0))
            {
                Add(pairs, n + "\u0001" + t);
            }
        }

        return (names, pairs);
    }

    private static Dictionary<string, int> Pooled(List<JsonObject> arts, string field, Func<string?, string> fn)
    {
        var c = new Dictionary<string, int>();
        foreach (var a in arts)
        {
            foreach (var x in List(a[field]).Select(v => fn(Str(v))).Distinct().Where(x => x.Length > 0))
            {
                Add(c, x);
            }
        }

        return c;
    }

    public static string NormDate(string? s)
    {
        var n = Norm(s);
        n = new string(n.Select(ch => ch is >= '０' and <= '９' ? (char)('0' + (ch - '０')) : ch).ToArray()).Replace(" ", string.Empty);
        var m = DateRegex().Match(n);
        if (!m.Success)
        {
            return n;
        }

        var y = m.Groups[1].Success ? m.Groups[1].Value + "年" : string.Empty;
        return y + int.Parse(m.Groups[2].Value) + "月" + int.Parse(m.Groups[3].Value) + "日";
    }

    private static Dictionary<string, int> Count(IEnumerable<string> items)
    {
        var c = new Dictionary<string, int>();
        foreach (var i in items)
        {
            Add(c, i);
        }

        return c;
    }

    private static void Add(Dictionary<string, int> c, string k) => c[k] = c.GetValueOrDefault(k) + 1;

    public static double F1(Dictionary<string, int> truth, Dictionary<string, int> pred)
    {
        var nt = truth.Values.Sum();
        var np = pred.Values.Sum();
        if (nt == 0 && np == 0)
        {
            return 1.0;
        }

        if (nt == 0 || np == 0)
        {
            return 0.0;
        }

        var inter = truth.Sum(kv => Math.Min(kv.Value, pred.GetValueOrDefault(kv.Key)));
        return 2.0 * inter / (nt + np);
    }

    /// <summary>difflib.SequenceMatcher(None, a, b, autojunk=False).ratio().</summary>
    public static double Ratio(string a, string b)
    {
        if (a.Length + b.Length == 0)
        {
            return 1.0;
        }

        var b2j = new Dictionary<char, List<int>>();
        for (var j = 0; j < b.Length; j++)
        {
            if (!b2j.TryGetValue(b[j], out var l))
            {
                b2j[b[j]] = l = [];
            }

            l.Add(j);
        }

        var matched = 0;
        var queue = new Stack<(int, int, int, int)>();
        queue.Push((0, a.Length, 0, b.Length));
        while (queue.Count > 0)
        {
            var (alo, ahi, blo, bhi) = queue.Pop();
            var (i, j, k) = Longest(a, b2j, alo, ahi, blo, bhi);
            if (k == 0)
            {
                continue;
            }

            matched += k;
            if (alo < i && blo < j)
            {
                queue.Push((alo, i, blo, j));
            }

            if (i + k < ahi && j + k < bhi)
            {
                queue.Push((i + k, ahi, j + k, bhi));
            }
        }

        return 2.0 * matched / (a.Length + b.Length);
    }

    private static (int, int, int) Longest(string a, Dictionary<char, List<int>> b2j, int alo, int ahi, int blo, int bhi)
    {
        int besti = alo, bestj = blo, bestsize = 0;
        var j2len = new Dictionary<int, int>();
        for (var i = alo; i < ahi; i++)
        {
            var newj2len = new Dictionary<int, int>();
            if (b2j.TryGetValue(a[i], out var js))
            {
                foreach (var j in js)
                {
                    if (j < blo)
                    {
                        continue;
                    }

                    if (j >= bhi)
                    {
                        break;
                    }

                    var k = newj2len[j] = j2len.GetValueOrDefault(j - 1) + 1;
                    if (k > bestsize)
                    {
                        besti = i - k + 1;
                        bestj = j - k + 1;
                        bestsize = k;
                    }
                }
            }

            j2len = newj2len;
        }

        return (besti, bestj, bestsize);
    }
}
