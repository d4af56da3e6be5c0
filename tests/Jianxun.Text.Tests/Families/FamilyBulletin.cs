using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Jianxun.Text.Tests.Families;

/// <summary>How a credit is written: on its own line in 【】, in （） at the end of the last paragraph, or bare.</summary>
internal enum CreditStyle
{
    Bracketed,
    InlineParen,
    ParenLine,
    Bare,
}

/// <summary>One invented article: the headline as its lines, the body, and what a perfect import reads from it.</summary>
internal sealed class FamilyArticle
{
    /// <summary>The headline's lines as a writer breaks them (a second line, a ——记… sub-title); empty for a brief.</summary>
    public List<string> TitleLines { get; } = [];

    /// <summary>How many of <see cref="TitleLines"/> are the main headline (the rest is a sub-title).</summary>
    public int MainTitleLines { get; set; }

    public int? Number { get; init; }

    public List<string> Paragraphs { get; } = [];

    public (string Unit, List<string> Authors)? Credit { get; set; }

    public CreditStyle CreditStyle { get; set; }

    public string? EditorsNote { get; set; }

    /// <summary>A photo after this paragraph (its index), with a caption (图为…).</summary>
    public int? PhotoAfter { get; set; }

    public string? Caption { get; set; }

    public List<string> Dates { get; } = [];

    public List<(string Name, List<string> Titles)> Persons { get; } = [];
}

internal sealed class FamilySection
{
    public required string Name { get; init; }

    public List<FamilyArticle> Articles { get; } = [];
}

/// <summary>An invented bulletin (all names, units and places are made up), made from a seed.</summary>
internal sealed class FamilyBulletin
{
    private static readonly string[] Places = ["青溪", "松岚", "北湾", "云岭", "梧桐", "金沙", "白鹭", "南塘", "清河", "石门", "桂湖", "枫桥"];
    private static readonly string[] UnitKinds = ["城投集团", "产业集团", "水务集团", "建工集团", "文旅集团", "公交公司", "资产经营公司", "科创集团", "农业发展公司", "燃气公司", "环境集团", "商贸集团"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "田", "董", "潘", "袁", "蔡", "蒋", "余", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "沈", "姚", "卢", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "严", "覃", "戴", "孔", "汤"];
    private static readonly string[] GivenChars = ["建", "国", "文", "华", "明", "志", "海", "晓", "丽", "静", "伟", "芳", "军", "敏", "强", "磊", "洋", "勇", "艳", "杰", "涛", "超", "秀", "霞", "平", "刚", "桂", "英", "辉", "鹏", "娟", "宇", "欣", "怡", "琳", "博", "睿", "凯", "嘉", "俊", "婷", "雪", "晨", "峰", "亮", "琦", "岚", "璐", "彤", "航"];

    private static readonly string[] Meetings = ["年度安全生产工作会议", "党风廉政建设工作会议", "第三届职工代表大会", "一季度经营分析会", "项目建设推进会", "人才工作座谈会", "数字化转型工作部署会"];
    private static readonly string[] Slogans = ["跑出项目建设加速度", "以实干托起民生温度", "绘就乡村振兴新图景", "把服务送到群众家门口", "守好城市运行生命线", "让老街区焕发新活力", "在攻坚一线淬炼担当"];
    private static readonly string[] Teams = ["青年突击队", "抢修班组", "城南项目部", "客户服务中心", "智慧运维团队", "安全督导组"];
    private static readonly string[] Topics = ["重点项目推进", "安全生产隐患排查", "年度经营目标完成", "国企改革深化提升行动", "服务民生保障", "科技创新平台建设"];
    private static readonly string[] Actions = ["组织开展消防应急疏散演练", "召开党纪学习教育专题会", "举办新员工入职培训班", "完成年度财务决算审计", "开展夏季高温慰问活动", "组织职工参加无偿献血", "举办廉洁文化主题展览", "开展防汛应急物资检查"];
    private static readonly string[] Fillers =
    [
        "会议总结了前一阶段工作取得的成效，分析了当前面临的形势和任务，明确了下一阶段的工作重点。",
        "要坚持问题导向，压实各级责任，把各项措施落到实处，确保取得实实在在的成效。",
        "双方将在项目投资、产业招商、人才培养等方面深化合作，实现资源共享、优势互补。",
        "要进一步增强风险意识，健全隐患排查治理机制，坚决守住安全生产底线。",
        "与会人员围绕主题进行了深入交流，纷纷表示将以更加饱满的热情投入到工作中去。",
        "下一步，企业将持续优化服务流程，提升服务质量，不断增强群众的获得感和满意度。",
        "活动现场气氛热烈，参与职工表示收获很大，对今后做好本职工作更有信心。",
        "要聚焦主责主业，加快培育新的增长点，推动企业高质量发展迈上新台阶。",
        "近年来，企业坚持以党建引领业务发展，把组织优势转化为发展优势。",
        "项目建成后，将有效改善周边居民出行条件，进一步完善区域功能配套。",
        "各部门要加强协同配合，形成工作合力，确保各项目标任务按期完成。",
        "团队成员白天奔走在施工一线，晚上整理资料、复盘问题，常常忙到深夜。",
        "据了解，该平台已接入各类设备三千余台，初步实现了运行数据的实时监测。",
        "此次活动进一步增强了职工的安全意识和应急处置能力，取得了良好效果。",
        "他强调，要以钉钉子精神抓好落实，做到件件有着落、事事有回音。",
        "截至目前，项目主体结构已全部完成，正在有序推进室内装修和设备安装。",
        "大家一致认为，要把学习成果转化为推动工作的实际行动，以新担当展现新作为。",
        "针对检查中发现的问题，现场提出了整改要求，并明确了整改时限和责任人。",
    ];

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random _random;
    private readonly HashSet<string> _names = [];

    public string Masthead { get; private set; } = "简讯";

    public int Year { get; private set; }

    public int Month { get; private set; }

    public int Issue { get; private set; }

    public int TotalIssue { get; private set; }

    public int Day { get; private set; }

    public string Issuer { get; private set; } = string.Empty;

    public List<FamilySection> Sections { get; } = [];

    public List<string> Distribution { get; } = [];

    private FamilyBulletin(int seed) => _random = new Random(seed);

    /// <summary>Invents a bulletin from a seed: the same seed always gives the same bulletin.</summary>
    public static FamilyBulletin Invent(int seed)
    {
        var b = new FamilyBulletin(seed);
        b.Build();
        return b;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double p) => _random.NextDouble() < p;

    private string Unit() => Pick(Places) + Pick(UnitKinds);

    private string Person()
    {
        while (true)
        {
            var name = Pick(Surnames) + Pick(GivenChars) + (Chance(0.6) ? Pick(GivenChars) : string.Empty);
            if (name.Length >= 2 && name[1..].Distinct().Count() == name.Length - 1 && _names.Add(name))
            {
                return name;
            }
        }
    }

    private string Date(out string truth)
    {
        var day = _random.Next(1, 28);
        truth = string.Create(CultureInfo.InvariantCulture, $"{Month}月{day}日");
        return truth + (Chance(0.4) ? Pick(new[] { "上午", "下午" }) : string.Empty);
    }

    private string Filler() => Pick(Fillers);

    private void Build()
    {
        Year = 2024 + _random.Next(3);
        Month = _random.Next(1, 13);
        Issue = _random.Next(1, 24);
        TotalIssue = Issue + (12 * _random.Next(5, 20));
        Day = _random.Next(1, 29);
        var place = Pick(Places);
        Masthead = Pick(new[] { "简讯", "国资简讯", place + "国资简讯", "工作简讯" });
        Issuer = Pick(new[] { place + "区国资委", place + "区国有资产监督管理委员会", place + "区国资委办公室" });

        var columns = new List<string> { "领导关注", "国资动态", "国企动态", "基层风采", "党建引领", "安全生产", "工作动态" };
        var count = 3 + _random.Next(2);
        var names = columns.OrderBy(_ => _random.Next()).Take(count - 1).ToList();
        foreach (var name in names)
        {
            var section = new FamilySection { Name = name };
            var articles = 1 + _random.Next(2);
            for (var i = 0; i < articles; i++)
            {
                section.Articles.Add(TitledArticle(i == 0 && Chance(0.3)));
            }

            Sections.Add(section);
        }

        var briefs = new FamilySection { Name = Pick(new[] { "简讯", "基层简讯", "动态速览" }) };
        var n = 3 + _random.Next(3);
        for (var i = 1; i <= n; i++)
        {
            briefs.Articles.Add(Brief(i));
        }

        Sections.Add(briefs);
        Distribution.Add("报：区委办公室、区政府办公室");
        Distribution.Add("送：区人大常委会办公室、区政协办公室");
        Distribution.Add("发：各区属企业");
        Distribution.Add(string.Create(CultureInfo.InvariantCulture, $"共印{20 + (5 * _random.Next(6))}份"));
    }

    private FamilyArticle TitledArticle(bool editorsNote)
    {
        var a = new FamilyArticle();
        var unit = Unit();
        var other = Unit();
        var lead = Person();
        var second = Person();
        var leadTitles = Pick(new List<string>[] { [unit[..2] + "区委常委", "副区长"], ["区国资委党委书记", "主任"], [unit + "党委书记", "董事长"], ["区政府副区长"] });
        var secondTitles = Pick(new List<string>[] { ["党委副书记", "总经理"], ["副总经理"], [unit + "党委副书记", "纪委书记", "工会主席"], ["区国资委副主任"] });
        var kind = _random.Next(5);
        var meeting = Pick(Meetings);
        switch (kind)
        {
            case 0:
                a.TitleLines.Add(unit + "召开" + meeting);
                break;
            case 1:
                a.TitleLines.Add(unit + "与" + other + "签署战略合作协议");
                break;
            case 2:
                a.TitleLines.Add(unit + "：" + Pick(Slogans));
                break;
            case 3:
                a.TitleLines.Add(Pick(Slogans));
                a.MainTitleLines = 1;
                a.TitleLines.Add("——记" + unit + Pick(Teams));
                break;
            default:
                a.TitleLines.Add("区领导赴" + unit + "调研");
                a.TitleLines.Add(Pick(Topics) + "工作");
                break;
        }

        if (a.MainTitleLines == 0)
        {
            a.MainTitleLines = a.TitleLines.Count;
        }

        var date = Date(out var dateTruth);
        a.Dates.Add(dateTruth);
        var leadMention = string.Join("、", leadTitles) + lead;
        var secondMention = string.Join("、", secondTitles) + second;
        var first = kind switch
        {
            1 => $"{date}，{unit}与{other}在{unit[..2]}举行战略合作协议签约仪式。{leadMention}出席签约仪式并致辞，{secondMention}代表企业签约。",
            3 => $"{date}，记者走进{unit}，{secondMention}介绍了团队的情况。{Filler()}",
            4 => $"{date}，{leadMention}一行赴{unit}调研{Pick(Topics)}工作，{secondMention}陪同调研。",
            _ => $"{date}，{unit}召开{meeting}。{leadMention}出席会议并讲话，{secondMention}主持会议。{unit}各部门负责人参加会议。",
        };
        a.Paragraphs.Add(first);
        if (kind == 3)
        {
            a.Persons.Add((second, secondTitles));
        }
        else
        {
            a.Persons.Add((lead, leadTitles));
            a.Persons.Add((second, secondTitles));
        }

        var speaker = kind == 3 ? second : lead;
        a.Paragraphs.Add($"{speaker}指出，{Filler()}{Filler()}");
        if (Chance(0.7))
        {
            if (Chance(0.4))
            {
                var later = Date(out var laterTruth);
                if (!a.Dates.Contains(laterTruth))
                {
                    a.Dates.Add(laterTruth);
                }

                a.Paragraphs.Add($"{later}，{unit}还组织召开专题会议，对相关工作作了具体安排。{Filler()}");
            }
            else
            {
                a.Paragraphs.Add(Filler() + Filler());
            }
        }

        if (Chance(0.5))
        {
            a.Paragraphs.Add(Pick(new[] { "会上，", "会后，", "此外，", "下一步，" }) + Filler().TrimStart('下', '一', '步', '，'));
        }

        var authors = Enumerable.Range(0, _random.Next(3)).Select(_ => Person()).ToList();
        a.Credit = Chance(0.9) ? (Pick(new[] { unit, unit + "办公室", unit + "党群工作部" }), authors) : null;
        a.CreditStyle = (CreditStyle)_random.Next(4);
        if (editorsNote)
        {
            a.EditorsNote = "编者按：" + Filler() + Filler();
        }

        if (Chance(0.4))
        {
            a.PhotoAfter = _random.Next(a.Paragraphs.Count);
            a.Caption = "图为" + Pick(new[] { "会议现场", "签约现场", "调研现场", "活动现场", "施工现场" }) + "。";
        }

        return a;
    }

    private FamilyArticle Brief(int number)
    {
        var a = new FamilyArticle { Number = number };
        var date = Date(out var dateTruth);
        a.Dates.Add(dateTruth);
        var unit = Unit();
        if (Chance(0.4))
        {
            var name = Person();
            var titles = Pick(new List<string>[] { ["党委书记", "董事长"], ["总经理"], ["副总经理"] });
            a.Persons.Add((name, titles));
            a.Paragraphs.Add($"{date}，{unit}{Pick(Actions)}，{string.Join("、", titles)}{name}参加活动。{Filler()}");
        }
        else
        {
            a.Paragraphs.Add($"{date}，{unit}{Pick(Actions)}。{Filler()}");
        }

        return a;
    }

    /// <summary>The headline as the truth has it: its lines joined, a ——记… sub-title included.</summary>
    public static string? TruthTitle(FamilyArticle a) => a.TitleLines.Count == 0 ? null : string.Concat(a.TitleLines);

    /// <summary>The truth JSON in the scorer's shape (shared/samples/README.md).</summary>
    public string TruthJson()
    {
        var truth = new
        {
            masthead = Masthead,
            sections = Sections.Select(s => new
            {
                name = s.Name,
                articles = s.Articles.Select(a => new
                {
                    title = TruthTitle(a),
                    number = a.Number,
                    paragraphs = a.Paragraphs.Select(p => TextNormalizer.Normalize(p)).ToList(),
                    credit = a.Credit is { } c ? new { units = new[] { c.Unit }, authors = c.Authors } : null,
                    dates = a.Dates,
                    persons = a.Persons.Select(p => new { name = p.Name, titles = p.Titles }).ToList(),
                    organizations = Array.Empty<string>(),
                }).ToList(),
            }).ToList(),
        };
        return JsonSerializer.Serialize(truth, JsonOptions) + "\n";
    }

    /// <summary>The credit as written: 【供稿：单位 作者】 and the other styles.</summary>
    public static string CreditText(FamilyArticle a)
    {
        var (unit, authors) = a.Credit!.Value;
        var body = "供稿：" + string.Join(" ", authors.Prepend(unit));
        return a.CreditStyle switch
        {
            CreditStyle.Bracketed => "【" + body + "】",
            CreditStyle.InlineParen or CreditStyle.ParenLine => "（" + body + "）",
            _ => body,
        };
    }

    public string IssueLine(bool spaced) => spaced
        ? string.Create(CultureInfo.InvariantCulture, $"第 {Issue} 期")
        : string.Create(CultureInfo.InvariantCulture, $"{Year}年第{Issue}期（总第{TotalIssue}期）");

    public string DateText => string.Create(CultureInfo.InvariantCulture, $"{Year}年{Month}月{Day}日");
}
